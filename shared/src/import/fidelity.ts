/**
 * Round-trip fidelity: after an import that reported nothing, the user is told when
 * exporting the design will not give back the input exactly (empty optional fields,
 * unsupported items and the Text/Structured type rule are normalised on the way).
 */
import type { Design } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import { compile } from '../transform/compile.ts';
import { replyMessagesFor } from '../transform/export.ts';
import { isObject, type Json } from './common.ts';
import { formatPath, type PathPart } from '../model/paths.ts';
import { where } from './schemaIssues.ts';

function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (isObject(v)) {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortedJson(v[k]);
    return out;
  }
  return v;
}

/** The first path where two JSON values differ (key order ignored), or undefined. */
export function firstDifference(a: unknown, b: unknown, path: PathPart[] = []): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], [...path, k]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return JSON.stringify(sortedJson(a)) === JSON.stringify(sortedJson(b)) ? undefined : formatPath(path);
}

function notExact(path: string, detail = ''): Issue[] {
  return [
    {
      severity: 'info',
      code: 'import.not_exact',
      path,
      message: `Exporting this design will not reproduce the input exactly: ${detail || `it differs first at ${where(path)}`} (empty optional fields, unsupported items and the Text/Structured type rule are normalised).`,
    },
  ];
}

/** `exported` differs from `original` (found at `prefix` in the input): where, as an Issue. */
function differenceIssue(original: unknown, exported: unknown, prefix: readonly PathPart[]): Issue[] {
  const d = firstDifference(original, exported);
  return d === undefined ? [] : notExact(formatPath([...prefix, ...(d === '' ? [] : [d])]));
}

/** An imported message is exported by compile, so compare with that. */
export function messageFidelityIssue(original: unknown, design: Design): Issue[] {
  return differenceIssue(original, compile(design), []);
}

/** A bot reply's designed message is exported through replyMessagesFor, so compare that. */
export function replyFidelityIssue(original: unknown, design: Design, prefix: readonly PathPart[]): Issue[] {
  const { messages } = replyMessagesFor(compile(design));
  const at = formatPath(prefix);
  if (messages.length !== 1) return notExact(at, `${at} exports as ${messages.length} reply messages`);
  return differenceIssue(original, messages[0], prefix);
}
