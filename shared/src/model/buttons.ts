/**
 * New and copied buttons get their own identity: Genesys tells buttons apart by text and
 * payload (unique within a card, payloads unique across a carousel; rules/perKind.ts), so a
 * button added with the default label, or a card copied with Ctrl+D, must not arrive as a
 * duplicate the user then has to hunt down.
 */
import type { DesignNode } from './design.ts';
import { mapTree, walk } from './tree.ts';

const BUTTON_KINDS: ReadonlySet<string> = new Set(['action', 'quickReply']);

/** `base`, or `base` + separator + the first number from 2 on that `taken` does not hold. */
function fresh(base: string, taken: ReadonlySet<string>, sep: string): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(new RegExp(`${sep === ' ' ? ' ' : '-'}\\d+$`), '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}${sep}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * `node` as it should go under `parentId`: every button or quick reply in it gets a payload no
 * other one in the design has, and the node itself, when it is a button or quick reply,
 * a label none of its new siblings has. Props are copied, never changed in place.
 */
export function uniqueButtons(root: DesignNode, parentId: string, node: DesignNode): DesignNode {
  const payloads = new Set<string>();
  const labels = new Set<string>();
  walk(root, (n) => {
    if (BUTTON_KINDS.has(n.kind) && typeof n.props.payload === 'string') payloads.add(n.props.payload);
  });
  walk(root, (n) => {
    if (n.id === parentId) for (const c of n.children) if (c.kind === node.kind && typeof c.props.text === 'string') labels.add(c.props.text);
  });
  // Children are visited before their parent, in order: a copied card's buttons keep their order of numbers.
  return mapTree(node, (n) => {
    if (!BUTTON_KINDS.has(n.kind)) return n;
    let props = n.props;
    const { payload, text } = n.props;
    if (typeof payload === 'string' && payload !== '' && payloads.has(payload)) props = { ...props, payload: fresh(payload, payloads, '-') };
    if (typeof props.payload === 'string') payloads.add(props.payload);
    if (n.id === node.id && typeof text === 'string' && text !== '' && labels.has(text)) props = { ...props, text: fresh(text, labels, ' ') };
    return props === n.props ? n : { ...n, props };
  });
}
