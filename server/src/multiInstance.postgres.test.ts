/**
 * Two app servers on one PostgreSQL database, as a team runs them behind a load balancer, and
 * one Genesys (the sandbox, standing alone the way an org does). Genesys calls the bot on
 * instance A; the designer's requests land on B, or on both at once. Needs TEST_DATABASE_URL;
 * `npm run test:postgres` starts a throwaway PostgreSQL and runs this file.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConversationListResponseSchema, testConversationSchema, type TestConversation } from '@grmd/shared';
import { createSandbox, type Sandbox } from './sandbox/index.ts';
import { CARD_MESSAGE, liveEnv, openGuest, routeBotTo, startHarness, waitFor, type Harness, type LiveOrg } from './testing/harness.ts';

const URL_ = process.env.TEST_DATABASE_URL;
const SECRET = 'two-instances-connection-secret-0123';
const DEPLOYMENT = 'd0d0d0d0-0000-4000-8000-000000000002';
const ORIGIN = 'http://127.0.0.1:3000';
const BOT = { botId: 'designer-bot', botVersion: '1.0' };
/** What the browser sends as Host and Origin through the load balancer. */
const LB_HOST = 'designer.lb.test';
const LB_ORIGIN = `http://${LB_HOST}`;

let admin: pg.Pool | undefined;
let schema = '';
let sandbox: Sandbox;
let org: LiveOrg;
let a: Harness;
let b: Harness;
let hook: http.Server;
let instanceEnv: Record<string, string> = {};
/** Webhook posts as they arrived: the outbox row id and the send it describes. */
const posts: { outboxId: string; sendId: string }[] = [];

const title = URL_
  ? 'two instances on one PostgreSQL database'
  : 'two instances on one PostgreSQL database (SKIPPED: TEST_DATABASE_URL is not set; `npm run test:postgres` runs this)';

describe.skipIf(!URL_)(title, () => {
  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: URL_, max: 1 });
    schema = `two_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = new URL(URL_!);
    db.searchParams.set('options', `-c search_path=${schema}`);

    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        posts.push({ outboxId: String(req.headers['x-outbox-id']), sendId: (JSON.parse(body) as { sendId: string }).sendId });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));

    sandbox = createSandbox({ botRetryDelayMs: 10 });
    const s = await sandbox.listen(0, '127.0.0.1');
    org = { sandbox, listening: s, secret: SECRET, deploymentId: DEPLOYMENT, origin: ORIGIN, bot: BOT };
    const env = {
      ...liveEnv(org),
      DATABASE_URL: db.toString(),
      ANALYTICS_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/events`,
      // The load balancer's name, which every instance answers to (a forwarded request keeps it).
      ALLOWED_HOSTS: LB_HOST,
    };
    instanceEnv = env;
    [a, b] = await Promise.all([startHarness(env), startHarness(env)]);
    // The org's Messenger deployment calls the bot on A only.
    routeBotTo(org, a);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([a?.cleanup(), b?.cleanup()]);
    await sandbox?.close();
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
    if (admin && schema) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
  });

  it('both run on PostgreSQL and are ready', async () => {
    expect(a.stores.engine).toBe('postgres');
    expect(b.stores.engine).toBe('postgres');
    for (const h of [a, b]) {
      const r = await request(h.url).get('/readyz');
      expect(r.status).toBe(200);
    }
  });

  it('a bot session Genesys opened on A takes a push sent through B, and the guest sees it once', async () => {
    const guest = await openGuest(a);
    try {
      const botSessionId = guest.session.botSessionId;
      const seenByB = await request(b.url).get(`/api/sessions/${botSessionId}`);
      expect(seenByB.status).toBe(200);
      const res = await request(b.url)
        .post('/api/sends')
        .set('Idempotency-Key', 'two-instances-push-0001')
        .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('sent');
      expect(sandbox.deliveries().filter((d) => d.botSessionId === botSessionId)).toHaveLength(1);
      // The push is in the session's timeline whichever instance is asked.
      const onA = await request(a.url).get(`/api/sessions/${botSessionId}`);
      expect(onA.body.timeline.map((e: { kind: string }) => e.kind)).toContain('push');
    } finally {
      guest.close();
    }
  }, 30_000);

  it('the same Idempotency-Key sent to both instances at once delivers once', async () => {
    const guest = await openGuest(a);
    try {
      const botSessionId = guest.session.botSessionId;
      const body = { message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } };
      const key = 'two-instances-same-key-0001';
      const answers = await Promise.all([a, b, a, b].map((h) => request(h.url).post('/api/sends').set('Idempotency-Key', key).send(body)));
      // Every answer names the one send: fresh, replayed, or still in progress (409).
      const ids = new Set(answers.map((r) => (r.status === 200 ? r.body.id : r.body.error?.sendId)));
      expect(ids.size).toBe(1);
      expect(answers.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'send_in_progress'))).toBe(true);
      expect(answers.filter((r) => r.status === 200 && r.body.replayed === false)).toHaveLength(1);
      await waitFor(async () => (await a.stores.sends.findByKey(key))?.record.status === 'sent');
      expect(sandbox.deliveries().filter((d) => d.botSessionId === botSessionId)).toHaveLength(1);
    } finally {
      guest.close();
    }
  }, 30_000);

  it('a reply armed through B leaves from A, where Genesys calls, and A audits it with who armed it on B', async () => {
    const guest = await openGuest(a);
    try {
      const botSessionId = guest.session.botSessionId;
      const design = {
        formatVersion: 1,
        id: 'two-instances-armed',
        name: 'Armed on B',
        channel: 'webmessaging',
        variables: [],
        root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Armed on B' }, children: [] }] },
      };
      expect((await request(b.url).put(`/api/sessions/${botSessionId}/armed`).send({ design })).status).toBe(200);
      guest.ws.send(JSON.stringify({ action: 'onMessage', token: guest.token, message: { type: 'Text', text: 'Anything for me?' } }));
      const record = await waitFor(async () => {
        const items = (await request(b.url).get(`/api/sends?q=${botSessionId}`)).body.items as { status: string }[];
        return items.find((r) => r.status !== 'pending');
      }, 10_000);
      // No sign-in on these loopback servers: the actor is "local", which only the arming request on B knew.
      expect(record).toMatchObject({ status: 'sent', actor: 'local', designName: 'Armed on B', target: { kind: 'botReply', botSessionId } });
    } finally {
      guest.close();
    }
  }, 30_000);

  it('the analytics webhook hears each send once, and the audit log on either instance shows every send', async () => {
    const all = (await a.stores.sends.list({ limit: 200 })).items.filter((r) => r.status !== 'pending');
    expect(all.length).toBeGreaterThanOrEqual(2);
    await waitFor(() => all.every((r) => posts.some((p) => p.sendId === r.id)), 20_000);
    // Both workers ran the whole time; give a duplicate the chance to show up.
    await new Promise((r) => setTimeout(r, 1500));
    const bySend = new Map<string, number>();
    for (const p of posts) bySend.set(p.sendId, (bySend.get(p.sendId) ?? 0) + 1);
    expect([...bySend.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(posts.map((p) => p.outboxId)).size).toBe(posts.length);

    const onA = (await request(a.url).get('/api/sends?limit=200')).body.items.map((r: { id: string }) => r.id);
    const onB = (await request(b.url).get('/api/sends?limit=200')).body.items.map((r: { id: string }) => r.id);
    expect(onB).toEqual(onA);
    expect(onA).toEqual(expect.arrayContaining(all.map((r) => r.id)));
  }, 40_000);

  it('a design saved on A is in the library on B, and a stale save on B is a conflict', async () => {
    const design = {
      formatVersion: 1,
      id: 'two-instances-design',
      name: 'Shared library',
      channel: 'webmessaging',
      variables: [],
      root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Hi' }, children: [] }] },
    };
    expect((await request(a.url).post('/api/designs').send({ design })).status).toBe(201);
    const onB = await request(b.url).get('/api/designs/two-instances-design');
    expect(onB.body).toMatchObject({ name: 'Shared library', version: 1 });
    expect((await request(a.url).put('/api/designs/two-instances-design').send({ design, expectedVersion: 1 })).status).toBe(200);
    const stale = await request(b.url).put('/api/designs/two-instances-design').send({ design, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.currentVersion ?? stale.body.currentVersion).toBe(2);
  });

  describe('test conversations (the guest socket stays on the instance that opened it)', () => {
    /** A request through the load balancer that happened to pick instance `h`. */
    const lb = (h: Harness) => ({
      get: (path: string) => request(h.url).get(path).set('Host', LB_HOST),
      post: (path: string) => request(h.url).post(path).set('Host', LB_HOST).set('Origin', LB_ORIGIN),
    });

    /** Opens a test conversation on `h` and waits for its bot session to link. */
    async function openOn(h: Harness): Promise<TestConversation> {
      const created = await lb(h).post('/api/test-conversations').send({});
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      return waitFor(async () => {
        const v = testConversationSchema.parse((await lb(h).get(`/api/test-conversations/${id}`)).body);
        return v.botSessionId ? v : undefined;
      });
    }

    it('one opened on A is read, spoken in and listed through B', async () => {
      const c = await openOn(a);
      expect((await a.stores.testConversations.get(c.id))?.owner).toBe(`http://127.0.0.1:${new URL(a.url).port}`);
      const seen = await lb(b).get(`/api/test-conversations/${c.id}`);
      expect(seen.status).toBe(200);
      expect(testConversationSchema.parse(seen.body)).toMatchObject({ id: c.id, status: 'open', botSessionId: c.botSessionId });

      const said = await lb(b).post(`/api/test-conversations/${c.id}/messages`).send({ text: 'said through B' });
      expect(said.status).toBe(200);
      expect(said.body.sent.map((m: { text: string }) => m.text)).toEqual(['Hello', 'said through B']);
      // A's guest socket said it: the bot session (whose calls land on A) got it.
      await waitFor(async () => JSON.stringify((await request(a.url).get(`/api/sessions/${c.botSessionId}`)).body.timeline).includes('said through B'), 10_000);

      const listed = testConversationListResponseSchema.parse((await lb(b).get('/api/test-conversations')).body).items;
      expect(listed.find((x) => x.id === c.id)).toMatchObject({ status: 'open', sent: [{ text: 'Hello' }, { text: 'said through B' }] });
      await lb(a).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'user' }).expect(200);
    }, 30_000);

    it('/end through B (the page going away) ends it on A: guest closed, bot session closed, record ended', async () => {
      const c = await openOn(a);
      const ended = await lb(b).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'unload' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ status: 'closed', ended: { reason: 'unload' } });
      // A holds it and says the same: its guest connection is closed and takes nothing more.
      const onA = testConversationSchema.parse((await lb(a).get(`/api/test-conversations/${c.id}`)).body);
      expect(onA).toMatchObject({ status: 'closed', ended: { reason: 'unload' }, botSession: { status: 'closed' } });
      const said = await lb(b).post(`/api/test-conversations/${c.id}/messages`).send({ text: 'anyone?' });
      expect(said.status).toBe(409);
      expect((await b.stores.testConversations.get(c.id))?.ended).toMatchObject({ reason: 'unload' });
    }, 30_000);

    it('with its instance gone, /end through B says the instance is unreachable and marks the record ended', async () => {
      const c3 = await startHarness(instanceEnv);
      try {
        const c = await openOn(c3);
        // The instance stops answering without a clean stop (a crash): nothing ended the conversation.
        await new Promise<void>((r) => {
          c3.server.close(() => r());
          c3.server.closeAllConnections();
        });
        expect((await b.stores.testConversations.get(c.id))?.ended).toBeNull();
        const listed = testConversationListResponseSchema.parse((await lb(b).get('/api/test-conversations')).body).items;
        expect(listed.find((x) => x.id === c.id)).toMatchObject({ status: 'error', error: expect.stringMatching(/unreachable/) });

        const ended = await lb(b).post(`/api/test-conversations/${c.id}/end`).send({ reason: 'unload' });
        expect(ended.status).toBe(502);
        expect(ended.body.error).toMatchObject({ code: 'test_conversation_owner_unreachable', testConversationId: c.id });
        expect(ended.body.error.message).toMatch(/instance holding this test conversation is unreachable.*marked ended/);
        expect((await b.stores.testConversations.get(c.id))?.ended).toMatchObject({ reason: 'unload' });
        const after = testConversationListResponseSchema.parse((await lb(b).get('/api/test-conversations')).body).items;
        expect(after.find((x) => x.id === c.id)).toMatchObject({ status: 'closed', ended: { reason: 'unload' } });
      } finally {
        await c3.cleanup();
      }
    }, 30_000);
  });
});
