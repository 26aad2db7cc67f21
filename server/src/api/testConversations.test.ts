import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { testConversationListResponseSchema, testConversationSchema, type TestConversation } from '@grmd/shared';
import { TestConversationService } from '../send/testConversations.ts';
import { startHarness, waitFor, type Harness } from '../testing/harness.ts';
import { tempDir } from '../testing/tmp.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

/** Starts a test conversation through the API and waits for its bot session to link. */
async function started(body: Record<string, unknown> = {}): Promise<TestConversation> {
  const created = await request(h.url).post('/api/test-conversations').send(body);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  return waitFor(async () => {
    const v = testConversationSchema.parse((await request(h.url).get(`/api/test-conversations/${id}`)).body);
    return v.botSessionId ? v : undefined;
  });
}

const view = async (id: string) => testConversationSchema.parse((await request(h.url).get(`/api/test-conversations/${id}`)).body);

describe('ending a test conversation', () => {
  it('an open one reads as open with its bot session open and no end', async () => {
    const c = await started();
    expect(c).toMatchObject({ status: 'open', ended: null, botSession: { status: 'open' } });
  });

  it('POST /end closes the guest connection, says when and why, and marks its bot session closed', async () => {
    const c = await started();
    const ended = await request(h.url).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'user' });
    expect(ended.status).toBe(200);
    const v = testConversationSchema.parse(ended.body);
    expect(v).toMatchObject({ status: 'closed', ended: { reason: 'user' }, botSession: { status: 'closed', closedReason: 'test conversation ended (user)' } });
    expect(Date.parse(v.ended!.at)).toBeGreaterThan(Date.now() - 10_000);
    // The guest is gone: nothing more can be said in it.
    const said = await request(h.url).post(`/api/test-conversations/${c.id}/messages`).send({ text: 'still there?' });
    expect(said.status).toBe(409);
    expect(said.body.error.code).toBe('test_conversation_closed');
    // The sessions list agrees.
    const s = (await request(h.url).get(`/api/sessions/${c.botSessionId}`)).body;
    expect(s).toMatchObject({ status: 'closed', closedReason: 'test conversation ended (user)' });
    // Ending again (the page's unload after the End button) keeps the first end.
    const again = await request(h.url).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'unload' });
    expect(again.status).toBe(200);
    expect(again.body.ended).toEqual(v.ended);
  });

  it('ended before its bot session arrived, the session is marked closed as it links', async () => {
    // The sandbox holds the guest's hello for a moment: the conversation ends before the bot hears of it.
    await request(h.url).post('/api/sandbox/faults').send({ route: 'guest', delayMs: 400, times: 1 }).expect(201);
    const created = await request(h.url).post('/api/test-conversations').send({});
    expect(created.body.botSessionId).toBeNull();
    const ended = await request(h.url).post(`/api/test-conversations/${created.body.id}/end`).send({ reason: 'user' });
    expect(ended.body).toMatchObject({ ended: { reason: 'user' }, botSessionId: null });
    const linked = await waitFor(async () => {
      const v = await view(created.body.id);
      return v.botSession?.status === 'closed' ? v : undefined;
    });
    expect(linked.botSession).toMatchObject({ closedReason: 'test conversation ended (user)' });
  });

  it('refuses an unknown conversation (404) and a reason only the server gives (400)', async () => {
    const unknown = await request(h.url).post('/api/test-conversations/nope/end').send({ reason: 'user' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('test_conversation_not_found');
    const c = await started();
    const bad = await request(h.url).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'idle' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('reason');
    expect((await view(c.id)).ended).toBeNull();
  });

  it('starting a new one with `replaces` ends the previous one of the tab; the list shows both as they are', async () => {
    const first = await started();
    const second = await started({ replaces: first.id });
    expect((await view(first.id)).ended).toMatchObject({ reason: 'replaced' });
    const list = testConversationListResponseSchema.parse((await request(h.url).get('/api/test-conversations')).body).items;
    const mine = list.filter((x) => x.id === first.id || x.id === second.id);
    expect(mine.map((x) => [x.id, x.status, x.ended?.reason ?? null])).toEqual([
      [second.id, 'open', null],
      [first.id, 'closed', 'replaced'],
    ]);
    // An unknown `replaces` (the server restarted since) ends nothing and starts the new one.
    const third = await started({ replaces: 'gone-since-a-restart' });
    expect(third.status).toBe('open');
  });
});

describe('test conversations the server ends on its own', () => {
  function service(clock: () => number, idleMs = 60_000) {
    return new TestConversationService({
      webMessagingUrl: h.genesysUrls.webMessaging,
      deploymentId: h.config.messenger.deploymentId,
      origin: h.config.messenger.origin,
      sessions: h.sessions,
      logger: h.logger,
      idleMs,
      clock,
    });
  }

  it('ends one idle for TEST_CONVERSATION_IDLE_MINUTES; a message either way starts the wait again', async () => {
    let now = Date.now();
    const svc = service(() => now);
    try {
      const busy = await svc.create({});
      const quiet = await svc.create({});
      await waitFor(async () => (await svc.get(busy.id))?.botSessionId && (await svc.get(quiet.id))?.botSessionId);
      now += 40_000;
      await svc.say(busy.id, { text: 'still here' });
      now += 25_000;
      const list = await svc.list();
      expect(list.find((x) => x.id === busy.id)).toMatchObject({ status: 'open', ended: null });
      expect(list.find((x) => x.id === quiet.id)).toMatchObject({ status: 'closed', ended: { reason: 'idle' }, botSession: { status: 'closed', closedReason: 'test conversation ended (idle)' } });
      now += 40_000;
      await svc.sweep();
      expect((await svc.get(busy.id))?.ended).toMatchObject({ reason: 'idle' });
    } finally {
      await svc.closeAll();
    }
  });

  it('ends every conversation still open when the server stops, and marks their bot sessions closed', async () => {
    const svc = service(Date.now);
    const a = await svc.create({});
    const b = await svc.create({});
    await waitFor(async () => (await svc.get(a.id))?.botSessionId && (await svc.get(b.id))?.botSessionId);
    await svc.end(a.id, 'user');
    await svc.closeAll();
    expect((await svc.get(a.id))?.ended?.reason).toBe('user');
    const vb = (await svc.get(b.id))!;
    expect(vb).toMatchObject({ status: 'closed', ended: { reason: 'shutdown' } });
    expect(await h.sessions.summary(vb.botSessionId!)).toMatchObject({ status: 'closed', closedReason: 'test conversation ended (shutdown)' });
  });

  it('the composed server ends its conversations as it closes', async () => {
    const t = tempDir();
    try {
      const first = await startHarness({}, { dataDir: t.dir });
      let botSessionId: string | null = null;
      try {
        const created = await request(first.url).post('/api/test-conversations').send({});
        botSessionId = await waitFor(async () => (await request(first.url).get(`/api/test-conversations/${created.body.id}`)).body.botSessionId as string | null);
      } finally {
        await first.close();
      }
      // Read back through a new server on the same DATA_DIR: the close was written to the store.
      const second = await startHarness({}, { dataDir: t.dir });
      try {
        expect(await second.sessions.summary(botSessionId!)).toMatchObject({ status: 'closed', closedReason: 'test conversation ended (shutdown)' });
      } finally {
        await second.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
