/**
 * Import's wording of zod failures (model/schemaIssues.ts locates them): every schema
 * failure becomes an Issue whose path is the JSON path in the *input*, and whose message
 * says what was found there, since the user is looking at that JSON, not at our schema.
 */
import type { z } from 'zod';
import { BOT_REPLY_CONTENT_TYPES } from '../model/genesys.ts';
import type { Issue } from '../model/issues.ts';
import type { PathPart } from '../model/paths.ts';
import { schemaProblems } from '../model/schemaIssues.ts';

/** A value as a sentence fragment: `the string "Button"`, `number 3`, `an array`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return `an ${typeof v}`;
}

/** A path as the subject of a sentence ('' is the document itself). */
export const where = (path: string): string => (path === '' ? 'the top level' : path);

/**
 * Turns zod issues into located, readable Issues. `input` is the value the schema saw and
 * `prefix` its path in the whole input. `botReply`: the value is a Bot Connector reply
 * message, so refusals are explained by what a bot may send.
 */
export function schemaIssues(error: z.ZodError, input: unknown, prefix: readonly PathPart[], botReply = false): Issue[] {
  return schemaProblems(error, input, prefix).map((p): Issue => {
    const { path } = p;
    switch (p.kind) {
      case 'unknown_field':
        // Liberal in what we accept: Genesys adds fields over time and its own payloads carry
        // ones our schemas do not model. The field is left out (withoutUnknownKeys), not refused.
        return {
          severity: 'warning',
          code: 'import.unknown_field',
          path,
          message: `${path}: "${p.key}" is not a field the designer models here; it is left out of the design.`,
        };
      case 'no_match':
        if (p.discriminator) {
          return {
            severity: 'error',
            code: 'import.unknown_content_type',
            path,
            message: botReply
              ? `${path} is ${describe(p.value)}: a bot may send only ${BOT_REPLY_CONTENT_TYPES.join(', ')} through the Bot Connector.`
              : `${path} is ${describe(p.value)}: expected one of ${(p.options ?? []).map(String).join(', ')}.`,
          };
        }
        return { severity: 'error', code: 'import.schema', path, message: `${where(path)} does not match any allowed shape.` };
      case 'missing':
        // An attachment from a real conversation may have no id; the Bot Connector wants one
        // when we send it, which the verdict (check()) says. Importing it is not an error.
        if (p.local[p.local.length - 1] === 'id' && p.parts.includes('attachment')) {
          return { severity: 'warning', code: 'import.missing_field', path, message: `${path} is missing; the attachment is imported, but the Bot Connector needs an id before it can be sent.` };
        }
        return { severity: 'error', code: 'import.missing_field', path, message: `${path} is required (${p.expected}) but missing.` };
      case 'wrong_type':
        return {
          severity: 'error',
          code: 'import.invalid_type',
          path,
          message: `${where(path)} must be ${p.expected === 'object' ? 'an object' : p.expected === 'array' ? 'an array' : `a ${p.expected}`}, not ${describe(p.value)}.`,
        };
      case 'not_one_of': {
        const values = p.values ?? [];
        return {
          severity: 'error',
          code: 'import.invalid_value',
          path,
          message: `${path} is ${describe(p.value)}; expected ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`}.`,
        };
      }
      default:
        return { severity: 'error', code: 'import.schema', path, message: `${where(path)}: ${p.zod.message}.`.replace(/\.\.$/, '.') };
    }
  });
}
