/**
 * The outline's pure half: the design as a flat list of rows (what role=tree needs), each
 * node's label, and the reducer command a key press or a drop means.
 */
import { GRAMMAR, KIND_LABELS, isNodeKind, type DesignNode, type NodeKind } from '@grmd/shared';
import type { Command } from '../../../state/reducer.ts';

export type FlatItem = { node: DesignNode; depth: number; parentId: string | null; index: number; setSize: number };

export function flatten(root: DesignNode): FlatItem[] {
  const out: FlatItem[] = [];
  const stack: FlatItem[] = [{ node: root, depth: 1, parentId: null, index: 0, setSize: 1 }];
  while (stack.length) {
    const item = stack.pop()!;
    out.push(item);
    const kids = item.node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ node: kids[i]!, depth: item.depth + 1, parentId: item.node.id, index: i, setSize: kids.length });
    }
  }
  return out;
}

export function nodeLabel(node: DesignNode): string {
  const kind = isNodeKind(node.kind) ? KIND_LABELS[node.kind] : `Unknown (${node.kind})`;
  const p = node.props as Record<string, unknown>;
  const rm = p.receivedMessage as Record<string, unknown> | undefined;
  const summary = [p.title, p.text, rm?.title, p.dateTime, p.filename, p.id].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  ) as string | undefined;
  return summary ? `${kind}: ${summary.length > 40 ? `${summary.slice(0, 40)}…` : summary}` : kind;
}

function accepts(node: DesignNode, kind: string): boolean {
  return isNodeKind(node.kind) && isNodeKind(kind) && (GRAMMAR[node.kind] as readonly string[]).includes(kind);
}

export type DragData = { source: 'outline'; id: string; kind: string } | { source: 'palette'; kind: NodeKind };

export function keyCommand(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }, sel: string | null, list: FlatItem[], i: number): Command | null {
  if (e.altKey) {
    if (!sel) return null;
    const dir = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'in', ArrowLeft: 'out' } as const)[e.key as 'ArrowUp'];
    return dir ? { type: 'moveBy', id: sel, direction: dir } : null;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd' && sel) return { type: 'duplicate', id: sel };
  switch (e.key) {
    case 'ArrowDown':
      return list[i + 1] ? { type: 'select', id: list[i + 1]!.node.id } : null;
    case 'ArrowUp':
      return i > 0 ? { type: 'select', id: list[i - 1]!.node.id } : null;
    case 'Home':
      return list[0] ? { type: 'select', id: list[0].node.id } : null;
    case 'End':
      return list.length ? { type: 'select', id: list[list.length - 1]!.node.id } : null;
    case 'ArrowLeft':
      return list[i]?.parentId ? { type: 'select', id: list[i]!.parentId! } : null;
    case 'ArrowRight':
      return list[i]?.node.children[0] ? { type: 'select', id: list[i]!.node.children[0].id } : null;
    case 'Delete':
    case 'Backspace':
      return sel ? { type: 'remove', id: sel } : null;
  }
  return null;
}

/**
 * Where a drop lands: the middle of a node that can hold the dragged kind puts it inside
 * (last); otherwise the upper half puts it before the node and the lower half after it.
 */
export function dropCommand(data: DragData, target: FlatItem, rel: number, list: FlatItem[]): Command | null {
  const kind = data.kind;
  const inside = accepts(target.node, kind) && (rel > 0.25 && rel < 0.75 || !target.parentId);
  if (data.source === 'outline' && data.id === target.node.id) return null;
  if (inside || !target.parentId) {
    if (data.source === 'palette') return { type: 'insert', parentId: target.node.id, kind: data.kind };
    return { type: 'move', id: data.id, parentId: target.node.id, index: target.node.children.length };
  }
  let index = target.index + (rel >= 0.5 ? 1 : 0);
  if (data.source === 'palette') return { type: 'insert', parentId: target.parentId, kind: data.kind, index };
  const from = list.find((x) => x.node.id === data.id);
  // moveNode counts the index after the node left its parent.
  if (from && from.parentId === target.parentId && from.index < index) index -= 1;
  return { type: 'move', id: data.id, parentId: target.parentId, index };
}
