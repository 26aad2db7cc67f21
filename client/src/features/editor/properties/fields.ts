/**
 * How the properties form's values (strings, with ''
 * for "not set") map to and from node props (optional keys absent when empty).
 */
import { FORM_FIELDS, type FormFieldSpec, type FormInput, type FormValues, type NodeKind } from '@grmd/shared';

export type { FormValues };
export type FieldKind = FormInput;
export type FieldSpec = FormFieldSpec;

/** Each kind's form, derived from the node-kind table (shared/src/model/kinds.ts, FORM_FIELDS). */
export const FIELDS = FORM_FIELDS;

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Props → form values: every field present, '' for unset strings. */
export function toFormValues(kind: NodeKind, props: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of FIELDS[kind]) {
    const v = get(props, f.name);
    const value = f.kind === 'checkbox' ? v === true : f.kind === 'number' ? (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '') : typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
    const [top, sub] = f.name.split('.') as [string, string | undefined];
    if (sub) {
      const o = (out[top] ??= {}) as Record<string, unknown>;
      o[sub] = value;
    } else out[top] = value;
  }
  return out;
}

/**
 * The props patch for a changed top-level form field. Optional empties are removed; nested
 * objects keep the keys the form does not show (e.g. an imported `replyMessage.imageUrl`).
 */
export function patchFor(kind: NodeKind, top: string, values: FormValues, props: Record<string, unknown>): Record<string, unknown> {
  const specs = FIELDS[kind].filter((f) => f.name === top || f.name.startsWith(`${top}.`));
  if (specs.length === 0) return {};
  const first = specs[0]!;
  if (first.name === top) return { [top]: fromField(first, values[top]) };
  // Nested object: merge the form's keys over the existing object.
  const existing = (props[top] && typeof props[top] === 'object' ? props[top] : {}) as Record<string, unknown>;
  const formObj = (values[top] ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...existing };
  for (const f of specs) {
    const sub = f.name.slice(top.length + 1);
    const v = fromField(f, formObj[sub]);
    if (v === undefined) delete next[sub];
    else next[sub] = v;
  }
  if (kind === 'card' && top === 'defaultAction') {
    return { defaultAction: typeof next.url === 'string' && next.url !== '' ? { ...next, type: 'Link' } : undefined };
  }
  const keepEmpty = kind === 'listPicker';
  return { [top]: Object.keys(next).length || keepEmpty ? next : undefined };
}

function fromField(f: FieldSpec, v: unknown): unknown {
  if (f.kind === 'checkbox') return v === true;
  if (f.kind === 'number') {
    const s = typeof v === 'string' ? v.trim() : String(v ?? '');
    if (s === '') return f.required ? 0 : undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : s;
  }
  const s = typeof v === 'string' ? v : '';
  if (s === '' && !f.required) return undefined;
  return s;
}

/** The patch for switching a button between Link and Postback: keep only that type's fields. */
export function actionTypePatch(type: string, props: Record<string, unknown>): Record<string, unknown> {
  const text = typeof props.text === 'string' ? props.text : '';
  if (type === 'Link') return { type: 'Link', payload: undefined, url: typeof props.url === 'string' ? props.url : '' };
  const payload = typeof props.payload === 'string' && props.payload !== '' ? props.payload : text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'button';
  return { type: 'Postback', url: undefined, payload };
}
