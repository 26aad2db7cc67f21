/**
 * Sign in with Genesys Cloud: the Authorization Code grant with PKCE against
 * login.{domain} for a Code Authorization OAuth client (GENESYS_SIGNIN_CLIENT_ID), then
 * GET /api/v2/users/me with the person's token to learn who they are (and, with
 * GENESYS_SIGNIN_GROUP_ID, whether they are in that group). The session records their name
 * for the audit log; their Genesys token is dropped once the lookup is done.
 *
 * Between start and callback the pending sign-in (state, PKCE verifier, expiry) lives in a
 * short-lived cookie of the browser that started it, not in this process: with several
 * instances behind a load balancer the callback may reach another one. The callback signs in
 * only when its `state` equals the cookie's (so a callback from another browser, or one we
 * did not start, opens nothing), and clears the cookie whatever the outcome, so a start is tried once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { constantTimeEqual } from '../lib/secrets.ts';
import type { Logger } from '../logger.ts';
import { parseCookies } from './cookies.ts';
import type { SessionRegistry } from './sessions.ts';

export type GenesysSignin = {
  clientId: string;
  /** Genesys Code Authorization clients have a secret; sent as Basic auth when set. */
  clientSecret?: string;
  groupId?: string;
  loginBaseUrl: string;
  apiBaseUrl: string;
};

const PENDING_TTL_MS = 10 * 60_000;
/** The pending sign-in: `state.verifier.expiresAt` (base64url has no dots). */
export const PENDING_SIGNIN_COOKIE = 'grmd_genesys_signin';
/** Sent only to the two sign-in routes, never to the rest of /api. */
const PENDING_COOKIE_PATH = '/api/auth/genesys';

type Pending = { state: string; verifier: string; expiresAt: number };

function readPending(raw: string | undefined): Pending | null {
  const [state, verifier, expiresAt, extra] = raw?.split('.') ?? [];
  if (!state || !verifier || !expiresAt || extra !== undefined || !/^\d+$/.test(expiresAt)) return null;
  return { state, verifier, expiresAt: Number(expiresAt) };
}

type Me = { id?: unknown; name?: unknown; groups?: { id?: unknown }[] };

export function genesysSigninRouter(deps: {
  signin: GenesysSignin;
  sessions: SessionRegistry;
  setSession: (res: Response, id: string) => void;
  /** Secure cookies (APP_PUBLIC_URL is https). */
  secureCookie: boolean;
  /** The origin users open (APP_PUBLIC_URL); otherwise the Host this request came to (already checked). */
  publicOrigin: string | null;
  /** Codes and tokens of people are secrets: the log scrubber learns them. */
  onSecret: (s: string) => void;
  logger: Logger;
}): Router {
  const { signin, logger } = deps;
  const r = Router();
  const redirectUri = (req: Request) => `${deps.publicOrigin ?? `${req.protocol}://${req.headers.host}`}/api/auth/genesys/callback`;
  const failed = (res: Response, why: string) => res.redirect(302, `/?signin_error=${encodeURIComponent(why)}`);
  // Lax, not Strict: the callback is a top-level navigation coming back from login.{domain}.
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookie, path: PENDING_COOKIE_PATH } as const;

  r.get('/auth/genesys/start', (req, res) => {
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const expiresAt = Date.now() + PENDING_TTL_MS;
    res.cookie(PENDING_SIGNIN_COOKIE, `${state}.${verifier}.${expiresAt}`, { ...cookieOptions, maxAge: PENDING_TTL_MS });
    const url = new URL('/oauth/authorize', signin.loginBaseUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: signin.clientId,
      redirect_uri: redirectUri(req),
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    res.redirect(302, url.toString());
  });

  r.get('/auth/genesys/callback', async (req, res) => {
    const { code, state, error } = req.query as Record<string, string | undefined>;
    const raw = parseCookies(req.headers.cookie)[PENDING_SIGNIN_COOKIE];
    // One try per start, whatever the outcome.
    if (raw !== undefined) res.clearCookie(PENDING_SIGNIN_COOKIE, cookieOptions);
    const p = readPending(raw);
    const ours = p !== null && typeof state === 'string' && constantTimeEqual(state, p.state) && p.expiresAt >= Date.now();
    if (error || typeof code !== 'string' || !code || !ours) {
      return failed(res, error ? 'Genesys Cloud refused the sign-in' : 'The sign-in expired or was not started in this browser; try again');
    }
    deps.onSecret(code);
    try {
      const tokenRes = await fetch(new URL('/oauth/token', signin.loginBaseUrl), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(signin.clientSecret ? { Authorization: `Basic ${Buffer.from(`${signin.clientId}:${signin.clientSecret}`).toString('base64')}` } : {}),
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(req), client_id: signin.clientId, code_verifier: p.verifier }),
      });
      const token = ((await tokenRes.json().catch(() => ({}))) as { access_token?: unknown }).access_token;
      if (!tokenRes.ok || typeof token !== 'string') {
        logger.warn({ status: tokenRes.status }, 'Genesys sign-in: the code exchange failed');
        return failed(res, 'Genesys Cloud did not accept the sign-in code');
      }
      deps.onSecret(token);
      const meRes = await fetch(new URL(`/api/v2/users/me${signin.groupId ? '?expand=groups' : ''}`, signin.apiBaseUrl), {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      const me = (await meRes.json().catch(() => ({}))) as Me;
      if (!meRes.ok || typeof me.id !== 'string') return failed(res, 'Genesys Cloud did not say who you are');
      const name = typeof me.name === 'string' && me.name ? me.name : me.id;
      if (signin.groupId && !(me.groups ?? []).some((g) => g.id === signin.groupId)) {
        logger.warn({ userId: me.id }, 'Genesys sign-in refused: not in the required group');
        return failed(res, `${name} is not in the group allowed to use this designer`);
      }
      deps.setSession(res, await deps.sessions.create(name, me.id));
      logger.info({ userId: me.id }, 'signed in with Genesys Cloud');
      res.redirect(302, '/');
    } catch {
      failed(res, 'Genesys Cloud could not be reached');
    }
  });
  return r;
}
