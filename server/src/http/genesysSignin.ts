/**
 * Sign in with Genesys Cloud: the Authorization Code grant with PKCE against
 * login.{domain} for a Code Authorization OAuth client (GENESYS_SIGNIN_CLIENT_ID), then
 * GET /api/v2/users/me with the person's token to learn who they are (and, with
 * GENESYS_SIGNIN_GROUP_ID, whether they are in that group). The session records their name
 * for the audit log; their Genesys token is dropped once the lookup is done.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Logger } from '../logger.ts';
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

type Me = { id?: unknown; name?: unknown; groups?: { id?: unknown }[] };

export function genesysSigninRouter(deps: {
  signin: GenesysSignin;
  sessions: SessionRegistry;
  setSession: (res: Parameters<Parameters<Router['get']>[1]>[1], id: string) => void;
  /** The origin users open (APP_PUBLIC_URL); otherwise the Host this request came to (already checked). */
  publicOrigin: string | null;
  /** Codes and tokens of people are secrets: the log scrubber learns them. */
  onSecret: (s: string) => void;
  logger: Logger;
}): Router {
  const { signin, logger } = deps;
  const pending = new Map<string, { verifier: string; expiresAt: number }>();
  const r = Router();
  const redirectUri = (req: Request) => `${deps.publicOrigin ?? `${req.protocol}://${req.headers.host}`}/api/auth/genesys/callback`;
  const failed = (res: Parameters<Parameters<Router['get']>[1]>[1], why: string) => res.redirect(302, `/?signin_error=${encodeURIComponent(why)}`);

  r.get('/auth/genesys/start', (req, res) => {
    const now = Date.now();
    for (const [k, p] of pending) if (p.expiresAt < now) pending.delete(k);
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    pending.set(state, { verifier, expiresAt: now + PENDING_TTL_MS });
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
    const p = state ? pending.get(state) : undefined;
    if (state) pending.delete(state);
    if (error || !code || !p || p.expiresAt < Date.now()) return failed(res, error ? 'Genesys Cloud refused the sign-in' : 'The sign-in expired or was not started here; try again');
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
