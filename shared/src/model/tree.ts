/**
 * The design tree: ids, new nodes, lookups, node paths and walks; edits.ts holds the edits.
 * Every edit (there and mapTree here) returns a new root that shares every unchanged subtree
 * with the old one (by identity), and returns the very same root object when nothing
 * changed, so the editor's undo snapshots stay cheap and React can skip unchanged subtrees.
 *
 * Trees can come from imports and be arbitrarily deep, so nothing here recurses on the
 * tree: lookups and walks use explicit stacks.
 */
import { DEFAULT_PROPS, isNodeKind, type NodeKind } from './kinds.ts';
import type { DesignNode } from './design.ts';
import { childSegments, joinPath } from './paths.ts';

// Path writing lives in paths.ts; these names are kept here too for importers of this module.

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A short random id (10 base-36 chars, ~51 bits): unique enough within one design. */
export function createId(): string {
  const bytes = new Uint8Array(10);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const b of bytes) id += ID_ALPHABET[b % 36];
  return id;
}

export function clone<T>(value: T): T {
  return typeof structuredClone === 'function' ? structuredClone(value) : (JSON.parse(JSON.stringify(value)) as T);
}

/** A new node of `kind` with DEFAULT_PROPS merged under `props` (defaults are copied, never shared). */
export function createNode(
  kind: NodeKind,
  props: Record<string, unknown> = {},
  children: DesignNode[] = [],
): DesignNode {
  const defaults = isNodeKind(kind) ? clone(DEFAULT_PROPS[kind] as Record<string, unknown>) : {};
  return { id: createId(), kind, props: { ...defaults, ...props }, children };
}

// ---- Lookups ----

/** Nodes from the root down to the node with `id` (inclusive), or undefined. */
export function ancestry(root: DesignNode, id: string): DesignNode[] | undefined {
  const indices = indexPath(root, id);
  if (!indices) return undefined;
  const out: DesignNode[] = [root];
  let node = root;
  for (const i of indices) {
    node = node.children[i]!;
    out.push(node);
  }
  return out;
}

/** Child indices leading from the root to `id` ([] for the root), or undefined. */
export function indexPath(root: DesignNode, id: string): number[] | undefined {
  if (root.id === id) return [];
  // Entries link back to their parent entry, so a deep tree costs O(n), not O(n * depth).
  type Entry = { node: DesignNode; index: number; up: Entry | undefined };
  const stack: Entry[] = [{ node: root, index: -1, up: undefined }];
  while (stack.length) {
    const entry = stack.pop()!;
    const children = Array.isArray(entry.node.children) ? entry.node.children : [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      const next: Entry = { node: child, index: i, up: entry };
      if (child.id === id) {
        const path: number[] = [];
        for (let e: Entry | undefined = next; e && e.up; e = e.up) path.push(e.index);
        return path.reverse();
      }
      stack.push(next);
    }
  }
  return undefined;
}

export function findNode(root: DesignNode, id: string): DesignNode | undefined {
  const chain = ancestry(root, id);
  return chain?.[chain.length - 1];
}

export function findParent(root: DesignNode, id: string): DesignNode | undefined {
  const chain = ancestry(root, id);
  return chain && chain.length >= 2 ? chain[chain.length - 2] : undefined;
}

/** Depth of the node (root = 1), 0 when it is not in the tree. */
export function depthOf(root: DesignNode, id: string): number {
  return ancestry(root, id)?.length ?? 0;
}

/** Number of levels in the tree (a lone root is 1). */
export function treeDepth(root: DesignNode): number {
  let max = 0;
  const stack: Array<[DesignNode, number]> = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of node.children ?? []) stack.push([c, d + 1]);
  }
  return max;
}

export function collectIds(node: DesignNode, into = new Set<string>()): Set<string> {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    into.add(n.id);
    for (const c of n.children ?? []) stack.push(c);
  }
  return into;
}

// ---- Paths and walks ----

/** Issue-style path of a node ('' for the root and for an id that is not in the tree). */
export function nodePath(root: DesignNode, id: string): string {
  const indices = indexPath(root, id);
  if (!indices) return '';
  let path = '';
  let node = root;
  for (const i of indices) {
    path = joinPath(path, childSegments(node)[i]!);
    node = node.children[i]!;
  }
  return path;
}

export type WalkContext = { parent?: DesignNode; depth: number; index: number; path: string };

/** Pre-order walk (parents before children, children in order). */
export function walk(root: DesignNode, visit: (node: DesignNode, ctx: WalkContext) => void): void {
  const stack: Array<{ node: DesignNode; ctx: WalkContext }> = [{ node: root, ctx: { depth: 1, index: 0, path: '' } }];
  while (stack.length) {
    const { node, ctx } = stack.pop()!;
    visit(node, ctx);
    const children = Array.isArray(node.children) ? node.children : [];
    const segs = childSegments(node);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({
        node: children[i]!,
        ctx: { parent: node, depth: ctx.depth + 1, index: i, path: joinPath(ctx.path, segs[i]!) },
      });
    }
  }
}

export function mapTree(root: DesignNode, fn: (node: DesignNode) => DesignNode): DesignNode {
  type Frame = { src: DesignNode; built: DesignNode[]; changed: boolean; next: number };
  const stack: Frame[] = [{ src: root, built: [], changed: false, next: 0 }];
  let result: DesignNode = root;
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const children = Array.isArray(frame.src.children) ? frame.src.children : [];
    if (frame.next < children.length) {
      stack.push({ src: children[frame.next++]!, built: [], changed: false, next: 0 });
      continue;
    }
    stack.pop();
    const base = frame.changed ? { ...frame.src, children: frame.built } : frame.src;
    const mapped = fn(base);
    if (stack.length) {
      const parent = stack[stack.length - 1]!;
      parent.built.push(mapped);
      if (mapped !== frame.src) parent.changed = true;
    } else result = mapped;
  }
  return result;
}

