import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { sendListResponseSchema, type SendRecord } from '@grmd/shared';
import { CARD_MESSAGE, openGuest, startHarness, waitFor, type Harness } from '../testing/harness.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const DESIGN = {
  formatVersion: 1,
  id: 'armed-design',
  name: 'Armed offer',
  channel: 'webmessaging',
  variables: [],
  root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Armed offer' }, children: [{ id: 'a', kind: 'action', props: { type: 'Postback', text: 'OK', payload: 'ok' }, children: [] }] }] },
};

async function sendsTo(agent: ReturnType<typeof request.agent>, botSessionId: string): Promise<SendRecord[]> {
  return sendListResponseSchema.parse((await agent.get(`/api/sends?q=${botSessionId}`)).body).items;
}

describe('armed replies in the audit log', () => {
  it('a reply that leaves in replyMessages is a send to "botReply", by whoever armed it, sent once the bot has answered', async () => {
    const h = await startHarness({ APP_ACCESS_TOKEN: 'armed-access-token-012345' });
    harnesses.push(h);
    const agent = request.agent(h.url);
    await agent.post('/api/auth/login').send({ token: 'armed-access-token-012345' }).expect(200);
    const guest = await openGuest(h);
    const botSessionId = guest.session.botSessionId;
    try {
      const armed = await agent.put(`/api/sessions/${botSessionId}/armed`).send({ design: DESIGN });
      expect(armed.status).toBe(200);
      // Armed is not sent: nothing in the log until the customer writes.
      expect(await sendsTo(agent, botSessionId)).toEqual([]);

      guest.ws.send(JSON.stringify({ action: 'onMessage', token: guest.token, message: { type: 'Text', text: 'What do you have?' } }));
      const [record] = await waitFor(async () => {
        const items = await sendsTo(agent, botSessionId);
        return items.length && items[0]!.status !== 'pending' ? items : undefined;
      });
      const answered = (await h.sessions.get(botSessionId))!.timeline.filter((e) => e.direction === 'inbound').at(-1)!;
      expect(record).toMatchObject({
        status: 'sent',
        target: { kind: 'botReply', botSessionId, inReplyTo: answered.messageId },
        actor: 'access token',
        designId: 'armed-design',
        designName: 'Armed offer',
        attempts: 1,
        error: null,
        message: { botState: 'MoreData', replyMessages: armed.body.armed },
      });
      expect(record!.latencyMs).toBeGreaterThanOrEqual(0);
      // The bot reply counts in the figures like any send.
      expect((await agent.get('/api/sends/stats')).body.counts.sent).toBe(1);
      // Taken once: the next message gets no reply and writes no record.
      guest.ws.send(JSON.stringify({ action: 'onMessage', token: guest.token, message: { type: 'Text', text: 'And now?' } }));
      await waitFor(async () => (await h.sessions.get(botSessionId))!.timeline.some((e) => e.text === 'And now?'));
      expect(await sendsTo(agent, botSessionId)).toHaveLength(1);
    } finally {
      guest.close();
    }
  });

  it('an arming the verdict refuses is a failed send with no attempt, like a refused send, and arms nothing', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    const guest = await openGuest(h);
    const botSessionId = guest.session.botSessionId;
    try {
      const bad = structuredClone(CARD_MESSAGE);
      (bad.content[0]!.card.actions[0] as { url: string }).url = 'javascript:alert(1)';
      const refused = await agent.put(`/api/sessions/${botSessionId}/armed`).send({ message: bad });
      expect(refused.status).toBe(422);
      const [record] = await sendsTo(agent, botSessionId);
      expect(record).toMatchObject({ status: 'failed', attempts: 0, actor: 'local', target: { kind: 'botReply', botSessionId }, error: { kind: 'invalid_message' } });
      expect(record!.target).not.toHaveProperty('inReplyTo');
      expect(record!.error!.message).toContain('content[0].card.actions[0].url');
      // An unknown session is no send at all.
      expect((await agent.put('/api/sessions/nope/armed').send({ message: bad })).status).toBe(404);
      expect((await sendListResponseSchema.parse((await agent.get('/api/sends')).body)).items).toHaveLength(1);
    } finally {
      guest.close();
    }
  });

  it('a client cannot ask for a bot reply as a send target', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const res = await request(h.url)
      .post('/api/sends')
      .set('Idempotency-Key', 'bot-reply-target-1')
      .send({ message: CARD_MESSAGE, target: { kind: 'botReply', botSessionId: 'b-1' } });
    expect(res.status).toBe(400);
    expect((await request(h.url).get('/api/sends')).body.items).toEqual([]);
  });
});
