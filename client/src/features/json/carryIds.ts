/**
 * A tree re-imported from edited JSON gets fresh ids. To keep the selection, the outline and
 * undo sharing stable, nodes at the same position with the same kind take the old ids, and a
 * node whose props and children are unchanged is the old object itself.
 */
import type { DesignNode } from '@grmd/shared';

function same(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 32 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1));
}

export function carryIds(oldNode: DesignNode | undefined, next: DesignNode, depth = 0): DesignNode {
  if (!oldNode || oldNode.kind !== next.kind || depth > 64) return next;
  const children = next.children.map((c, i) => carryIds(oldNode.children[i], c, depth + 1));
  const childrenSame = children.length === oldNode.children.length && children.every((c, i) => c === oldNode.children[i]);
  const propsSame = same(oldNode.props, next.props);
  if (childrenSame && propsSame) return oldNode;
  return { id: oldNode.id, kind: next.kind, props: propsSame ? oldNode.props : next.props, children: childrenSame ? oldNode.children : children };
}
