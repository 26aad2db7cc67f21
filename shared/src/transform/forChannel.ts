/**
 * forChannel(): what a channel really gets, so the preview shows WhatsApp's version of a
 * design rather than Messenger's. The channel rules (rules/channel.ts) judge the design;
 * this applies each finding's effect and returns the findings as "what the channel
 * changes". Paths point at the design's own compiled message (the JSON the user exports),
 * so every issue can be found there.
 */
import type { ChannelId } from '../model/channels.ts';
import type { Design, DesignNode } from '../model/design.ts';
import type { GenesysMessage } from '../model/genesys.ts';
import type { Issue } from '../model/issues.ts';
import { judgeChannel, type ChannelEffect } from '../rules/channel.ts';
import { compile } from './compile.ts';


export type ForChannelOptions = { variables?: Record<string, string> | 'samples' };
export type ForChannelResult = {
  design: Design;
  message: GenesysMessage;
  issues: Issue[];
  /** Non-null when the channel gets the plain-text fallback instead of rich content. */
  text: string | null;
};

const isNode = (v: unknown): v is DesignNode => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Children read defensively: forChannel, like compile, must survive any tree. */
const kids = (n: DesignNode): DesignNode[] => (Array.isArray(n?.children) ? n.children.filter(isNode) : []);

function sameList(a: readonly DesignNode[], b: unknown): boolean {
  return Array.isArray(b) && a.length === b.length && a.every((c, i) => c === b[i]);
}

type Effects = Map<DesignNode, Set<ChannelEffect>>;

function has(effects: Effects, n: DesignNode, e: ChannelEffect): boolean {
  return effects.get(n)?.has(e) ?? false;
}

function adaptCard(card: DesignNode, effects: Effects): DesignNode {
  let props = card.props;
  if (has(effects, card, 'dropDefaultAction')) {
    const { defaultAction: _dropped, ...rest } = props;
    props = rest;
  }
  const children = kids(card).filter((c) => !has(effects, c, 'drop'));
  if (props === card.props && sameList(children, card.children)) return card;
  return { ...card, props, children };
}

export function forChannel(design: Design, channel: ChannelId, opts: ForChannelOptions = {}): ForChannelResult {
  const judged = judgeChannel(design, channel, opts);
  const issues = judged.findings.map((f) => f.issue);
  const root = design?.root;

  if (judged.fallback !== null) {
    const text = judged.fallback;
    const fallbackDesign: Design = {
      ...design,
      root: { id: isNode(root) && typeof root.id === 'string' ? root.id : 'root', kind: 'message', props: { text }, children: [] },
    };
    return { design: fallbackDesign, message: { type: 'Text', text }, issues, text };
  }

  const effects: Effects = new Map();
  for (const f of judged.findings) {
    if (f.node && f.effect !== 'keep') effects.set(f.node, (effects.get(f.node) ?? new Set()).add(f.effect));
  }

  const content: DesignNode[] = [];
  for (const child of isNode(root) ? kids(root) : []) {
    if (has(effects, child, 'drop')) continue;
    if (child.kind === 'carousel') {
      if (has(effects, child, 'flatten')) {
        for (const c of kids(child)) if (c.kind === 'card') content.push(adaptCard(c, effects));
        continue;
      }
      const cards = kids(child).map((c) => (c.kind === 'card' ? adaptCard(c, effects) : c));
      content.push(sameList(cards, child.children) ? child : { ...child, children: cards });
    } else content.push(child.kind === 'card' ? adaptCard(child, effects) : child);
  }

  const unchanged = isNode(root) && sameList(content, root.children);
  const newRoot: DesignNode = isNode(root) ? { ...root, children: content } : { id: 'root', kind: 'message', props: {}, children: content };
  const newDesign: Design = unchanged ? design : { ...design, root: newRoot };
  const compileOpts = opts.variables === undefined ? {} : { variables: opts.variables };
  return { design: newDesign, message: compile(newDesign, compileOpts), issues, text: null };
}
