import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { designRecordSchema, designVersionsResponseSchema, type Design } from '@grmd/shared';
import { edgeApp } from '../testing/app.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const { app, cleanup } = edgeApp();
  cleanups.push(cleanup);
  return app;
}

const design = (name: string, title = 'Hi'): Design => ({
  formatVersion: 1,
  id: 'd-1',
  name,
  channel: 'webmessaging',
  variables: [{ name: 'first', sample: 'Ana' }],
  root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title }, children: [] }] },
});

describe('/api/designs', () => {
  it('creates, reads, searches, updates with versions and restores an old version', async () => {
    const app = setup();
    const created = await request(app).post('/api/designs').send({ design: design('Flight sale') });
    expect(created.status).toBe(201);
    expect(designRecordSchema.parse(created.body).version).toBe(1);

    const put = await request(app).put('/api/designs/d-1').send({ design: design('Flight sale', 'Norway'), expectedVersion: 1 });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);

    const found = await request(app).get('/api/designs').query({ q: 'flight' });
    expect(found.body.items.map((d: { id: string }) => d.id)).toEqual(['d-1']);
    expect((await request(app).get('/api/designs').query({ q: 'hotel' })).body.items).toEqual([]);

    const versions = designVersionsResponseSchema.parse((await request(app).get('/api/designs/d-1/versions')).body);
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await request(app).get('/api/designs/d-1/versions/1');
    expect(v1.body.design.root.children[0].props.title).toBe('Hi');

    // Restore = save the old version again on top of the current one.
    const restored = await request(app).put('/api/designs/d-1').send({ design: v1.body.design, expectedVersion: 2 });
    expect(restored.body.version).toBe(3);
    expect(restored.body.design.root.children[0].props.title).toBe('Hi');
  });

  it('answers 409 with the current version when another tab saved first', async () => {
    const app = setup();
    await request(app).post('/api/designs').send({ design: design('A') });
    await request(app).put('/api/designs/d-1').send({ design: design('A from tab 1'), expectedVersion: 1 });
    const stale = await request(app).put('/api/designs/d-1').send({ design: design('A from tab 2'), expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await request(app).get('/api/designs/d-1')).body.name).toBe('A from tab 1');
  });

  it('answers 400 with paths for a body that is not a design', async () => {
    const app = setup();
    const res = await request(app).post('/api/designs').send({ design: { formatVersion: 1, id: 'x', name: 3, root: {} } });
    expect(res.status).toBe(400);
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('design.name');
    expect(paths).toContain('design.root.id');
  });

  it('deletes a design and then answers 404 for it', async () => {
    const app = setup();
    await request(app).post('/api/designs').send({ design: design('Gone') });
    expect((await request(app).delete('/api/designs/d-1')).body).toEqual({ deleted: true, id: 'd-1' });
    expect((await request(app).get('/api/designs/d-1')).status).toBe(404);
    expect((await request(app).delete('/api/designs/d-1')).status).toBe(404);
    expect((await request(app).get('/api/designs')).body.items).toEqual([]);
  });
});
