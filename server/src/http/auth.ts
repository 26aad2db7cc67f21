import { createHmac, randomBytes } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { constantTimeEqual } from '../lib/secrets.ts';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'grmd_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** The /api routes that answer without a session: enough to see the server is up and to log in. */
export const OPEN_API_PATHS = ['/health', '/auth/login', '/auth/status'] as const;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k) {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

/**
 * Stateless session cookies: `expiry.nonce.mac` with the MAC keyed by the access token, so
 * changing APP_ACCESS_TOKEN logs everyone out and the token itself never travels again.
 */
export class AccessGuard {
  private readonly key: Buffer;
  constructor(
    private readonly accessToken: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', 'grmd-session-key').update(accessToken).digest();
  }

  checkToken(token: unknown): boolean {
    return typeof token === 'string' && constantTimeEqual(token, this.accessToken);
  }

  issue(): { value: string; maxAgeMs: number } {
    const expiry = this.now() + SESSION_TTL_MS;
    const nonce = randomBytes(16).toString('base64url');
    const body = `${expiry}.${nonce}`;
    return { value: `${body}.${this.mac(body)}`, maxAgeMs: SESSION_TTL_MS };
  }

  verify(value: string | undefined): boolean {
    if (!value) return false;
    const parts = value.split('.');
    if (parts.length !== 3) return false;
    const [expiry, nonce, mac] = parts as [string, string, string];
    const body = `${expiry}.${nonce}`;
    if (!constantTimeEqual(mac, this.mac(body))) return false;
    return Number(expiry) > this.now();
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** Every /api route except the open ones needs the session cookie when an access token is configured. */
export function requireSession(guard: AccessGuard | null): RequestHandler {
  return (req, _res, next) => {
    if (!guard) return next();
    if ((OPEN_API_PATHS as readonly string[]).includes(req.path)) return next();
    if (guard.verify(parseCookies(req.headers.cookie)[SESSION_COOKIE])) return next();
    next(new HttpError(401, 'unauthenticated', 'Log in with the access token first (POST /api/auth/login)'));
  };
}

/**
 * GET /auth/status, POST /auth/login and /auth/logout. Without an access token (a server on
 * the loopback address) there is nothing to log in to, and status says so.
 */
export function authRouter(guard: AccessGuard | null, opts: { secureCookie: boolean }): Router {
  const r = Router();
  r.get('/auth/status', (req, res) => {
    const value = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    res.json({ required: guard !== null, authenticated: guard === null || guard.verify(value) });
  });
  r.post('/auth/login', (req, res, next) => {
    if (!guard) {
      res.json({ ok: true, required: false });
      return;
    }
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (!guard.checkToken(token)) {
      next(new HttpError(401, 'bad_token', 'The access token is wrong'));
      return;
    }
    const session = guard.issue();
    res.cookie(SESSION_COOKIE, session.value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookie,
      path: '/',
      maxAge: session.maxAgeMs,
    });
    res.json({ ok: true, required: true });
  });
  r.post('/auth/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
    res.json({ ok: true });
  });
  return r;
}
