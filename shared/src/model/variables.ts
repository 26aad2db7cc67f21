/**
 * Template variables: `{{name}}` (spaces inside the braces allowed) in any text, URL or
 * payload. A design declares its variables with sample values (used by the preview and by
 * validate to check bound URLs); values given at send time override the samples.
 */
import type { Design, DesignNode } from './design.ts';
import { mapTree } from './tree.ts';

/** Matches `{{ name }}`; group 1 is the name. Global: use with matchAll/replace only. */
export const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

const PLACEHOLDER_TEST = new RegExp(PLACEHOLDER_RE.source);

/** Whether `text` holds a `{{placeholder}}`. */
export function hasPlaceholder(text: string): boolean {
  return typeof text === 'string' && text.includes('{{') && PLACEHOLDER_TEST.test(text);
}

/** The distinct variable names used in `text`, in order of first use. */
export function placeholdersIn(text: string): string[] {
  if (typeof text !== 'string' || !text.includes('{{')) return [];
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    if (!names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

/** The design's sample values, overridden by `overrides` (which may add names too). */
export function resolveVariables(design: Pick<Design, 'variables'>, overrides?: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const vars = Array.isArray(design?.variables) ? design.variables : [];
  for (const v of vars) {
    if (v && typeof v.name === 'string') values[v.name] = typeof v.sample === 'string' ? v.sample : '';
  }
  if (overrides && typeof overrides === 'object') {
    for (const [k, v] of Object.entries(overrides)) if (typeof v === 'string') values[k] = v;
  }
  return { ...values };
}

/** Replace every placeholder that has a value; unknown placeholders stay exactly as typed. */
export function bindText(text: string, values: Record<string, string>): string {
  if (typeof text !== 'string' || !text.includes('{{')) return text;
  return text.replace(PLACEHOLDER_RE, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name]! : whole,
  );
}

/** Bind strings anywhere inside a props value; unchanged values are returned as is (the editor's preview binds node by node with it). */
export function bindValue(value: unknown, values: Record<string, string>, depth: number): unknown {
  if (typeof value === 'string') return bindText(value, values);
  // Props are shallow in practice; the cut-off only guards against hostile input.
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const b = bindValue(v, values, depth + 1);
      if (b !== v) changed = true;
      return b;
    });
    return changed ? out : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const b = bindValue(v, values, depth + 1);
    if (b !== v) changed = true;
    out[k] = b;
  }
  return changed ? out : value;
}

/** The design with every string prop bound (structure shared where nothing changed). */
export function bindDesign(design: Design, values: Record<string, string>): Design {
  const root = mapTree(design.root, (node: DesignNode) => {
    const props = bindValue(node.props, values, 0) as Record<string, unknown>;
    return props === node.props ? node : { ...node, props };
  });
  return root === design.root ? design : { ...design, root };
}
