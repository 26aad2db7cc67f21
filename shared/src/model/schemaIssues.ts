/**
 * The one translation of zod's findings into located problems. Every place that checks
 * untrusted JSON against a schema (validate's props and kept envelopes, import, the
 * server's request bodies) reads zod issues through schemaProblems, so the path of a
 * finding is always written by paths.ts and the value found there is at hand for the
 * message; each caller only chooses its wording. issuesFromZod is the plain wording for
 * callers that need nothing more (request bodies, kept envelopes).
 */
import type { z } from 'zod';
import type { Issue } from './issues.ts';
import { appendPath, valueAt, type PathPart } from './paths.ts';

export type SchemaProblemKind = 'unknown_field' | 'missing' | 'wrong_type' | 'not_one_of' | 'no_match' | 'other';

export type SchemaProblem = {
  kind: SchemaProblemKind;
  /** Where: the caller's prefix, the zod path and, for an unknown field, its key. */
  parts: PathPart[];
  path: string;
  /** Path inside the value the schema saw (without the prefix). */
  local: PathPart[];
  /** The value found there (undefined when absent). */
  value: unknown;
  /** unknown_field: the key. */
  key?: string;
  /** missing / wrong_type: what zod expected (`string`, `int`, `object`…). */
  expected?: string;
  /** not_one_of: the allowed values. */
  values?: readonly unknown[];
  /** no_match: the discriminator key and its allowed values, when the union has one. */
  discriminator?: string;
  options?: readonly unknown[];
  zod: z.core.$ZodIssue;
};

function toParts(path: readonly PropertyKey[]): PathPart[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Every zod issue as a SchemaProblem; `input` is the value the schema saw. */
export function schemaProblems(error: z.ZodError, input: unknown, prefix: readonly PathPart[] = []): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const zi of error.issues) {
    const local = toParts(zi.path);
    const parts = [...prefix, ...local];
    const value = valueAt(input, local);
    const base = { parts, path: appendPath('', parts), local, value, zod: zi };
    switch (zi.code) {
      case 'unrecognized_keys':
        for (const key of zi.keys) {
          const keyParts = [...parts, key];
          out.push({ ...base, kind: 'unknown_field', key, parts: keyParts, path: appendPath('', keyParts), local: [...local, key], value: valueAt(input, [...local, key]) });
        }
        break;
      case 'invalid_type':
        out.push({ ...base, kind: value === undefined ? 'missing' : 'wrong_type', expected: String(zi.expected) });
        break;
      case 'invalid_value':
        out.push({ ...base, kind: 'not_one_of', values: zi.values });
        break;
      case 'invalid_union': {
        const u = zi as { discriminator?: string; options?: unknown[] };
        out.push({ ...base, kind: 'no_match', ...(u.discriminator ? { discriminator: u.discriminator } : {}), ...(u.options ? { options: u.options } : {}) });
        break;
      }
      default:
        out.push({ ...base, kind: 'other' });
    }
  }
  return out;
}

export type ZodIssueOptions = {
  /** Path parts in front of zod's own path (where the checked value sits). */
  prefix?: readonly PathPart[];
  /** The issue code; default `schema.<zod code>`. */
  code?: (zi: z.core.$ZodIssue) => string;
  /** The sentence; default `<path>: <zod message>` (zod's message alone at the top level). */
  message?: (zi: z.core.$ZodIssue, path: string) => string;
  /** Report at most this many (a hostile body can fail a schema in thousands of places). */
  max?: number;
};

/** zod issues as error Issues with located paths, in zod's own words unless told otherwise. */
export function issuesFromZod(error: z.ZodError, opts: ZodIssueOptions = {}): Issue[] {
  const list = opts.max === undefined ? error.issues : error.issues.slice(0, opts.max);
  return list.map((zi) => {
    const path = appendPath('', [...(opts.prefix ?? []), ...toParts(zi.path)]);
    return {
      severity: 'error' as const,
      code: opts.code ? opts.code(zi) : `schema.${zi.code}`,
      message: opts.message ? opts.message(zi, path) : path ? `${path}: ${zi.message}` : zi.message,
      path,
    };
  });
}
