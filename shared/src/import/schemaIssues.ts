/**
 * zod failures → located, readable Issues. Import is strict about reporting: every schema
 * failure becomes an Issue whose path is the JSON path in the *input*, and whose message
 * says what was found there, since the user is looking at that JSON, not at our schema.
 */
import type { z } from 'zod';
import { BOT_REPLY_CONTENT_TYPES } from '../model/genesys.ts';
import type { Issue } from '../model/issues.ts';
import { formatPath, valueAt, type PathPart } from './path.ts';

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
  const out: Issue[] = [];
  for (const zi of error.issues) {
    const local = zi.path as PathPart[];
    const parts = [...prefix, ...local];
    const path = formatPath(parts);
    switch (zi.code) {
      case 'unrecognized_keys':
        for (const key of zi.keys) {
          const at = formatPath([...parts, key]);
          out.push({
            severity: 'error',
            code: 'import.unknown_field',
            path: at,
            message:
              botReply && key === 'action' && parts.includes('quickReply')
                ? `${at}: a bot may send only text, payload and image in a quick reply (reference §1.6); "${key}" is not allowed through the Bot Connector.`
                : `${at}: "${key}" is not a field Genesys knows here, and Genesys rejects unknown fields.`,
          });
        }
        break;
      case 'invalid_union': {
        const disc = (zi as { discriminator?: string }).discriminator;
        const options = (zi as { options?: unknown[] }).options ?? [];
        if (disc) {
          const got = valueAt(input, local);
          out.push({
            severity: 'error',
            code: 'import.unknown_content_type',
            path,
            message: botReply
              ? `${path} is ${describe(got)}: a bot may send only ${BOT_REPLY_CONTENT_TYPES.join(', ')} through the Bot Connector (reference §1.2).`
              : `${path} is ${describe(got)}: expected one of ${options.map(String).join(', ')}.`,
          });
        } else {
          out.push({ severity: 'error', code: 'import.schema', path, message: `${where(path)} does not match any allowed shape.` });
        }
        break;
      }
      case 'invalid_type': {
        const got = valueAt(input, local);
        out.push(
          got === undefined
            ? { severity: 'error', code: 'import.missing_field', path, message: `${path} is required (${zi.expected}) but missing.` }
            : {
                severity: 'error',
                code: 'import.invalid_type',
                path,
                message: `${where(path)} must be ${zi.expected === 'object' ? 'an object' : zi.expected === 'array' ? 'an array' : `a ${zi.expected}`}, not ${describe(got)}.`,
              },
        );
        break;
      }
      case 'invalid_value': {
        const got = valueAt(input, local);
        const values = (zi as { values?: unknown[] }).values ?? [];
        out.push({
          severity: 'error',
          code: 'import.invalid_value',
          path,
          message: `${path} is ${describe(got)}; expected ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`}.`,
        });
        break;
      }
      default:
        out.push({ severity: 'error', code: 'import.schema', path, message: `${where(path)}: ${zi.message}.`.replace(/\.\.$/, '.') });
    }
  }
  return out;
}
