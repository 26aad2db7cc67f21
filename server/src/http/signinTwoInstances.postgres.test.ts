/**
 * Sign in with Genesys Cloud across two instances on one PostgreSQL database, as behind a
 * load balancer without sticky sessions: the sign-in starts on A, Genesys sends the browser
 * back to B, and the person's changes made on either instance are in one change log under
 * their name. Needs TEST_DATABASE_URL (`npm test` and `npm run test:postgres` start a
 * throwaway PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '@grmd/shared';
import { createSandbox, type Sandbox } from '../sandbox/index.ts';
import { liveEnv, startHarness, type Harness } from '../testing/harness.ts';

const URL_ = process.env.TEST_DATABASE_URL;

describe.skipIf(!URL_)('Sign in with Genesys Cloud on two instances of one PostgreSQL database', () => {
  let admin: pg.Pool | undefined;
  let schema = '';
  let sandbox: Sandbox;
  let sandboxUrl = '';
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: URL_, max: 1 });
    schema = `signin_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = new URL(URL_!);
    db.searchParams.set('options', `-c search_path=${schema}`);
    sandbox = createSandbox({ botRetryDelayMs: 10 });
    const listening = await sandbox.listen(0, '127.0.0.1');
    sandboxUrl = listening.url;
    const env = {
      ...liveEnv({
        sandbox,
        listening,
        secret: 'two-instances-signin-secret-0123',
        deploymentId: 'd0d0d0d0-0000-4000-8000-000000000003',
        origin: 'http://127.0.0.1:3000',
        bot: { botId: 'designer-bot', botVersion: '1.0' },
      }),
      GENESYS_SIGNIN_CLIENT_ID: 'two-instances-signin-client',
      // Both behind one public address, so both name the same redirect URI.
      APP_PUBLIC_URL: 'http://designer.test',
      DATABASE_URL: db.toString(),
    };
    [a, b] = await Promise.all([startHarness(env), startHarness(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([a?.cleanup(), b?.cleanup()]);
    await sandbox?.close();
    if (admin && schema) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
  });

  it('starts on A, finishes on B, and the person is who saved on either', async () => {
    const start = await request(a.url).get('/api/auth/genesys/start');
    const pending = [start.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('grmd_genesys_signin='))!.split(';')[0]!;
    const p = new URL(start.headers.location!).searchParams;
    const chosen = await request(sandboxUrl)
      .post('/oauth/authorize')
      .type('form')
      .send({ client_id: p.get('client_id'), redirect_uri: p.get('redirect_uri'), state: p.get('state'), code_challenge: p.get('code_challenge'), user_id: 'sandbox-user-ada' });
    const callback = new URL(chosen.headers.location!);
    expect(callback.origin).toBe('http://designer.test');

    const back = await request(b.url).get(callback.pathname + callback.search).set('Cookie', pending);
    expect(back.headers.location).toBe('/');
    const session = [back.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('grmd_session='))!.split(';')[0]!;

    const design = (name: string): Design => ({
      formatVersion: 1,
      id: 'two-instances-design',
      name,
      channel: 'webmessaging',
      variables: [],
      root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title: 'Hi' }, children: [] }] },
    });
    await request(a.url).post('/api/designs').set('Cookie', session).send({ design: design('Made on A') }).expect(201);
    await request(b.url).put('/api/designs/two-instances-design').set('Cookie', session).send({ design: design('Saved on B'), expectedVersion: 1 }).expect(200);
    for (const h of [a, b]) {
      const log = await request(h.url).get('/api/activity').query({ actor: 'Ada Lovelace' }).set('Cookie', session);
      expect(log.body.items.map((e: { action: string; subjectName: string }) => [e.action, e.subjectName])).toEqual([
        ['design.save', 'Saved on B'],
        ['design.create', 'Made on A'],
      ]);
    }
  }, 30_000);
});
