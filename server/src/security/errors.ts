import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Issue } from '@grmd/shared';
import type { Logger } from '../logger.ts';

/** The one error type routes throw; the error middleware turns it into `{error:{code,message,issues?}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No API route ${req.method} ${req.path}`));
};

/** Maps body-parser style errors (status/type) and HttpError; everything else is a 500 with no detail. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let code = 'internal';
    let message = 'Internal server error';
    let issues: Issue[] | undefined;
    let extra: Record<string, unknown> | undefined;
    if (err instanceof HttpError) {
      ({ status, code, message, issues, extra } = err);
    } else if (err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number') {
      const e = err as { status: number; type?: string; expose?: boolean; message?: string };
      status = e.status;
      if (e.type === 'entity.too.large' || status === 413) {
        code = 'payload_too_large';
        message = 'Request body is larger than the 256 kB limit';
      } else if (e.type === 'entity.parse.failed') {
        code = 'malformed_json';
        message = 'Request body is not valid JSON';
      } else if (status === 415) {
        code = 'unsupported_media_type';
        message = 'Request body must be application/json';
      } else if (status < 500 && e.expose !== false) {
        code = 'bad_request';
        message = 'Bad request';
      } else {
        status = 500;
      }
    }
    if (status >= 500) {
      // The stack goes to the log (secrets scrubbed there), never to the client.
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: { code, message, ...(issues ? { issues } : {}), ...(extra ?? {}) } });
  };
}
