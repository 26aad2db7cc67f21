import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'grmd_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function constantTimeEqual(a: string, b: string): boolean {
  const ka = createHmac('sha256', 'cmp').update(a).digest();
  const kb = createHmac('sha256', 'cmp').update(b).digest();
  return timingSafeEqual(ka, kb) && a.length === b.length;
}

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
export function requireSession(guard: AccessGuard | null, openPaths: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!guard) return next();
    if (openPaths.includes(req.path)) return next();
    const cookies = parseCookies(req.headers.cookie);
    if (guard.verify(cookies[SESSION_COOKIE])) return next();
    next(new HttpError(401, 'unauthenticated', 'Log in with the access token first (POST /api/auth/login)'));
  };
}
