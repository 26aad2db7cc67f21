import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Issue } from '@grmd/shared';
import { DomainError, type DomainErrorKind } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The status each kind of domain error answers with; the only place that maps the two. */
export const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  upstream: 502,
};

/**
 * Refusals of the HTTP edge itself (authentication, cross-site writes, body limits, rate
 * limits, unknown routes): they have no meaning outside HTTP, so they carry their status.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No API route ${req.method} ${req.path}`));
};

type ErrorBody = { status: number; code: string; message: string; issues?: Issue[]; extra?: Record<string, unknown> };

/** Errors thrown by parsers Express runs before our own (they carry status and type). */
function parserError(e: { status: number; type?: string; expose?: boolean }): ErrorBody {
  if (e.type === 'entity.too.large' || e.status === 413) {
    return { status: 413, code: 'payload_too_large', message: 'Request body is larger than the 256 kB limit' };
  }
  if (e.type === 'entity.parse.failed') return { status: e.status, code: 'malformed_json', message: 'Request body is not valid JSON' };
  if (e.status === 415) return { status: 415, code: 'unsupported_media_type', message: 'Request body must be application/json' };
  if (e.status < 500 && e.expose !== false) return { status: e.status, code: 'bad_request', message: 'Bad request' };
  return INTERNAL;
}

const INTERNAL: ErrorBody = { status: 500, code: 'internal', message: 'Internal server error' };

function describe(err: unknown): ErrorBody {
  if (err instanceof DomainError) {
    return { status: STATUS_OF_KIND[err.kind], code: err.code, message: err.message, issues: err.issues, extra: err.extra };
  }
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
  if (err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number') {
    return parserError(err as { status: number });
  }
  return INTERNAL;
}

/**
 * The one error middleware: every failure becomes `{error:{code,message,issues?,...}}`
 * (apiErrorSchema in @grmd/shared). Anything unexpected is a 500 with no detail; its stack
 * goes to the log (secrets scrubbed there), never to the client.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, code, message, issues, extra } = describe(err);
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: { code, message, ...(issues ? { issues } : {}), ...(extra ?? {}) } });
  };
}
