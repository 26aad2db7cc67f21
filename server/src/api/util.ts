import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Issue } from '@grmd/shared';
import { HttpError } from '../security/errors.ts';

function zodPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    severity: 'error' as const,
    code: `request.${i.code}`,
    message: i.path.length ? `${zodPath(i.path)}: ${i.message}` : i.message,
    path: zodPath(i.path),
  }));
}

/** Parses with a zod schema; a failure is a 400 listing every problem with its path. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid_request', `The ${what} is invalid`, zodIssues(r.error));
  return r.data;
}

/** Express 5 forwards rejected promises; this only types the handler. */
export const h = (fn: (req: Request, res: Parameters<RequestHandler>[1]) => unknown): RequestHandler =>
  async (req, res, next) => {
    try {
      await fn(req, res);
    } catch (e) {
      next(e);
    }
  };

export function notWired(what: string): never {
  throw new HttpError(501, 'not_implemented', `${what} is not available in this build of the server`);
}
