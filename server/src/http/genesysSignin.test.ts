import { afterEach, describe, expect, it } from 'vitest';
import express, { Router } from 'express';
import request from 'supertest';
import { createLogger } from '../logger.ts';
import { CARD_MESSAGE, openGuest, startHarness, type Harness } from '../testing/harness.ts';
import { createApp } from './app.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

/** What a browser does: start, pick a user on the sandbox's page, come back to the callback. */
async function signInAs(
  h: Harness,
  userId: string,
  opts: { finishAt?: string | express.Express; pendingFor?: (pending: string) => string } = {},
): Promise<{ location: string; cookie: string | undefined; callback: string; pending: string }> {
  const start = await request(h.url).get('/api/auth/genesys/start');
  expect(start.status).toBe(302);
  // The pending sign-in (state and PKCE verifier) rides in the browser's cookie, not in the server.
  const pending = pendingCookie(start);
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
  const back = await request(opts.finishAt ?? h.url)
    .get(callback.pathname + callback.search)
    .set('Cookie', opts.pendingFor ? opts.pendingFor(pending) : pending);
  expect(back.status).toBe(302);
  return { location: back.headers.location!, cookie: sessionCookie(back), callback: callback.pathname + callback.search, pending };
}

const setCookies = (res: request.Response): string[] => [res.headers['set-cookie'] ?? []].flat();
const sessionCookie = (res: request.Response) => setCookies(res).find((c) => c.startsWith('grmd_session='))?.split(';')[0];
function pendingCookie(res: request.Response): string {
  const c = setCookies(res).find((x) => x.startsWith('grmd_genesys_signin='));
  expect(c).toBeDefined();
  return c!.split(';')[0]!;
}

describe('Sign in with Genesys Cloud (against the sandbox)', () => {
  it('opens a session named after the person, who then appears in the audit log', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    expect((await request(h.url).get('/api/auth/status')).body).toEqual({ required: true, authenticated: false, methods: { token: false, genesys: true } });
    const { location, cookie, callback, pending } = await signInAs(h, 'sandbox-user-ada');
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
    // A code is good once: replaying the callback, even with a copy of the pending cookie, opens nothing.
    const replay = await request(h.url).get(callback).set('Cookie', pending);
    expect(replay.headers.location).toMatch(/^\/\?signin_error=/);
    expect(sessionCookie(replay)).toBeUndefined();
    const withoutCookie = await request(h.url).get(callback);
    expect(withoutCookie.headers.location).toMatch(/^\/\?signin_error=/);
    expect(withoutCookie.headers['set-cookie']).toBeUndefined();
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

  it('keeps the pending sign-in in a short-lived HttpOnly, SameSite=Lax cookie for the sign-in routes only', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    const start = await request(h.url).get('/api/auth/genesys/start');
    const cookie = setCookies(start).find((c) => c.startsWith('grmd_genesys_signin='))!;
    expect(cookie).toMatch(/; Max-Age=600;/);
    expect(cookie).toMatch(/; Path=\/api\/auth\/genesys;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    // Its state is the one sent to Genesys; the verifier is not (only its S256 challenge is).
    const [state, verifier] = pendingCookie(start).split('=')[1]!.split('.');
    const authorize = new URL(start.headers.location!);
    expect(authorize.searchParams.get('state')).toBe(state);
    expect(start.headers.location).not.toContain(verifier);
  });

  it('marks the pending sign-in cookie Secure when APP_PUBLIC_URL is https', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client', APP_PUBLIC_URL: 'https://designer.example.com' });
    harnesses.push(h);
    const start = await request(h.url).get('/api/auth/genesys/start');
    expect(setCookies(start).find((c) => c.startsWith('grmd_genesys_signin='))).toMatch(/; Secure/);
  });

  it('finishes on another instance that shares the stores but never saw the start', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    // A second instance behind the same public address: its own process memory, the same sign-in store.
    const second = createApp({
      mode: 'sandbox',
      version: '9.9.9',
      logger: createLogger({ level: 'silent' }),
      clientDist: null,
      accessToken: null,
      publicOrigin: h.url,
      allowedHosts: [],
      rateLimit: false,
      sessionLimits: h.config.session,
      signins: h.stores.signins,
      genesysSignin: { clientId: 'sandbox-signin-client', loginBaseUrl: h.genesysUrls.api, apiBaseUrl: h.genesysUrls.api },
      ready: async () => ({ database: true }),
      botConnector: Router(),
      api: Router(),
    });
    const { location, cookie } = await signInAs(h, 'sandbox-user-ada', { finishAt: second });
    expect(location).toBe('/');
    expect(cookie).toMatch(/^grmd_session=/);
    // The session opened there is known to the first instance too.
    expect((await request(h.url).get('/api/auth/status').set('Cookie', cookie!)).body).toMatchObject({ authenticated: true, who: 'Ada Lovelace' });
  });

  it('refuses a callback whose state is not the one in this browser\'s cookie, or whose cookie has expired', async () => {
    const h = await startHarness({ GENESYS_SIGNIN_CLIENT_ID: 'sandbox-signin-client' });
    harnesses.push(h);
    // Another sign-in's pending cookie (e.g. a code made for someone else's browser): refused.
    const other = pendingCookie(await request(h.url).get('/api/auth/genesys/start'));
    const swapped = await signInAs(h, 'sandbox-user-ada', { pendingFor: () => other });
    expect(swapped.location).toMatch(/^\/\?signin_error=/);
    expect(swapped.cookie).toBeUndefined();
    // The right verifier under another state: refused on the state alone (PKCE would pass).
    const restated = await signInAs(h, 'sandbox-user-ada', { pendingFor: (p) => p.replace(/=[^.]+\./, '=another-state.') });
    expect(restated.location).toMatch(/^\/\?signin_error=/);
    expect(restated.cookie).toBeUndefined();
    // The right state but past its ten minutes: refused.
    const expired = await signInAs(h, 'sandbox-user-ada', { pendingFor: (p) => p.replace(/\.\d+$/, `.${Date.now() - 1}`) });
    expect(expired.location).toMatch(/^\/\?signin_error=/);
    expect(expired.cookie).toBeUndefined();
    // A cookie that is not ours at all: refused.
    const garbage = await signInAs(h, 'sandbox-user-ada', { pendingFor: () => 'grmd_genesys_signin=not-a-pending-sign-in' });
    expect(garbage.location).toMatch(/^\/\?signin_error=/);
    expect(garbage.cookie).toBeUndefined();
  });
});
