import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sendProgressSchema, sendResultSchema } from '@grmd/shared';
import { CARD_MESSAGE, openGuest, serverWithGuest, startHarness } from '../testing/harness.ts';

const env = serverWithGuest();

const key = () => `test-${randomUUID()}`;

describe('sandbox fault controls under /api/sandbox', () => {
  it('adds a 429 fault that the next push meets, and progress by key shows the wait with its next attempt time', async () => {
    const add = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'outgoing', status: 429, retryAfterSeconds: 1, times: 1 });
    expect(add.status).toBe(201);
    expect(add.body.faults).toHaveLength(1);
    const k = key();
    const sending = request(env.h.url)
      .post('/api/sends')
      .set('Idempotency-Key', k)
      .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: env.guest.session.botSessionId } })
      .then((r) => r);
    // Poll progress until the send waits out the Retry-After (the state the UI counts down from).
    let waiting: ReturnType<typeof sendProgressSchema.parse> | null = null;
    for (let i = 0; i < 200 && !waiting; i++) {
      const p = await request(env.h.url).get(`/api/sends/progress/${k}`);
      if (p.status === 200) {
        const prog = sendProgressSchema.parse(p.body);
        if (prog.state === 'waiting') waiting = prog;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1, lastStatus: 429 });
    expect(Date.parse(waiting!.nextAttemptAt!)).toBeGreaterThan(Date.now() - 1000);
    const res = await sending;
    expect(sendResultSchema.parse(res.body)).toMatchObject({ status: 'sent', attempts: 2 });
    const after = await request(env.h.url).get(`/api/sends/progress/${k}`);
    expect(after.body).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('rejects a malformed fault with the path of the problem and clears faults on DELETE', async () => {
    const bad = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'nowhere', times: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('route');
    await request(env.h.url).post('/api/sandbox/faults').send({ route: 'token', status: 500, times: 5 });
    const cleared = await request(env.h.url).delete('/api/sandbox/faults');
    expect(cleared.body).toEqual({ faults: [] });
    expect(env.h.sandbox!.faults()).toEqual([]);
  });

  it('takes a connection reset and Guest API error codes (guest route only) through /api/sandbox/faults', async () => {
    const reset = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'outgoing', reset: true, times: 1 });
    expect(reset.status).toBe(201);
    const guestFault = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'guest', status: 4006, times: 1 });
    expect(guestFault.status).toBe(201);
    expect(env.h.sandbox!.faults()).toEqual([
      expect.objectContaining({ route: 'outgoing', reset: true }),
      expect.objectContaining({ route: 'guest', status: 4006 }),
    ]);
    const wrongRoute = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'outgoing', status: 4006, times: 1 });
    expect(wrongRoute.status).toBe(400);
    expect(wrongRoute.body.error.issues[0].path).toBe('status');
    const both = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'outgoing', status: 500, reset: true, times: 1 });
    expect(both.body.error.issues[0].path).toBe('reset');
    const idle = await request(env.h.url).post('/api/sandbox/faults').send({ route: 'outgoing', times: 1 });
    expect(idle.status).toBe(400);
    expect(idle.body.error.issues[0].message).toMatch(/status, reset or delayMs/);
    await request(env.h.url).delete('/api/sandbox/faults');
  });

  it('answers "queued" for progress of a key that has not started (the client asks before the post arrives)', async () => {
    const res = await request(env.h.url).get(`/api/sends/progress/${key()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: 'queued', attempts: 0, nextAttemptAt: null, lastStatus: null });
  });
});

describe('ending the bot session', () => {
  it('pushes Complete with endSession, after which a push gets Genesys 409 session.already.closed', async () => {
    const g = await openGuest(env.h);
    try {
      const target = { kind: 'botSession', botSessionId: g.session.botSessionId };
      const end = await request(env.h.url).post('/api/sends').set('Idempotency-Key', key()).send({ message: CARD_MESSAGE, target, endSession: true });
      expect(end.body.error ?? null).toBeNull();
      expect(end.body).toMatchObject({ status: 'sent' });
      const again = await request(env.h.url).post('/api/sends').set('Idempotency-Key', key()).send({ message: CARD_MESSAGE, target });
      expect(sendResultSchema.parse(again.body)).toMatchObject({ status: 'failed', error: { status: 409, code: 'session.already.closed' } });
    } finally {
      g.close();
    }
  });
});

describe('in live mode', () => {
  it('does not mount the sandbox controls: there is no sandbox', async () => {
    // Live mode against an address nothing listens on: nothing is called before a request needs it.
    const live = await startHarness({
      GENESYS_CLIENT_ID: 'live-client-id',
      GENESYS_CLIENT_SECRET: 'live-client-secret-0123456789',
      BOT_CONNECTOR_SECRET: 'live-connection-secret-0123456789',
      GENESYS_API_BASE_URL: 'http://127.0.0.1:9',
      GENESYS_LOGIN_BASE_URL: 'http://127.0.0.1:9',
    });
    try {
      expect(live.sandbox).toBeNull();
      expect((await request(live.url).get('/api/health')).body.mode).toBe('live');
      const res = await request(live.url).post('/api/sandbox/faults').send({ route: 'outgoing', status: 429, times: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    } finally {
      await live.cleanup();
    }
  });
});
