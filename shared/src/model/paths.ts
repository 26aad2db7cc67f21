/**
 * The one way an issue path is written: object keys joined with `.`, array indexes in
 * brackets (`content[0].card.actions[1].url`). Issues from import, validate, sanitize, the
 * channel rules and the server's request checks all use these, so a path a user reads in
 * one place can be found in the JSON the same way everywhere (see issues.ts for what the
 * paths point at).
 */

import type { DesignNode } from './design.ts';
import { CHILD_FIELD, GRAMMAR, isNodeKind, type NodeKind } from './kinds.ts';

export type PathPart = string | number;

/** `base` followed by `parts`: `appendPath('content[0]', ['card', 'actions', 1])` → `content[0].card.actions[1]`. */
export function appendPath(base: string, parts: readonly PropertyKey[]): string {
  let out = base;
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out = out === '' ? String(p) : `${out}.${String(p)}`;
  }
  return out;
}

/** `['content', 0, 'card', 'actions', 1, 'type']` → `content[0].card.actions[1].type`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  return appendPath('', parts);
}

/** The inverse of formatPath: `content[1].carousel.cards[0]` → `['content', 1, 'carousel', 'cards', 0]`. */
export function parsePath(path: string): PathPart[] {
  const out: PathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Joins an already written segment (`content[0].card`, `cards[2]`, `[3]`) onto a path. */
export function joinPath(base: string, segment: string): string {
  if (!base) return segment;
  return segment.startsWith('[') ? base + segment : `${base}.${segment}`;
}

/** The value at `parts` inside `root`, or undefined: numbers index arrays, other keys are own keys of objects. */
export function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (typeof p === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[p];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
      cur = (cur as Record<PropertyKey, unknown>)[p];
    }
  }
  return cur;
}

// ---- Where a node sits in the exported message ----

/**
 * The path segment of a child, in the shape of the exported Genesys message: message
 * children are `content[i].<payload>`, other parents use their CHILD_FIELD. `exportIndex` is
 * the child's position among the siblings the grammar allows (those compile into the
 * Genesys array); a child the grammar forbids is not exported and is named
 * `children[rawIndex]`.
 */
export function childPathSegment(
  parentKind: string,
  childKind: string,
  exportIndex: number,
  rawIndex: number,
): string {
  const allowed = isNodeKind(parentKind) && (GRAMMAR[parentKind] as readonly string[]).includes(childKind);
  if (!allowed) return `children[${rawIndex}]`;
  const field = CHILD_FIELD[parentKind as NodeKind];
  if (parentKind === 'message') return `${field}[${exportIndex}].${childKind}`;
  return `${field}[${exportIndex}]`;
}

/** Path segments of every child of `node`, in order (see childPathSegment). */
export function childSegments(node: DesignNode): string[] {
  const out: string[] = [];
  let exportIndex = 0;
  const children = Array.isArray(node.children) ? node.children : [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const kind = child && typeof child === 'object' && typeof child.kind === 'string' ? child.kind : '';
    const seg = childPathSegment(node.kind, kind, exportIndex, i);
    if (!seg.startsWith('children[')) exportIndex++;
    out.push(seg);
  }
  return out;
}
