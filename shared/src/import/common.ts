/**
 * What every import reader shares: the result it returns, the loose JSON it walks, and how a
 * new design is made from an input. Imported node ids are deterministic (`n1`, `n2`, … in
 * document order) and the design id is a hash of the input, so importing the same input
 * twice gives the same design.
 */
import type { z } from 'zod';
import { FORMAT_VERSION, type Design, type DesignNode } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';

export type ImportFormat = 'design' | 'message' | 'botconnector-v2' | 'botconnector-v1' | 'unknown';
export type ImportResult = { design: Design | null; issues: Issue[]; format: ImportFormat };

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The array, or nothing: a wrong type is reported by the schema check, not here. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A copy of `obj` without `keys` (the children a node holds apart from its props). */
export function without(obj: Json, keys: readonly string[]): Json {
  const out: Json = {};
  // '__proto__' (reported by the schema as an unknown field) would swap the prototype.
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k) && k !== '__proto__') out[k] = v;
  return out;
}

/**
 * A copy of `value` without the keys `error` calls unknown. Real Genesys payloads carry fields
 * our schemas do not model (an attachment's `fileSize`, a quick reply's `summaryText`): each
 * is reported as a warning and kept out of the design, so the design holds only what we
 * understand and export is strict again.
 */
export function withoutUnknownKeys<T>(value: T, error: z.ZodError): T {
  const paths = error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : []));
  if (paths.length === 0) return value;
  // JSON copy: an own "__proto__" key stays an ordinary key (and is then deleted).
  const copy = JSON.parse(JSON.stringify(value)) as T;
  for (const path of paths) {
    let cur: unknown = copy;
    for (const seg of path.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as PropertyKey] : undefined;
    if (cur !== null && typeof cur === 'object') delete (cur as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey];
  }
  return copy;
}

/** Hands out `n1`, `n2`, … in the order nodes are made, i.e. document order. */
export class Ids {
  private n = 0;
  next(): string {
    this.n += 1;
    return `n${this.n}`;
  }
}

export function node(ids: Ids, kind: string, props: Json, children: DesignNode[] = []): DesignNode {
  return { id: ids.next(), kind, props, children };
}

/** FNV-1a: a short stable id for an imported design, so imports are reproducible. */
export function hashId(input: unknown): string {
  const s = JSON.stringify(input) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `imported-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** "Imported message: Do you want to proceed?" — the first text a user would recognise. */
export function nameFor(base: string, root: DesignNode): string {
  const first = (n: DesignNode): string | undefined => {
    for (const key of ['text', 'title']) {
      const v = n.props[key];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
    for (const c of n.children) {
      const f = first(c);
      if (f) return f;
    }
    return undefined;
  };
  const label = first(root);
  if (!label) return base;
  return `${base}: ${label.length > 40 ? `${label.slice(0, 39)}…` : label}`;
}

export function newDesign(input: unknown, name: string, root: DesignNode, extra: Partial<Design> = {}): Design {
  return {
    formatVersion: FORMAT_VERSION,
    id: hashId(input),
    name,
    channel: 'webmessaging',
    variables: [],
    root,
    ...extra,
  };
}

/** A result with no design and one error at the top level: input that is not a format at all. */
export function refused(code: string, message: string): ImportResult {
  return { design: null, format: 'unknown', issues: [{ severity: 'error', code, path: '', message }] };
}
