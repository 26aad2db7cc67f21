import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { SqliteStores } from '../store/sqlite/index.ts';
import { CARD_MESSAGE, openGuest, startHarness, type Harness } from '../testing/harness.ts';

const CANARY_CLIENT_SECRET = 'CANARY-client-secret-7f3a9c1e5b';
const CANARY_CONNECTION_SECRET = 'CANARY-connection-secret-2d8e4f6a';
const CANARY_ACCESS_TOKEN = 'CANARY-app-access-token-91b0c3d5';
const CANARY_SIGNIN_SECRET = 'CANARY-signin-client-secret-4e7b';

let h: Harness | undefined;
afterAll(async () => {
  await h?.cleanup();
});

describe('secrets', () => {
  it('never appear in any response, log line or the SQLite files, even on failures', async () => {
    h = await startHarness(
      {
        BOT_CONNECTOR_SECRET: CANARY_CONNECTION_SECRET,
        APP_ACCESS_TOKEN: CANARY_ACCESS_TOKEN,
        GENESYS_SIGNIN_CLIENT_ID: 'canary-signin-client',
        GENESYS_SIGNIN_CLIENT_SECRET: CANARY_SIGNIN_SECRET,
      },
      { sandbox: { clients: [{ clientId: 'canary-client', clientSecret: CANARY_CLIENT_SECRET }] } },
    );
    const seen: string[] = [];
    const record = (r: request.Response) => {
      seen.push(JSON.stringify(r.headers), r.text ?? '');
      return r;
    };
    const api = request.agent(h.url);

    record(await api.get('/api/designs')); // 401 before login
    record(await api.post('/api/auth/login').send({ token: 'wrong-token-wrong-token' }));
    const login = record(await api.post('/api/auth/login').send({ token: CANARY_ACCESS_TOKEN }));
    expect(login.status).toBe(200);
    record(await api.get('/api/health'));

    // Sign in with Genesys Cloud: the person's code and token must stay on the server.
    const start = record(await request(h.url).get('/api/auth/genesys/start'));
    const authorize = new URL(start.headers.location!);
    const p = authorize.searchParams;
    const chosen = await request(authorize.origin)
      .post('/oauth/authorize')
      .type('form')
      .send({ client_id: p.get('client_id'), redirect_uri: p.get('redirect_uri'), state: p.get('state'), code_challenge: p.get('code_challenge'), user_id: 'sandbox-user-ada' });
    const callback = new URL(chosen.headers.location!);
    const personCode = callback.searchParams.get('code')!;
    // The browser carries the pending sign-in (state and PKCE verifier) from start to callback.
    const pendingCookie = [start.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('grmd_genesys_signin='))!.split(';')[0]!;
    const verifier = pendingCookie.split('=')[1]!.split('.')[1]!;
    const afterStart = seen.length;
    const back = record(await request(h.url).get(callback.pathname + callback.search).set('Cookie', pendingCookie));
    const personCookie = [back.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('grmd_session='))!.split(';')[0]!;
    record(await request(h.url).get('/api/auth/status').set('Cookie', personCookie));
    const conn = record(await api.get('/api/connection'));
    expect(conn.body.token.ok).toBe(true);
    record(await api.post('/api/validate').send({ message: CARD_MESSAGE }));

    const guest = await openGuest(h);
    const botSessionId = guest.session.botSessionId;
    const send = (k: string) =>
      api.post('/api/sends').set('Idempotency-Key', k).send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId } });
    expect(record(await send('canary-ok-1')).body.status).toBe('sent');

    // Failing sends: Genesys 500s, then a token endpoint that refuses the client.
    h.sandbox!.addFault({ route: 'outgoing', status: 500, times: 3 });
    expect(record(await send('canary-fail-1')).body.status).toBe('failed');
    h.sandbox!.expireTokens();
    h.sandbox!.addFault({ route: 'token', status: 401, times: 10 });
    const tokenFail = record(await send('canary-fail-2'));
    expect(tokenFail.body.status).toBe('failed');
    expect(tokenFail.body.error.kind).toBe('unauthorized');
    record(await api.get('/api/connection'));
    h.sandbox!.clearFaults();
    record(await api.get('/api/sends?limit=200'));
    record(await api.get('/api/sends/stats'));
    record(await api.get(`/api/sessions/${botSessionId}`));
    record(await api.get('/api/sessions'));
    // A Bot Connector call with a wrong secret (logged as refused).
    record(await request(h.url).post('/botconnector/messages').set('X-Bot-Connector-Secret', 'wrong').send({}));
    guest.close();

    const secrets = h.secrets();
    expect(secrets).toEqual(expect.arrayContaining([CANARY_CLIENT_SECRET, CANARY_CONNECTION_SECRET, CANARY_ACCESS_TOKEN, CANARY_SIGNIN_SECRET, personCode]));
    expect(secrets.length).toBeGreaterThan(3); // plus at least one Genesys access token issued by the sandbox

    const logs = h.logs();
    expect(logs).toContain('send completed');
    (h.stores as SqliteStores).db.pragma('wal_checkpoint(PASSIVE)');
    const dbText = readdirSync(h.dataDir)
      .filter((f) => f.startsWith('app.db'))
      .map((f) => readFileSync(path.join(h!.dataDir, f)).toString('latin1'))
      .join('\n');
    expect(dbText).toContain('50% off Flights to Norway'); // the grep really reads the data
    const haystacks = { responses: seen.join('\n'), logs, sqlite: dbText };
    // The PKCE verifier is set in the browser's cookie by the start and is sent to Genesys only
    // in the code exchange: no later response, log line or database row holds it.
    expect(verifier.length).toBeGreaterThan(40);
    for (const [where, text] of Object.entries({ ...haystacks, responses: seen.slice(afterStart).join('\n') })) {
      expect(text.includes(verifier), `the PKCE verifier found in ${where}`).toBe(false);
    }
    for (const secret of secrets) {
      for (const [where, text] of Object.entries(haystacks)) {
        expect(text.includes(secret), `${secret.slice(0, 10)}… found in ${where}`).toBe(false);
      }
    }
  });
});
