/**
 * URL rules: every URL field KINDS declares, checked by the URL policy (url.ts) with the
 * variables bound, so a URL that is only a `{{variable}}` is checked with its sample.
 */
import { urlFields, type NodeKind } from '../model/kinds.ts';
import { appendPath, valueAt } from '../model/paths.ts';
import { PLACEHOLDER_RE, bindText, placeholdersIn } from '../model/variables.ts';
import { quote, type Json, type RuleContext } from './report.ts';
import { checkUrl } from './url.ts';

export function checkUrls(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: RuleContext): void {
  for (const field of urlFields(kind)) {
    const at = field.at;
    const raw = valueAt(props, at);
    if (typeof raw !== 'string') continue; // absent, or reported by the props schema
    const p = appendPath(path, at);
    if (raw === '') {
      // compile() treats '' as "not set" for optional fields.
      if (field.emptyIsError) ctx.out.add('error', 'url.empty', `${field.title} (${p}) is empty; enter an https:// address.`, p, id);
      continue;
    }
    checkOneUrl(raw, field.title, p, id, ctx);
  }
}

function checkOneUrl(raw: string, fieldTitle: string, p: string, id: string | undefined, ctx: RuleContext): void {
  // Bind with the values that are not empty: an empty sample is "no value yet".
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.values)) if (v !== '') values[k] = v;
  const bound = bindText(raw, values);
  const unbound = placeholdersIn(bound);
  const declaredButEmpty = unbound.filter((n) => ctx.known.has(n));
  if (declaredButEmpty.length) {
    ctx.out.add(
      'warning',
      'url.unbound_variable',
      `${fieldTitle} (${p}) uses ${declaredButEmpty.map((n) => `{{${n}}}`).join(', ')}, which has no sample value, so the address can only be checked when it is sent.`,
      p,
      id,
    );
  }
  if (bound.replace(PLACEHOLDER_RE, '').trim() === '' && unbound.length) return;
  const toCheck = unbound.length ? bound.replace(PLACEHOLDER_RE, 'x') : bound;
  const r = checkUrl(toCheck, fieldTitle);
  const after = bound !== raw ? ` (with variables filled in: ${quote(bound, 80)})` : '';
  if (!r.ok) ctx.out.add('error', r.code, `${r.message}${after} [${p}]`, p, id);
  else if (r.warning) ctx.out.add('warning', r.warning.code, `${r.warning.message} [${p}]`, p, id);
}
