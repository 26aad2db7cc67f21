import type { z } from 'zod';
import { issuesFromZod, type Issue } from '@grmd/shared';
import { DomainError } from '../errors.ts';

/** A request that fails its schema, as API issues: `request.<zod code>` at the field's path. */
export function requestIssues(error: z.ZodError): Issue[] {
  return issuesFromZod(error, { code: (zi) => `request.${zi.code}` });
}

/** Parses with a zod schema; a failure is a 400 listing every problem with its path. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new DomainError('invalid', 'invalid_request', `The ${what} is invalid`, { issues: requestIssues(r.error) });
  return r.data;
}

/** The value a route looked up, or the error saying it does not exist. */
export function found<T>(value: T | null | undefined, missing: () => Error): T {
  if (value === null || value === undefined) throw missing();
  return value;
}
