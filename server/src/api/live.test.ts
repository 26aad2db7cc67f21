import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { connectionResponseSchema, validateResponseSchema } from '@grmd/shared';
import { CARD_MESSAGE, startHarness, waitFor, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

describe('GET /api/connection', () => {
  it('reports sandbox mode, a masked client id, a working token and the bot identity', async () => {
    const res = await request(h.url).get('/api/connection');
    const c = connectionResponseSchema.parse(res.body);
    expect(c).toMatchObject({ mode: 'sandbox', token: { ok: true }, guest: { configured: true }, botConnector: { botId: h.config.botConnector.botId } });
    expect(c.clientId).toMatch(/…/);
    expect(res.text).not.toContain(h.sandbox!.defaultClient.clientId);
  });
});

describe('POST /api/validate', () => {
  it('returns the sanitized compiled message and its text fallback for an imported message', async () => {
    const message = structuredClone(CARD_MESSAGE);
    message.content[0]!.card.title = 'Hello <script>alert(1)</script><b>{{name}}</b>';
    const res = await request(h.url).post('/api/validate').send({ message });
    const v = validateResponseSchema.parse(res.body);
    expect(v.valid).toBe(true);
    const card = (v.message!.content![0] as { card: { title: string } }).card;
    expect(card.title).not.toMatch(/<|script/);
    expect(v.issues.some((i) => i.code.startsWith('sanitize.'))).toBe(true);
    expect(v.text).toContain('Book Now');
  });

  it('binds variables and compiles for the requested channel', async () => {
    const design = {
      formatVersion: 1,
      id: 'v1',
      name: 'Greeting',
      channel: 'webmessaging',
      variables: [{ name: 'first', sample: 'Sam' }],
      root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Hi {{first}}' }, children: [{ id: 'a', kind: 'action', props: { type: 'Postback', text: 'OK', payload: 'ok' }, children: [] }] }] },
    };
    const res = await request(h.url).post('/api/validate').send({ design, variables: { first: 'Ana' }, channel: 'sms' });
    const v = validateResponseSchema.parse(res.body);
    expect(v.text).toContain('Hi Ana');
  });

  it('answers 200 with error issues and their paths for an invalid message', async () => {
    const res = await request(h.url)
      .post('/api/validate')
      .send({ message: { type: 'Structured', content: [{ contentType: 'Card', card: { title: 'x', actions: [{ type: 'Link', text: 'Go', url: 'javascript:alert(1)' }] } }] } });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.issues.some((i: { severity: string; path: string }) => i.severity === 'error' && i.path.startsWith('content[0].card.actions[0]'))).toBe(true);
  });

  it('answers 400 when neither design nor message is given', async () => {
    const res = await request(h.url).post('/api/validate').send({ channel: 'sms' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});

describe('test conversations and sessions', () => {
  it('opens a guest conversation, links its bot session and shows a push as the client polls', async () => {
    const created = await request(h.url).post('/api/test-conversations').send({ text: 'Hi from the designer' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let conv: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !conv; i++) {
      const r = await request(h.url).get(`/api/test-conversations/${id}`);
      if (r.body.botSessionId) conv = r.body as Record<string, unknown>;
      else await new Promise((res) => setTimeout(res, 50));
    }
    if (!conv) throw new Error('the test conversation never linked a bot session');
    expect(conv).toMatchObject({ status: 'open', sent: [{ text: 'Hi from the designer' }] });
    const botSessionId = conv.botSessionId as string;

    const sessions = (await request(h.url).get('/api/sessions')).body.items;
    expect(sessions.some((s: { botSessionId: string }) => s.botSessionId === botSessionId)).toBe(true);

    const conversation = async () => (await request(h.url).get(`/api/test-conversations/${id}`)).body as { received: Record<string, unknown>[] };
    const timeline = async () => (await request(h.url).get(`/api/sessions/${botSessionId}`)).body.timeline as { kind: string; taps?: { payload: string }[] }[];
    const sent = await request(h.url)
      .post('/api/sends')
      .set('Idempotency-Key', `live-${id}`)
      .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    expect(sent.body.status).toBe('sent');
    const seen = await waitFor(async () => {
      const c = await conversation();
      return JSON.stringify(c.received).includes('50% off Flights to Norway') && c;
    });
    await waitFor(async () => (await timeline()).some((e) => e.kind === 'push'));
    // What Messenger received is exactly what the pipeline compiled (type, text and content).
    const compiled = (await request(h.url).post('/api/validate').send({ message: CARD_MESSAGE })).body.message as Record<string, unknown>;
    const got = seen.received.find((m) => JSON.stringify(m).includes('50% off Flights to Norway'))!;
    expect({ type: got.type, text: got.text, content: got.content }).toEqual(compiled);
    expect(got).toMatchObject({ direction: 'Outbound', originatingEntity: 'Bot' });

    // The guest taps the card's Postback: the bot session's timeline shows the decoded tap.
    const tapped = await request(h.url)
      .post(`/api/test-conversations/${id}/messages`)
      .send({ tap: { text: 'Book Now', payload: 'I want it' } });
    expect(tapped.status).toBe(200);
    expect(tapped.body.sent.at(-1)).toMatchObject({ text: 'Book Now', tap: { payload: 'I want it', type: 'Button' } });
    await waitFor(async () => (await timeline()).some((e) => e.kind === 'tap' && e.taps?.[0]?.payload === 'I want it'));
    expect((await request(h.url).post(`/api/test-conversations/${id}/messages`).send({ text: '' })).status).toBe(400);
  });

  it('arms a card for the session: the bot returns it in replyMessages of its answer to the next message, once', async () => {
    const created = await request(h.url).post('/api/test-conversations').send({ text: 'Hi' });
    const id = created.body.id as string;
    let botSessionId: string | undefined;
    for (let i = 0; i < 100 && !botSessionId; i++) {
      botSessionId = (await request(h.url).get(`/api/test-conversations/${id}`)).body.botSessionId ?? undefined;
      if (!botSessionId) await new Promise((res) => setTimeout(res, 50));
    }
    if (!botSessionId) throw new Error('the test conversation never linked a bot session');
    const pushesBefore = h.sandbox!.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing').length;

    const bad = structuredClone(CARD_MESSAGE);
    (bad.content[0]!.card.actions[0] as { url: string }).url = 'javascript:alert(1)';
    const refused = await request(h.url).put(`/api/sessions/${botSessionId}/armed`).send({ message: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues.some((i: { path: string }) => i.path === 'content[0].card.actions[0].url')).toBe(true);
    expect((await request(h.url).get(`/api/sessions/${botSessionId}`)).body.armed).toBeNull();

    const armed = await request(h.url).put(`/api/sessions/${botSessionId}/armed`).send({ message: CARD_MESSAGE });
    expect(armed.status).toBe(200);
    const compiled = (await request(h.url).post('/api/validate').send({ message: CARD_MESSAGE })).body.replyMessages;
    expect(armed.body.armed).toEqual(compiled);
    expect((await request(h.url).get(`/api/sessions/${botSessionId}`)).body.armed).toEqual(compiled);

    await request(h.url).post(`/api/test-conversations/${id}/messages`).send({ text: 'What do you have?' }).expect(200);
    let received: { content?: unknown }[] = [];
    for (let i = 0; i < 100 && received.length === 0; i++) {
      received = ((await request(h.url).get(`/api/test-conversations/${id}`)).body.received as { content?: unknown }[]).filter((m) =>
        JSON.stringify(m).includes('50% off Flights to Norway'),
      );
      if (!received.length) await new Promise((res) => setTimeout(res, 50));
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.content).toEqual(compiled[0].content);
    const session = (await request(h.url).get(`/api/sessions/${botSessionId}`)).body;
    expect(session.armed).toBeNull();
    expect(session.timeline.filter((e: { kind: string }) => e.kind === 'reply')).toHaveLength(1);
    // It went out in the synchronous reply, not through the outgoing API.
    expect(h.sandbox!.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing').length).toBe(pushesBefore);

    await request(h.url).put(`/api/sessions/${botSessionId}/armed`).send({ message: CARD_MESSAGE }).expect(200);
    await request(h.url).delete(`/api/sessions/${botSessionId}/armed`).expect(204);
    expect((await request(h.url).get(`/api/sessions/${botSessionId}`)).body.armed).toBeNull();
    expect((await request(h.url).put('/api/sessions/nope/armed').send({ message: CARD_MESSAGE })).status).toBe(404);
  });

  it('explains the guest socket errors in the conversation, and ends it when Messenger expired the session', async () => {
    const created = await request(h.url).post('/api/test-conversations').send({ text: 'Hi' });
    const id = created.body.id as string;
    const view = async () => (await request(h.url).get(`/api/test-conversations/${id}`)).body as { status: string; notices: { code: number; message: string }[] };
    h.sandbox!.addFault({ route: 'guest', status: 429, retryAfterSeconds: 7, times: 1 });
    await request(h.url).post(`/api/test-conversations/${id}/messages`).send({ text: 'one' }).expect(200);
    await waitFor(async () => (await view()).notices.length === 1);
    expect((await view()).notices[0]).toMatchObject({ code: 429, message: expect.stringContaining('wait 7 s') });
    expect((await view()).status).toBe('open');

    h.sandbox!.addFault({ route: 'guest', status: 4006, times: 1 });
    await request(h.url).post(`/api/test-conversations/${id}/messages`).send({ text: 'two' }).expect(200);
    await waitFor(async () => (await view()).status === 'closed');
    expect((await view()).notices[1]).toMatchObject({ code: 4006, message: expect.stringContaining('start a new test conversation') });
    expect((await request(h.url).post(`/api/test-conversations/${id}/messages`).send({ text: 'three' })).status).toBe(409);
  });

  it('answers 404 for unknown sessions and conversations', async () => {
    expect((await request(h.url).get('/api/sessions/nope')).status).toBe(404);
    expect((await request(h.url).get('/api/test-conversations/nope')).status).toBe(404);
  });

  it('refuses a test guest whose Origin is not among the deployment allowed domains', async () => {
    const res = await request(h.url).post('/api/test-conversations').send({ origin: 'https://evil.example' });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('guest_connect_failed');
    expect(JSON.stringify(res.body)).toMatch(/403/);
  });

  it('reports a refused guest connection as 502 with the reason', async () => {
    const res = await request(h.url).post('/api/test-conversations').send({ deploymentId: 'no-such-deployment' });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('guest_connect_failed');
  });
});
