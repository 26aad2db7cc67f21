import { Router, type Request, type RequestHandler, type Response } from 'express';
import { constantTimeEqual } from '../lib/secrets.ts';
import type { Logger } from '../logger.ts';
import { parseCookies } from './cookies.ts';
import { HttpError } from './errors.ts';
import { genesysSigninRouter, type GenesysSignin } from './genesysSignin.ts';
import { FailureThrottle, SessionRegistry, type Session } from './sessions.ts';

export const SESSION_COOKIE = 'grmd_session';
/** The audit log's name for whoever signed in with the shared APP_ACCESS_TOKEN. */
export const ACCESS_TOKEN_WHO = 'access token';
/** The audit log's name for a user of a server without sign-in (loopback only). */
export const LOCAL_WHO = 'local';
/** The /api routes that answer without a session: enough to see the server is up and to sign in. */
export const OPEN_API_PATHS = ['/health', '/auth/login', '/auth/status', '/auth/logout'] as const;

const sessionId = (req: Request) => parseCookies(req.headers.cookie)[SESSION_COOKIE];

/** How people sign in (APP_ACCESS_TOKEN, Genesys Cloud, or both) and the sessions that opens. */
export class AccessGuard {
  constructor(
    private readonly accessToken: string | null,
    readonly sessions: SessionRegistry,
    readonly throttle: FailureThrottle,
    readonly genesys: GenesysSignin | null = null,
  ) {}

  checkToken(token: unknown): boolean {
    return this.accessToken !== null && typeof token === 'string' && constantTimeEqual(token, this.accessToken);
  }

  get hasToken(): boolean {
    return this.accessToken !== null;
  }

  session(req: Request): Promise<Session | null> {
    return this.sessions.touch(sessionId(req));
  }
}

/** Every /api route except the open ones needs a live session when an access token is configured. */
export function requireSession(guard: AccessGuard | null): RequestHandler {
  return async (req, res, next) => {
    if (!guard) {
      res.locals.who = LOCAL_WHO;
      return next();
    }
    if ((OPEN_API_PATHS as readonly string[]).includes(req.path)) return next();
    const session = await guard.session(req);
    if (session) {
      res.locals.who = session.who;
      return next();
    }
    next(new HttpError(401, 'unauthenticated', 'Sign in with the access token first (POST /api/auth/login)'));
  };
}

/**
 * GET /auth/status, POST /auth/login and /auth/logout. Without an access token (a server on
 * the loopback address) there is nothing to sign in to, and status says so.
 */
export function authRouter(
  guard: AccessGuard | null,
  opts: { secureCookie: boolean; logger: Logger; publicOrigin: string | null; onSecret: (s: string) => void },
): Router {
  const r = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: opts.secureCookie, path: '/' } as const;
  r.get('/auth/status', async (req, res) => {
    const session = (await guard?.session(req)) ?? null;
    res.json({
      required: guard !== null,
      authenticated: guard === null || session !== null,
      ...(session ? { who: session.who } : {}),
      ...(guard ? { methods: { token: guard.hasToken, genesys: guard.genesys !== null } } : {}),
    });
  });
  if (guard?.genesys) {
    r.use(
      genesysSigninRouter({
        signin: guard.genesys,
        sessions: guard.sessions,
        setSession: (res, id) => res.cookie(SESSION_COOKIE, id, { ...cookieOptions, maxAge: guard.sessions.maxAgeMs }),
        secureCookie: opts.secureCookie,
        publicOrigin: opts.publicOrigin,
        onSecret: opts.onSecret,
        logger: opts.logger,
      }),
    );
  }
  r.post('/auth/login', async (req, res, next) => {
    if (!guard) {
      res.json({ ok: true, required: false });
      return;
    }
    const address = req.ip ?? 'unknown';
    const wait = guard.throttle.retryAfter(address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      next(new HttpError(429, 'too_many_sign_in_attempts', `Too many wrong access tokens from this address; try again in ${wait} s`));
      return;
    }
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (!guard.checkToken(token)) {
      guard.throttle.fail(address);
      // The address, never what was typed: a near-miss of the token is almost the token.
      opts.logger.warn({ address }, 'sign-in refused: wrong access token');
      next(new HttpError(401, 'bad_token', 'The access token is wrong'));
      return;
    }
    await guard.sessions.end(sessionId(req));
    res.cookie(SESSION_COOKIE, await guard.sessions.create(ACCESS_TOKEN_WHO), { ...cookieOptions, maxAge: guard.sessions.maxAgeMs });
    res.json({ ok: true, required: true });
  });
  r.post('/auth/logout', async (req, res) => {
    await guard?.sessions.end(sessionId(req));
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.json({ ok: true });
  });
  return r;
}

/** Who the request is from, as requireSession found it (null outside the session-checked routes). */
export function actorOf(res: Response): string | null {
  const who: unknown = res.locals.who;
  return typeof who === 'string' ? who : null;
}
