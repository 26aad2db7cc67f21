import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sendListResponseSchema, sendRecordSchema, sendResultSchema, sendStatsResponseSchema } from '@grmd/shared';
import { CARD_MESSAGE, openGuest, serverWithGuest, startHarness, waitFor, type Harness } from '../testing/harness.ts';

const env = serverWithGuest();

const key = () => `test-${randomUUID()}`;
const outgoingDeliveries = (botSessionId: string) =>
  env.h.sandbox!.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing');
function post(body: unknown, k: string | null = key()) {
  const r = request(env.h.url).post('/api/sends');
  if (k !== null) r.set('Idempotency-Key', k);
  return r.send(body as object);
}

describe('POST /api/sends to a bot session', () => {
  it('pushes the card through the outgoing API with MoreData and the session ids, and audits it', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    expect(res.status).toBe(200);
    const result = sendResultSchema.parse(res.body);
    expect(result).toMatchObject({ status: 'sent', attempts: 1, replayed: false });
    expect(result.genesysMessageId).toBeTruthy();

    const delivered = outgoingDeliveries(botSessionId);
    expect(delivered.length).toBe(before + 1);
    expect(delivered.at(-1)!.outgoingMessageId).toBe(result.genesysMessageId);
    expect(delivered.at(-1)!.message).toMatchObject({ content: [{ contentType: 'Card', card: { title: '50% off Flights to Norway' } }] });

    const rec = sendRecordSchema.parse((await request(env.h.url).get(`/api/sends/${result.id}`)).body);
    expect(rec).toMatchObject({ status: 'sent', target: { kind: 'botSession', botSessionId }, genesysMessageId: result.genesysMessageId });
    expect(rec.message).toMatchObject({ botState: 'MoreData', botSessionId, botId: env.guest.session.botId, botVersion: env.guest.session.botVersion, languageCode: env.guest.session.languageCode });

    const session = (await request(env.h.url).get(`/api/sessions/${botSessionId}`)).body;
    const push = session.timeline.find((e: { kind: string; messageId?: string }) => e.kind === 'push' && e.messageId === result.genesysMessageId);
    expect(push).toMatchObject({ status: 'delivered', botState: 'MoreData' });
  });

  it('replays the first result for the same key and body without sending again', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const k = key();
    const body = { message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } };
    const first = await post(body, k);
    const count = outgoingDeliveries(botSessionId).length;
    const again = await post(body, k);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(outgoingDeliveries(botSessionId).length).toBe(count);
  });

  it('answers 422 when the key was used for a different body', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const k = key();
    await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } }, k);
    const res = await post({ message: { type: 'Text', text: 'other' }, target: { kind: 'botSession', botSessionId } }, k);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers 409 to a second request while the first with the same key is in flight', async () => {
    const botSessionId = env.guest.session.botSessionId;
    env.h.sandbox!.addFault({ route: 'outgoing', delayMs: 600, times: 1 });
    const k = key();
    const body = { message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } };
    const first = post(body, k).then((r) => r);
    await waitFor(() => env.h.sendService.inFlightCount() > 0);
    const second = await post(body, k);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('send_in_progress');
    // The audit record exists before the upstream call answers.
    const pending = (await request(env.h.url).get('/api/sends').query({ status: 'pending' })).body.items;
    expect(pending.map((r: { id: string }) => r.id)).toContain(second.body.error.sendId);
    const done = await first;
    expect(done.body.status).toBe('sent');
    expect(done.body.id).toBe(second.body.error.sendId);
  });

  it('requires an Idempotency-Key header', async () => {
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: env.guest.session.botSessionId } }, null);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
  });

  it('answers 422 with issue paths for an invalid message, sends nothing and logs the refusal', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    const total = (await request(env.h.url).get('/api/sends/stats')).body.total;
    const cards = Array.from({ length: 11 }, (_, i) => ({ title: `Card ${i}`, actions: [{ type: 'Postback', text: 'Pick', payload: `p${i}` }] }));
    const res = await post({
      message: { type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards } }] },
      target: { kind: 'botSession', botSessionId },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_message');
    const errors = res.body.error.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((i: { path: string }) => i.path.startsWith('content[0].carousel'))).toBe(true);
    expect(outgoingDeliveries(botSessionId).length).toBe(before);
    expect((await request(env.h.url).get('/api/sends/stats')).body.total).toBe(total + 1);
    const [logged] = (await request(env.h.url).get('/api/sends').query({ limit: 1 })).body.items;
    expect(logged).toMatchObject({ status: 'failed', attempts: 0, target: { kind: 'botSession', botSessionId }, error: { kind: 'invalid_message' } });
    expect(logged.error.message).toContain('content[0].carousel');
  });

  it('refuses a message a bot cannot send with the reason the verdict gives, and sends nothing', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    const res = await post({
      message: { type: 'Structured', content: [{ contentType: 'DatePicker', datePicker: { title: 'When?' } }] },
      target: { kind: 'botSession', botSessionId },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('nothing_to_send');
    expect(res.body.error.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'bot_reply.nothing_to_send', path: 'content' })]);
    expect(res.body.error.issues[0].message).toContain('DatePicker is not allowed');
    expect(outgoingDeliveries(botSessionId).length).toBe(before);
  });

  it('answers 404 for a bot session that never reached this server', async () => {
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: 'nope' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown_bot_session');
  });

  it('retries through three 429s (Retry-After 1) and delivers once, counting attempts', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    env.h.sandbox!.addFault({ route: 'outgoing', status: 429, retryAfterSeconds: 1, times: 3 });
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    expect(res.body).toMatchObject({ status: 'sent', attempts: 4 });
    expect(outgoingDeliveries(botSessionId).length).toBe(before + 1);
  });

  it('gives up after the policy allows 3 retries of a 429 storm and reports the rate limit', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    env.h.sandbox!.addFault({ route: 'outgoing', status: 429, retryAfterSeconds: 1, times: 5 });
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    env.h.sandbox!.clearFaults();
    expect(res.body).toMatchObject({ status: 'failed', attempts: 4, error: { kind: 'rate-limited', status: 429 } });
    expect(res.body.error.hint).toMatch(/rate limit/);
    expect(outgoingDeliveries(botSessionId).length).toBe(before);
  });

  it('records unknown, not failed, when the connection drops after Genesys processed the push, and does not resend', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const before = outgoingDeliveries(botSessionId).length;
    env.h.sandbox!.addFault({ route: 'outgoing', reset: true, times: 1 });
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    expect(res.body).toMatchObject({ status: 'unknown', attempts: 1, error: { kind: 'unknown-outcome' } });
    expect(outgoingDeliveries(botSessionId).length).toBe(before + 1);
  });

  it('explains a Genesys 409 with its code and a hint', async () => {
    const botSessionId = env.guest.session.botSessionId;
    const deploymentId = 'sandbox-deployment';
    // configureDeployment merges into the existing deployment; only the flag changes.
    type Deployment = Parameters<NonNullable<Harness['sandbox']>['configureDeployment']>[0];
    const patch = (p: Partial<Deployment>) => env.h.sandbox!.configureDeployment({ deploymentId, ...p } as Deployment);
    patch({ integrationActive: false });
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    patch({ integrationActive: true });
    expect(res.body).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409, code: 'integration.not.active' } });
    expect(res.body.error.hint).toMatch(/Activate/);
  });
});

describe('POST /api/sends to a conversation', () => {
  it('sends the text fallback through the agent endpoint, looking up the communication id', async () => {
    const conversationId = env.guest.session.genesysConversationId;
    const before = env.h.sandbox!.deliveries({ conversationId }).filter((d) => d.kind === 'agent').length;
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'conversation', conversationId } });
    expect(res.body).toMatchObject({ status: 'sent' });
    const agent = env.h.sandbox!.deliveries({ conversationId }).filter((d) => d.kind === 'agent');
    expect(agent.length).toBe(before + 1);
    expect(JSON.stringify(agent.at(-1)!.message)).toContain('50% off Flights to Norway');
    const rec = (await request(env.h.url).get(`/api/sends/${res.body.id}`)).body;
    expect(rec.message.textBody).toContain('Book Now');
  });

  it('reports not-found for a communication id outside the conversation', async () => {
    const conversationId = env.guest.session.genesysConversationId;
    const res = await post({ message: CARD_MESSAGE, target: { kind: 'conversation', conversationId, communicationId: 'c-nope' } });
    expect(res.body).toMatchObject({ status: 'failed', error: { kind: 'not-found', status: 404 } });
  });
});

describe('GET /api/sends', () => {
  it('lists newest first with a cursor, filters by status and reports stats', async () => {
    const all = sendListResponseSchema.parse((await request(env.h.url).get('/api/sends').query({ limit: 200 })).body).items;
    expect(all.length).toBeGreaterThan(4);
    const p1 = sendListResponseSchema.parse((await request(env.h.url).get('/api/sends').query({ limit: 3 })).body);
    const p2 = sendListResponseSchema.parse((await request(env.h.url).get('/api/sends').query({ limit: 3, cursor: p1.nextCursor })).body);
    expect([...p1.items, ...p2.items].map((r) => r.id)).toEqual(all.slice(0, 6).map((r) => r.id));
    const failed = sendListResponseSchema.parse((await request(env.h.url).get('/api/sends').query({ status: 'failed' })).body).items;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.status === 'failed')).toBe(true);

    const stats = sendStatsResponseSchema.parse((await request(env.h.url).get('/api/sends/stats')).body);
    const count = (s: string) => all.filter((r) => r.status === s).length;
    expect(stats.counts).toEqual({ pending: 0, sent: count('sent'), failed: count('failed'), unknown: count('unknown') });
    expect(stats.successRate).toBeCloseTo((count('sent') / all.length) * 100);
    expect(stats.latencyMs.p50).not.toBeNull();
    expect(stats.latencyMs.p95!).toBeGreaterThanOrEqual(stats.latencyMs.p50!);
  });

  it('answers 404 for an unknown send and 400 for a bad status filter', async () => {
    expect((await request(env.h.url).get('/api/sends/nope')).status).toBe(404);
    expect((await request(env.h.url).get('/api/sends').query({ status: 'lost' })).status).toBe(400);
    expect((await request(env.h.url).get('/api/sends').query({ cursor: 'not-a-cursor' })).body.error.code).toBe('invalid_cursor');
  });
});

describe('a 429 storm with a larger retry budget (GENESYS_MAX_429_RETRIES=5)', () => {
  it('waits out five Retry-After 1 s answers and delivers exactly once, counting six attempts', async () => {
    const h5 = await startHarness({ GENESYS_MAX_429_RETRIES: '5' });
    const g = await openGuest(h5);
    try {
      const botSessionId = g.session.botSessionId;
      const pushes = () => h5.sandbox!.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing');
      const before = pushes().length;
      h5.sandbox!.addFault({ route: 'outgoing', status: 429, retryAfterSeconds: 1, times: 5 });
      const res = await request(h5.url)
        .post('/api/sends')
        .set('Idempotency-Key', key())
        .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
      expect(res.body).toMatchObject({ status: 'sent', attempts: 6 });
      expect(pushes().length).toBe(before + 1);
      const record = await request(h5.url).get(`/api/sends/${res.body.id}`);
      expect(record.body).toMatchObject({ status: 'sent', attempts: 6 });
    } finally {
      g.close();
      await h5.cleanup();
    }
  });
});
