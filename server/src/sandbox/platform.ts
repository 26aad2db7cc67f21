/**
 * What every Genesys Platform API route of the sandbox shares: the correlation id header,
 * the request log, ErrorBody answers, 429s with Retry-After, fault injection, and the bearer
 * token guard with its permission and rate checks (genesys-messaging.md, "Platform API errors
 * and rate limits"). The contract modules (oauth.ts, outgoing.ts, agentSend.ts,
 * conversations.ts) answer only through here, so a `reset` fault can drop any connection.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody, validationErrorBody } from './wire.ts';
import { rateLimited, recordRequest, takeFault, type SandboxState } from './state.ts';
import type { FaultRoute } from './types.ts';

export type Route = FaultRoute | 'other';

export type Platform = ReturnType<typeof createPlatform>;

export function createPlatform(state: SandboxState) {
  /** Sets the correlation id and cache headers every Genesys answer carries. */
  function correlate(_req: Request, res: Response, next: NextFunction) {
    const correlationId = randomUUID();
    res.locals.correlationId = correlationId;
    res.setHeader('ININ-Correlation-Id', correlationId);
    res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    next();
  }

  /** Records the call and answers it, unless a `reset` fault drops the connection after processing. */
  function send(req: Request, res: Response, route: Route, status: number, body: unknown, headers: Record<string, string> = {}) {
    const record = {
      at: new Date(state.clock()).toISOString(),
      route,
      method: req.method,
      path: req.path,
      status: res.locals.reset ? ('reset' as const) : status,
      requestId: req.get('x-request-id'),
      cacheControl: req.get('cache-control'),
      pragma: req.get('pragma'),
      correlationId: res.locals.correlationId as string,
    };
    recordRequest(state, record);
    if (res.locals.reset) {
      // The request was processed; the caller never learns the outcome.
      req.socket.destroy();
      return;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }

  function platformError(req: Request, res: Response, route: Route, status: number, code: string, message: string, extra: object = {}, headers: Record<string, string> = {}) {
    send(req, res, route, status, errorBody(status, code, message, res.locals.correlationId as string, extra), headers);
  }

  /** A 400 ErrorBody naming every invalid field. */
  function invalid(req: Request, res: Response, route: Route, issues: readonly { path: string; message: string }[]) {
    send(req, res, route, 400, validationErrorBody(issues, res.locals.correlationId as string));
  }

  function tooMany(req: Request, res: Response, route: FaultRoute, retryAfter: number | undefined, key = 'client.credentials.token.rate.per.minute') {
    const headers: Record<string, string> = {};
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    platformError(
      req,
      res,
      route,
      429,
      'too.many.requests.retry.after',
      `Rate limit exceeded the maximum. Retry the request in [${retryAfter ?? 3}] seconds`,
      { limit: { key, namespace: 'platform.api', value: state.settings.rateLimitPerMinute } },
      headers,
    );
  }

  /** Applies a fault rule: delay, then an injected status, or marks the request for reset. Returns true when answered. */
  async function applyFault(route: FaultRoute, req: Request, res: Response): Promise<boolean> {
    const f = takeFault(state, route);
    if (!f) return false;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.reset) {
      res.locals.reset = true;
      return false;
    }
    if (f.status) {
      if (f.status === 429) tooMany(req, res, route, f.retryAfterSeconds);
      else if (route === 'token' && f.status === 401) send(req, res, route, 401, { error: 'invalid_client' });
      else platformError(req, res, route, f.status, f.status >= 500 ? 'internal.server.error' : 'sandbox.fault', `Injected fault ${f.status}`);
      return true;
    }
    return false;
  }

  /** Bearer auth, permission and per-token rate limit for the Platform API routes. */
  function guard(route: FaultRoute, permissions: string[]) {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (await applyFault(route, req, res)) return;
      const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!m) return platformError(req, res, route, 401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
      const rec = state.tokens.get(m[1]!);
      if (!rec || rec.expiresAt <= state.clock()) {
        return platformError(req, res, route, 401, 'bad.credentials', 'Invalid login credentials.');
      }
      const wait = rateLimited(state, state.settings.rateLimitScope === 'client' ? `api-client:${rec.clientId}` : `token:${m[1]}`);
      if (wait !== undefined) return tooMany(req, res, route, wait);
      const perms = state.clients.get(rec.clientId)?.permissions ?? ['*'];
      if (!perms.includes('*') && !permissions.some((p) => perms.includes(p))) {
        return platformError(req, res, route, 403, 'missing.any.permissions', `You are missing the following permission(s): ${permissions.join(' or ')}`, {
          messageWithParams: 'You are missing the following permission(s): {permissions}',
          messageParams: { permissions: permissions.join(' or ') },
        });
      }
      next();
    };
  }

  const parseJson = express.json({ limit: '1mb' });
  /** The JSON body of a Platform API POST, with Genesys's answers to malformed or oversized bodies. */
  function json(route: FaultRoute) {
    return (req: Request, res: Response, next: NextFunction) =>
      parseJson(req, res, (err?: unknown) => {
        if (!err) return next();
        if (typeof err === 'object' && 'type' in err && (err as { type: string }).type === 'entity.parse.failed') {
          return platformError(req, res, route, 400, 'bad.request', 'The request could not be understood by the server due to malformed syntax.');
        }
        if (typeof err === 'object' && 'status' in err && (err as { status: number }).status === 413) {
          return platformError(req, res, route, 413, 'request.entity.too.large', 'The request is too large.');
        }
        next(err);
      });
  }

  return { correlate, send, platformError, invalid, tooMany, applyFault, guard, json };
}
