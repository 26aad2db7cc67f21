import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { activityListResponseSchema, type Design } from '@grmd/shared';
import { startHarness, type Harness } from '../testing/harness.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const design = (id: string, name: string): Design => ({
  formatVersion: 1,
  id,
  name,
  channel: 'webmessaging',
  variables: [],
  root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Hi' }, children: [] }] },
});

/** Creates, saves and deletes one design, then arms and clears a sandbox fault. */
async function changeThings(agent: ReturnType<typeof request.agent>) {
  await agent.post('/api/designs').send({ design: design('d-act', 'Flight sale') }).expect(201);
  await agent.put('/api/designs/d-act').send({ design: design('d-act', 'Flight sale v2'), expectedVersion: 1 }).expect(200);
  await agent.delete('/api/designs/d-act').query({ expectedVersion: 2 }).expect(200);
  await agent.post('/api/sandbox/faults').send({ route: 'outgoing', status: 503, times: 2 }).expect(201);
  await agent.delete('/api/sandbox/faults').expect(200);
}

describe('GET /api/activity', () => {
  it('lists design and connection changes newest first, each with who did it ("local" on loopback)', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    await changeThings(agent);
    const res = await agent.get('/api/activity');
    expect(res.status).toBe(200);
    const list = activityListResponseSchema.parse(res.body);
    expect(list.items.map((e) => [e.action, e.subject, e.subjectName, e.actor])).toEqual([
      ['connection.change', 'connection', 'Sandbox faults', 'local'],
      ['connection.change', 'connection', 'Sandbox faults', 'local'],
      ['design.delete', 'd-act', 'Flight sale v2', 'local'],
      ['design.save', 'd-act', 'Flight sale v2', 'local'],
      ['design.create', 'd-act', 'Flight sale', 'local'],
    ]);
    expect(list.items[0]!.detail).toEqual({ change: 'faults.clear', cleared: 1 });
    expect(list.items[1]!.detail).toEqual({ change: 'fault.add', fault: { route: 'outgoing', status: 503, times: 2 } });
    expect(list.items[2]!.detail).toEqual({ version: 2 });
    expect(list.nextCursor).toBeNull();
  });

  it('filters by who and by action, and pages with the cursor it hands out', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    await changeThings(agent);
    expect((await agent.get('/api/activity').query({ actor: 'local' })).body.items).toHaveLength(5);
    expect((await agent.get('/api/activity').query({ actor: 'Ada Lovelace' })).body.items).toEqual([]);
    const connection = await agent.get('/api/activity').query({ action: 'connection.change' });
    expect(connection.body.items.map((e: { action: string }) => e.action)).toEqual(['connection.change', 'connection.change']);

    const page1 = await agent.get('/api/activity').query({ limit: 2 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await agent.get('/api/activity').query({ limit: 2, cursor: page1.body.nextCursor });
    const page3 = await agent.get('/api/activity').query({ limit: 2, cursor: page2.body.nextCursor });
    expect([...page1.body.items, ...page2.body.items, ...page3.body.items].map((e: { action: string }) => e.action)).toEqual([
      'connection.change',
      'connection.change',
      'design.delete',
      'design.save',
      'design.create',
    ]);
    expect(page3.body.nextCursor).toBeNull();
  });

  it('answers 400 for an unknown action, a limit out of range or a cursor it did not hand out', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    for (const query of [{ action: 'design.rename' }, { limit: '0' }, { limit: '201' }, { cursor: 'not-ours!' }]) {
      const res = await agent.get('/api/activity').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBeTruthy();
    }
  });

  it('needs a session when sign-in is required, and names the access token as who', async () => {
    const h = await startHarness({ APP_ACCESS_TOKEN: 'activity-access-token-0123' });
    harnesses.push(h);
    expect((await request(h.url).get('/api/activity')).status).toBe(401);
    const agent = request.agent(h.url);
    await agent.post('/api/auth/login').send({ token: 'activity-access-token-0123' }).expect(200);
    await agent.post('/api/sandbox/faults').send({ route: 'token', status: 401, times: 1 }).expect(201);
    const list = await agent.get('/api/activity');
    expect(list.body.items).toMatchObject([{ action: 'connection.change', actor: 'access token', detail: { fault: { route: 'token', status: 401 } } }]);
    // The entry says what changed, never the token that allowed it.
    expect(JSON.stringify(list.body)).not.toContain('activity-access-token-0123');
  });

  it('records no change when the fault is refused', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    expect((await agent.post('/api/sandbox/faults').send({ route: 'outgoing', times: 1 })).status).toBe(400);
    expect((await agent.get('/api/activity')).body.items).toEqual([]);
  });
});
