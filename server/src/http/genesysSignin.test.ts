import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CARD_MESSAGE, openGuest, startHarness, type Harness } from '../testing/harness.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

/** What a browser does: start, pick a user on the sandbox's page, come back to the callback. */
async function signInAs(h: Harness, userId: string): Promise<{ location: string; cookie: string | undefined; callback: string }> {
  const start = await request(h.url).get('/api/auth/genesys/start');
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.location!);
  expect(authorize.origin).toBe(new URL(h.genesysUrls.api).origin);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const page = await request(authorize.origin).get(authorize.pathname + authorize.search);
  expect(page.text).toContain('Sign in as Ada Lovelace');
  const p = authorize.searchParams;
  const chosen = await request(authorize.origin)
    .post('/oauth/authorize')
    .type('form')
    .send({ client_id: p.get('client_id'), redirect_uri: p.get('redirect_uri'), state: p.get('state'), code_challenge: p.get('code_challenge'), user_id: userId });
  const callback = new URL(chosen.headers.location!);
  expect(callback.origin + callback.pathname).toBe(`${h.url}/api/auth/genesys/callback`);
  const back = await request(h.url).get(callback.pathname + callback.search);
  expect(back.status).toBe(302);
  return { location: back.headers.location!, cookie: back.headers['set-cookie']?.[0]?.split(';')[0], callback: callback.pathname + callback.search };
}

describe('Sign in with Genesys Cloud (against the sandbox)', () => {
  it('opens a session named after the person, who then appears in the audit log', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    expect((await request(h.url).get('/api/auth/status')).body).toEqual({ required: true, authenticated: false, methods: { token: false, genesys: true } });
    const { location, cookie, callback } = await signInAs(h, 'sandbox-user-ada');
    expect(location).toBe('/');
    expect(cookie).toMatch(/^grmd_session=/);
    expect((await request(h.url).get('/api/auth/status').set('Cookie', cookie!)).body).toMatchObject({ authenticated: true, who: 'Ada Lovelace' });
    const guest = await openGuest(h);
    const sent = await request(h.url)
      .post('/api/sends')
      .set('Cookie', cookie!)
      .set('Idempotency-Key', 'genesys-signin-1')
      .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: guest.session.botSessionId } });
    guest.close();
    expect(sent.body.status).toBe('sent');
    expect((await request(h.url).get('/api/sends?actor=Ada%20Lovelace').set('Cookie', cookie!)).body.items).toHaveLength(1);
    // A code is good once: replaying the callback opens nothing.
    const replay = await request(h.url).get(callback);
    expect(replay.headers.location).toMatch(/^\/\?signin_error=/);
    expect(replay.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a person outside GENESYS_SIGNIN_GROUP_ID and lets a member in', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client', GENESYS_SIGNIN_GROUP_ID: 'sandbox-group-designers' });
    harnesses.push(h);
    const grace = await signInAs(h, 'sandbox-user-grace');
    expect(decodeURIComponent(grace.location)).toContain('Grace Hopper is not in the group');
    expect(grace.cookie).toBeUndefined();
    const linus = await signInAs(h, 'sandbox-user-linus');
    expect(linus.location).toBe('/');
    expect(linus.cookie).toBeDefined();
  });

  it('refuses a callback it did not start', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    const res = await request(h.url).get('/api/auth/genesys/callback?code=made-up&state=made-up');
    expect(res.headers.location).toMatch(/^\/\?signin_error=/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
