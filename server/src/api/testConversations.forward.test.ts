/**
 * Owner forwarding on one instance (SQLite): a shared record names another instance as the
 * holder of a test conversation; a stand-in for that instance records what it is sent. The
 * two-instance run on PostgreSQL is multiInstance.postgres.test.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConversationListResponseSchema, type TestConversation } from '@grmd/shared';
import { FORWARDED_HEADER, forwardToOwner } from '../http/forward.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import type { Request } from 'express';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

let h: Harness;
let owner: http.Server;
let ownerUrl = '';
let deadUrl = '';
const seen: Seen[] = [];

function viewOf(id: string): TestConversation {
  return {
    id,
    deploymentId: 'dep-remote',
    origin: 'http://127.0.0.1:3000',
    status: 'open',
    createdAt: new Date().toISOString(),
    botSessionId: null,
    conversationId: null,
    sent: [{ at: new Date().toISOString(), text: 'held over there' }],
    received: [],
    notices: [],
    ended: null,
    botSession: null,
  };
}

beforeAll(async () => {
  h = await startHarness();
  owner = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const id = /\/api\/test-conversations\/([^/?]+)/.exec(req.url!)?.[1] ?? 'x';
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      if (req.url!.endsWith('/messages') && body.includes('too fast')) {
        res.statusCode = 429;
        res.setHeader('Retry-After', '7');
        res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'from the owner' } }));
        return;
      }
      res.statusCode = req.url!.endsWith('/messages') ? 409 : 200;
      res.end(JSON.stringify(req.url!.endsWith('/messages') ? { error: { code: 'test_conversation_closed', message: 'from the owner' } } : viewOf(id)));
    });
  });
  await new Promise<void>((r) => owner.listen(0, '127.0.0.1', r));
  ownerUrl = `http://127.0.0.1:${(owner.address() as AddressInfo).port}`;
  // A port nobody listens on any more: the owner has stopped.
  const gone = http.createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
  await new Promise<void>((r) => gone.close(() => r()));
});

afterAll(async () => {
  await new Promise<void>((r) => (owner ? owner.close(() => r()) : r()));
  await h?.cleanup();
});

beforeEach(() => {
  seen.length = 0;
});

async function heldBy(url: string): Promise<string> {
  const id = randomUUID();
  await h.stores.testConversations.register({ id, owner: url, deploymentId: 'dep-remote', origin: 'http://127.0.0.1:3000', createdAt: new Date().toISOString() });
  return id;
}

describe('a test conversation another instance holds', () => {
  it('a request already carrying X-Grmd-Forwarded is answered here (404) and never forwarded again', async () => {
    const id = await heldBy(ownerUrl);
    const got = await request(h.url).get(`/api/test-conversations/${id}`).set(FORWARDED_HEADER, '1');
    expect(got.status).toBe(404);
    expect(got.body.error.code).toBe('test_conversation_not_found');
    const ended = await request(h.url).post(`/api/test-conversations/${id}/end`).set(FORWARDED_HEADER, '1').send({ reason: 'user' });
    expect(ended.status).toBe(404);
    expect(seen).toHaveLength(0);
    expect((await h.stores.testConversations.get(id))?.ended).toBeNull();
    // And the forwarder itself refuses such a request, whoever calls it.
    const req = { headers: { [FORWARDED_HEADER]: '1', host: 'x' }, method: 'GET', originalUrl: `/api/test-conversations/${id}` } as unknown as Request;
    await expect(forwardToOwner(req, ownerUrl)).rejects.toThrow(/forwarded already/);
    expect(seen).toHaveLength(0);
  });

  it('GET is forwarded once to the owner with the original Host, cookie and query, and its answer relayed', async () => {
    const id = await heldBy(ownerUrl);
    const host = new URL(h.url).host;
    const got = await request(h.url).get(`/api/test-conversations/${id}?x=1`).set('Cookie', 'grmd_session=abc').set('X-Other', 'stays');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, sent: [{ text: 'held over there' }] });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/api/test-conversations/${id}?x=1` });
    expect(seen[0]!.headers).toMatchObject({ host, cookie: 'grmd_session=abc', [FORWARDED_HEADER]: '1' });
    expect(seen[0]!.headers['x-other']).toBeUndefined();
  });

  it('a message goes to the owner with its body, Origin and Idempotency-Key; the owner\'s error comes back as it was', async () => {
    const id = await heldBy(ownerUrl);
    const origin = h.url;
    const said = await request(h.url)
      .post(`/api/test-conversations/${id}/messages`)
      .set('Origin', origin)
      .set('Idempotency-Key', 'say-0001')
      .send({ text: 'over there?' });
    expect(said.status).toBe(409);
    expect(said.body.error).toEqual({ code: 'test_conversation_closed', message: 'from the owner' });
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.body)).toEqual({ text: 'over there?' });
    expect(seen[0]!.headers).toMatchObject({ origin, 'idempotency-key': 'say-0001', 'content-type': 'application/json' });
  });

  it('the owner\'s 429 comes back with its Retry-After, so the page knows how long to wait', async () => {
    const id = await heldBy(ownerUrl);
    const said = await request(h.url).post(`/api/test-conversations/${id}/messages`).set('Origin', h.url).send({ text: 'too fast' });
    expect(said.status).toBe(429);
    expect(said.headers['retry-after']).toBe('7');
    expect(said.body.error.code).toBe('rate_limited');
  });

  it('a bad body is refused here (400) before anything is forwarded', async () => {
    const id = await heldBy(ownerUrl);
    const bad = await request(h.url).post(`/api/test-conversations/${id}/end`).send({ reason: 'idle' });
    expect(bad.status).toBe(400);
    expect(seen).toHaveLength(0);
  });

  it('with its owner unreachable, GET says so (502) and /end marks the record ended', async () => {
    const id = await heldBy(deadUrl);
    const got = await request(h.url).get(`/api/test-conversations/${id}`);
    expect(got.status).toBe(502);
    expect(got.body.error).toMatchObject({ code: 'test_conversation_owner_unreachable', testConversationId: id });
    expect(got.body.error.message).toMatch(/instance holding this test conversation is unreachable/);
    expect((await h.stores.testConversations.get(id))?.ended).toBeNull();
    const ended = await request(h.url).post(`/api/test-conversations/${id}/end`).send({ reason: 'unload' });
    expect(ended.status).toBe(502);
    expect(ended.body.error.message).toMatch(/marked ended/);
    expect((await h.stores.testConversations.get(id))?.ended).toMatchObject({ reason: 'unload' });
  });

  it('the list shows other instances\' conversations: as their owner answers, or from the record when it cannot', async () => {
    const reachable = await heldBy(ownerUrl);
    const unreachable = await heldBy(deadUrl);
    const list = testConversationListResponseSchema.parse((await request(h.url).get('/api/test-conversations')).body).items;
    expect(list.find((x) => x.id === reachable)).toMatchObject({ status: 'open', sent: [{ text: 'held over there' }] });
    expect(list.find((x) => x.id === unreachable)).toMatchObject({ status: 'error', error: expect.stringMatching(/unreachable/), ended: null, deploymentId: 'dep-remote' });
    // An ended one is drawn from its record: its instance is not asked on every poll.
    const ended = await heldBy(ownerUrl);
    await h.stores.testConversations.markEnded(ended, 'user', new Date().toISOString());
    seen.length = 0;
    const again = testConversationListResponseSchema.parse((await request(h.url).get('/api/test-conversations')).body).items;
    expect(again.find((x) => x.id === ended)).toMatchObject({ status: 'closed', ended: { reason: 'user' } });
    expect(seen.map((x) => x.url)).not.toContain(`/api/test-conversations/${ended}`);
    expect(seen.map((x) => x.url)).toContain(`/api/test-conversations/${reachable}`);
    // A list asked by another instance is this instance's own part only.
    const forwarded = (await request(h.url).get('/api/test-conversations').set(FORWARDED_HEADER, '1')).body.items as { id: string }[];
    expect(forwarded.map((x) => x.id)).not.toContain(reachable);
  });

  it('starting a new one in the tab ends the one it replaces on the instance holding it, or in the record when that is gone', async () => {
    const there = await heldBy(ownerUrl);
    const created = await request(h.url).post('/api/test-conversations').send({ replaces: there });
    expect(created.status).toBe(201);
    const ends = seen.filter((x) => x.method === 'POST');
    expect(ends.map((x) => [x.url, JSON.parse(x.body)])).toEqual([[`/api/test-conversations/${there}/end`, { reason: 'replaced' }]]);

    const gone = await heldBy(deadUrl);
    const again = await request(h.url).post('/api/test-conversations').send({ replaces: gone });
    expect(again.status).toBe(201);
    expect((await h.stores.testConversations.get(gone))?.ended).toMatchObject({ reason: 'replaced' });
    // The new ones are this instance's, recorded as such.
    expect((await h.stores.testConversations.get(again.body.id))?.owner).toBe(`http://127.0.0.1:${new URL(h.url).port}`);
  });
});
