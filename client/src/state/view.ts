/**
 * What the preview draws, straight from the current design: variables bound to their sample
 * values and the channel's adaptations applied by forChannel(), the same function and rules
 * check() uses for the verdict's `channelDesign`. It is small and pure, so the preview follows
 * every keystroke without waiting for the full verdict (sanitize, validate, export, meters),
 * which the checks compute later and off the typing path (state/verdict.ts). Texts are
 * sanitized where they are drawn, one text at a time, by the same shared policy (useShown).
 *
 * Unchanged nodes keep their identity (the shared tree ops share unchanged subtrees, and
 * binding is cached per node), so the memoised message parts skip everything but the edit.
 */
import { bindValue, forChannel, type ChannelId, type Design, type DesignNode, type Issue } from '@grmd/shared';

export type PreviewView = {
  /** The design as bound (before the channel's changes): what the ghosts are taken from. */
  bound: DesignNode;
  /** What the channel gets (the root of forChannel's design). */
  root: DesignNode;
  /** The plain text a text-only channel (SMS) gets instead; null when it gets the message. */
  text: string | null;
  /** What the channel changes, as forChannel() lists it. */
  changes: Issue[];
};

type Values = Record<string, string>;

// Bound nodes per sample values (one object per variables edit) and per source node: a
// keystroke binds only the nodes on the edited path, and the others keep their identity.
const bindings = new WeakMap<Values, WeakMap<DesignNode, DesignNode>>();

function bindNode(node: DesignNode, values: Values, cache: WeakMap<DesignNode, DesignNode>, depth: number): DesignNode {
  const hit = cache.get(node);
  if (hit) return hit;
  let children = node.children;
  if (Array.isArray(children) && depth < 64) {
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i]!;
      const b = typeof child === 'object' && child !== null ? bindNode(child, values, cache, depth + 1) : child;
      if (b !== child) {
        if (children === node.children) children = [...node.children];
        children[i] = b;
      }
    }
  }
  const props = bindValue(node.props, values, 0) as DesignNode['props'];
  const out = props === node.props && children === node.children ? node : { ...node, props, children };
  cache.set(node, out);
  return out;
}

/** The design with its variables bound to `values`, structure shared where nothing changed. */
export function bindForPreview(design: Design, values: Values): Design {
  if (Object.keys(values).length === 0) return design;
  let cache = bindings.get(values);
  if (!cache) bindings.set(values, (cache = new WeakMap()));
  const root = bindNode(design.root, values, cache, 0);
  return root === design.root ? design : { ...design, root };
}

/** What the preview draws for `design` on `channel`, with the variables bound to `values` (the samples). */
export function previewView(design: Design, channel: ChannelId, values: Values): PreviewView {
  const bound = bindForPreview(design, values);
  const adapted = forChannel(bound, channel);
  return { bound: bound.root, root: adapted.design.root, text: adapted.text, changes: adapted.issues };
}

/**
 * The buttons past the channel's maximum on a card the channel rules warn about (kept, but
 * the channel may not show them all): the preview marks them, as the warning says.
 */
export function buttonsMayHide(changes: readonly Issue[], root: DesignNode, max: number, label: string): Map<string, string> {
  const out = new Map<string, string>();
  const cards = new Set(changes.filter((i) => i.code === 'card.too_many_buttons' && i.nodeId).map((i) => i.nodeId!));
  if (cards.size === 0) return out;
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (cards.has(n.id)) for (const a of n.children.filter((c) => c.kind === 'action').slice(max)) out.set(a.id, `${label} may not show this button`);
    stack.push(...n.children);
  }
  return out;
}

/** Content items the channel does not deliver at all (not converted either): shown as ghosts. */
export function droppedItems(designRoot: DesignNode, viewRoot: DesignNode): DesignNode[] {
  if (designRoot === viewRoot) return [];
  const ids = new Set<string>();
  const stack = [viewRoot];
  while (stack.length) {
    const n = stack.pop()!;
    ids.add(n.id);
    stack.push(...n.children);
  }
  if (viewRoot.children.length === 0 && viewRoot.props.text !== designRoot.props.text) return []; // text fallback
  return designRoot.children.filter((c) => !ids.has(c.id) && !c.children.some((g) => ids.has(g.id)));
}
