/**
 * Pure edits of the design tree (see tree.ts for the sharing rules every edit keeps): insert,
 * move, duplicate, remove and prop updates, each refused with a reason when the grammar or
 * a limit forbids it.
 */
import { GRAMMAR, KIND_LABELS, isNodeKind, kindLabel } from './kinds.ts';
import type { DesignNode } from './design.ts';
import { uniqueButtons } from './buttons.ts';
import { CAROUSEL_MAX_CARDS, MAX_CONTENT_ITEMS, MAX_DEPTH, QUICK_REPLIES_MAX } from './limits.ts';
import { ancestry, clone, collectIds, createId, findNode, findParent, indexPath, treeDepth } from './tree.ts';

export type EditResult = { ok: true; root: DesignNode; nodeId?: string } | { ok: false; code: string; reason: string };
export type CanResult = { ok: true } | { ok: false; code: string; reason: string };

/** Replace the node at `indices` with fn(node); the same root comes back when fn changes nothing. */
function updateAtPath(root: DesignNode, indices: number[], fn: (node: DesignNode) => DesignNode): DesignNode {
  const chain: DesignNode[] = [root];
  for (const i of indices) chain.push(chain[chain.length - 1]!.children[i]!);
  const target = chain[chain.length - 1]!;
  let replacement = fn(target);
  if (replacement === target) return root;
  for (let level = indices.length - 1; level >= 0; level--) {
    const parent = chain[level]!;
    const children = parent.children.slice();
    children[indices[level]!] = replacement;
    replacement = { ...parent, children };
  }
  return replacement;
}

function updateNode(root: DesignNode, id: string, fn: (node: DesignNode) => DesignNode): DesignNode {
  const indices = indexPath(root, id);
  return indices ? updateAtPath(root, indices, fn) : root;
}

function refuse(code: string, reason: string): { ok: false; code: string; reason: string } {
  return { ok: false, code, reason };
}

/**
 * Whether a node of `kind` (with `subtreeDepth` levels, 1 for a leaf) may go under `parent`.
 * `ignoreChildId` is a child of the parent that is about to leave it (a move in place).
 */
function checkPlacement(
  root: DesignNode,
  parentId: string,
  kind: string,
  subtreeDepth: number,
  ignoreChildId?: string,
): CanResult {
  const chain = ancestry(root, parentId);
  if (!chain) return refuse('tree.parent_not_found', `There is no node with id "${parentId}" to insert into.`);
  const parent = chain[chain.length - 1]!;
  if (!isNodeKind(kind)) return refuse('tree.unknown_kind', `"${kind}" is not a kind of node this designer knows.`);
  if (!isNodeKind(parent.kind) || !(GRAMMAR[parent.kind] as readonly string[]).includes(kind)) {
    const allowed = isNodeKind(parent.kind) ? GRAMMAR[parent.kind].map((k) => KIND_LABELS[k]) : [];
    return refuse(
      'tree.grammar',
      `A ${kindLabel(kind)} cannot go inside a ${kindLabel(parent.kind)}; ` +
        (allowed.length ? `a ${kindLabel(parent.kind)} holds only ${allowed.join(', ')}.` : `a ${kindLabel(parent.kind)} holds nothing.`),
    );
  }
  const depth = chain.length + subtreeDepth;
  if (depth > MAX_DEPTH) {
    return refuse(
      'tree.max_depth',
      `This would make the design ${depth} levels deep; a design may be at most ${MAX_DEPTH} levels deep (MAX_DEPTH), as in Message › Carousel › Card › Button.`,
    );
  }
  const siblings = parent.children.filter((c) => c.id !== ignoreChildId);
  if (parent.kind === 'carousel' && kind === 'card') {
    const n = siblings.filter((c) => c.kind === 'card').length;
    if (n >= CAROUSEL_MAX_CARDS) {
      return refuse(
        'tree.carousel_max_cards',
        `A carousel holds at most ${CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS); this one already has ${n}.`,
      );
    }
  }
  if (parent.kind === 'message') {
    if (siblings.length >= MAX_CONTENT_ITEMS) {
      return refuse(
        'tree.max_content_items',
        `A message holds at most ${MAX_CONTENT_ITEMS} content items (MAX_CONTENT_ITEMS); this one already has ${siblings.length}.`,
      );
    }
    if (kind === 'quickReply') {
      const n = siblings.filter((c) => c.kind === 'quickReply').length;
      if (n >= QUICK_REPLIES_MAX) {
        return refuse(
          'tree.quick_replies_max',
          `A message holds at most ${QUICK_REPLIES_MAX} quick replies (QUICK_REPLIES_MAX); this one already has ${n}.`,
        );
      }
    }
  }
  return { ok: true };
}

/** Whether a new (leaf) node of `kind` may be inserted under `parentId`, and why not. */
export function canInsert(root: DesignNode, parentId: string, kind: string): CanResult {
  return checkPlacement(root, parentId, kind, 1);
}

function clampIndex(index: number, length: number): number {
  if (!Number.isFinite(index) || index < 0 || index > length) return length;
  return Math.floor(index);
}

/** Insert `node` (with its subtree) as child `index` of `parentId` (out-of-range index appends). */
export function insertNode(root: DesignNode, parentId: string, index: number, node: DesignNode): EditResult {
  const can = checkPlacement(root, parentId, node.kind, treeDepth(node));
  if (!can.ok) return can;
  const existing = collectIds(root);
  for (const id of collectIds(node)) {
    if (existing.has(id)) return refuse('tree.duplicate_id', `A node with id "${id}" is already in the design.`);
  }
  const next = updateNode(root, parentId, (parent) => {
    const children = parent.children.slice();
    children.splice(clampIndex(index, children.length), 0, node);
    return { ...parent, children };
  });
  return { ok: true, root: next, nodeId: node.id };
}

/**
 * Move node `id` to child `index` of `newParentId`; `index` counts the new parent's children
 * after the node has been taken out (arrayMove semantics within one parent).
 */
export function moveNode(root: DesignNode, id: string, newParentId: string, index: number): EditResult {
  if (id === root.id) return refuse('tree.move_root', 'The message itself cannot be moved.');
  const from = indexPath(root, id);
  if (!from) return refuse('tree.not_found', `There is no node with id "${id}".`);
  const newParentPath = indexPath(root, newParentId);
  if (!newParentPath) return refuse('tree.parent_not_found', `There is no node with id "${newParentId}" to move into.`);
  const isInside =
    newParentPath.length >= from.length && from.every((v, i) => newParentPath[i] === v);
  if (isInside) {
    return refuse('tree.move_into_self', 'A node cannot be moved into itself or into one of its own children.');
  }
  const node = findNode(root, id)!;
  const oldParent = findParent(root, id)!;
  const oldIndex = from[from.length - 1]!;
  const can = checkPlacement(root, newParentId, node.kind, treeDepth(node), oldParent.id === newParentId ? id : undefined);
  if (!can.ok) return can;

  if (oldParent.id === newParentId) {
    const target = clampIndex(index, oldParent.children.length - 1);
    if (target === oldIndex) return { ok: true, root, nodeId: id };
    const next = updateNode(root, newParentId, (parent) => {
      const children = parent.children.slice();
      children.splice(oldIndex, 1);
      children.splice(target, 0, node);
      return { ...parent, children };
    });
    return { ok: true, root: next, nodeId: id };
  }
  const removed = removeNode(root, id);
  const next = updateNode(removed, newParentId, (parent) => {
    const children = parent.children.slice();
    children.splice(clampIndex(index, children.length), 0, node);
    return { ...parent, children };
  });
  return { ok: true, root: next, nodeId: id };
}

/** A deep copy of `node` with fresh ids throughout (props are deep-copied too). */
export function cloneWithNewIds(node: DesignNode): DesignNode {
  // Post-order rebuild with an explicit stack.
  type Frame = { src: DesignNode; built: DesignNode[]; next: number };
  const rootFrame: Frame = { src: node, built: [], next: 0 };
  const stack: Frame[] = [rootFrame];
  let result: DesignNode | undefined;
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const children = frame.src.children ?? [];
    if (frame.next < children.length) {
      stack.push({ src: children[frame.next++]!, built: [], next: 0 });
      continue;
    }
    stack.pop();
    const copy: DesignNode = { id: createId(), kind: frame.src.kind, props: clone(frame.src.props), children: frame.built };
    if (stack.length) stack[stack.length - 1]!.built.push(copy);
    else result = copy;
  }
  return result!;
}

/** Copy node `id` (new ids, and payloads no other button has) right after itself; nodeId is the copy's id. */
export function duplicateNode(root: DesignNode, id: string): EditResult {
  if (id === root.id) return refuse('tree.duplicate_root', 'The message itself cannot be duplicated.');
  const node = findNode(root, id);
  if (!node) return refuse('tree.not_found', `There is no node with id "${id}".`);
  const parent = findParent(root, id)!;
  const copy = uniqueButtons(root, parent.id, cloneWithNewIds(node));
  const index = parent.children.indexOf(node) + 1;
  return insertNode(root, parent.id, index, copy);
}

/** The tree without node `id` (the same root when it is missing or is the root). */
export function removeNode(root: DesignNode, id: string): DesignNode {
  const indices = indexPath(root, id);
  if (!indices || indices.length === 0) return root;
  const childIndex = indices[indices.length - 1]!;
  return updateAtPath(root, indices.slice(0, -1), (parent) => {
    const children = parent.children.slice();
    children.splice(childIndex, 1);
    return { ...parent, children };
  });
}

/** Shallow-merge `patch` into the node's props; an `undefined` value deletes the key. */
export function updateProps(root: DesignNode, id: string, patch: Record<string, unknown>): DesignNode {
  return updateNode(root, id, (node) => {
    let changed = false;
    const props: Record<string, unknown> = { ...node.props };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) {
        if (Object.prototype.hasOwnProperty.call(props, key)) {
          delete props[key];
          changed = true;
        }
      } else if (!Object.is(props[key], value) || !Object.prototype.hasOwnProperty.call(props, key)) {
        props[key] = value;
        changed = true;
      }
    }
    return changed ? { ...node, props } : node;
  });
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && Object.is(a[k], b[k]));
}

/** Replace the node's props wholesale (same root back when they are shallow-equal). */
export function replaceProps(root: DesignNode, id: string, props: Record<string, unknown>): DesignNode {
  return updateNode(root, id, (node) => (node.props === props || shallowEqual(node.props, props) ? node : { ...node, props }));
}

/**
 * Map every node bottom-up with `fn(node, newChildren)`; subtrees where fn returns the node
 * it was given and no child changed are shared. No recursion, so deep trees are safe.
 */
