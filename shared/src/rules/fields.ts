/**
 * Field rules: a kind's props against its schema (KINDS' props, through the one zod
 * translator), and every field limit KINDS declares, measured as people count characters
 * with the variables bound.
 */
import type { z } from 'zod';
import type { Severity } from '../model/issues.ts';
import { KINDS, KIND_LABELS, limitedFields, type NodeKind } from '../model/kinds.ts';
import { appendPath, valueAt } from '../model/paths.ts';
import { schemaProblems } from '../model/schemaIssues.ts';
import { charLength } from '../model/text.ts';
import { boundString, quote, typeName, type Json, type RuleContext } from './report.ts';

function expectedWords(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'string') return 'text';
  return `${expected === 'object' ? 'an' : 'a'} ${expected}`;
}

export function checkProps(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: RuleContext): void {
  const r = (KINDS[kind].props as z.ZodType).safeParse(props);
  if (r.success) return;
  const name = KIND_LABELS[kind];
  for (const problem of schemaProblems(r.error, props)) {
    const p = appendPath(path, problem.local);
    if (problem.kind === 'unknown_field') {
      ctx.out.add('error', 'props.unknown_field', `${name} has a field ${quote(problem.key!)} (${p}) that Genesys does not define for it; remove it.`, p, id);
      continue;
    }
    const field = problem.local.length ? problem.local.map(String).join('.') : 'props';
    const value = problem.value;
    if (value === undefined) {
      ctx.out.add('error', 'props.missing', `${name} needs "${field}" (${p}).`, p, id);
    } else if (problem.kind === 'not_one_of') {
      const allowed = problem.values!.map((v) => JSON.stringify(v)).join(', ');
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) must be one of ${allowed}; it is ${JSON.stringify(value)?.slice(0, 40)}.`, p, id);
    } else if (problem.kind === 'wrong_type') {
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) must be ${expectedWords(problem.expected!)}; it is ${typeName(value)}.`, p, id);
    } else {
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) is invalid: ${problem.zod.message}.`, p, id);
    }
  }
}

/**
 * A field over its limit: `<kind>.<last key>_too_long`, a warning (the limits are project
 * defaults; the message text's limit is a channel rule, see channel.ts).
 */
export function checkFieldLimits(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: RuleContext, severity: Severity = 'warning'): void {
  for (const field of limitedFields(kind)) {
    // The message text's limit depends on the channel: channel.ts checks it.
    if (kind === 'message' && field.path === 'text') continue;
    const { at, limit } = field;
    const s = boundString(valueAt(props, at), ctx);
    if (s === undefined || !limit) continue;
    const n = charLength(s);
    if (n > limit.max) {
      const p = appendPath(path, at);
      const title = field.title.charAt(0).toLowerCase() + field.title.slice(1);
      ctx.out.add(severity, `${kind}.${at[at.length - 1]}_too_long`, `The ${title} (${p}) is ${n} characters; the limit is ${limit.max} (${limit.name}).`, p, id);
    }
  }
}
