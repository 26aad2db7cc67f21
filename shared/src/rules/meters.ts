/**
 * The limit meters the editor shows, counted the way the rules count (content items the
 * grammar allows, cards per carousel, buttons per card on the channel), so a meter over its
 * limit always comes with an issue. The message size has no other rule, so it has its own
 * here: a warning above MESSAGE_BYTES_MAX.
 */
import type { ChannelId } from '../model/channels.ts';
import type { Design, DesignNode } from '../model/design.ts';
import type { GenesysMessage } from '../model/genesys.ts';
import type { Issue, Severity } from '../model/issues.ts';
import { GRAMMAR } from '../model/kinds.ts';
import { CAROUSEL_MAX_CARDS, MAX_CONTENT_ITEMS, MAX_DEPTH, MESSAGE_BYTES_MAX } from '../model/limits.ts';
import { compile } from '../transform/compile.ts';
import { channelCaps } from './channel.ts';

export type MeterId = 'depth' | 'items' | 'cards' | 'actions' | 'bytes';
export type Meter = {
  id: MeterId;
  label: string;
  value: number;
  max: number;
  limit: string;
  /**
   * The worst issue that states this limit (meterSeverities), or null. Being at a limit
   * breaks no rule; a meter is red only when its rule reports an error, amber for a warning.
   */
  severity: Severity | null;
};

/** The issue codes that state each meter's limit: the meter shows their verdict, never its own. */
const METER_CODES: Record<MeterId, readonly string[]> = {
  depth: ['tree.too_deep'],
  items: ['message.too_many_items'],
  cards: ['carousel.too_many_cards'],
  actions: ['card.too_many_buttons', 'channel.card_button_cut', 'card.buttons_over_recommended'],
  bytes: ['message.too_large'],
};
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The meters with the severity the verdict's issues give their limits. */
export function meterSeverities(meters: readonly Meter[], issues: readonly Issue[]): Meter[] {
  return meters.map((m) => {
    let severity: Severity | null = null;
    for (const i of issues) {
      if (METER_CODES[m.id].includes(i.code) && (severity === null || RANK[i.severity] > RANK[severity])) severity = i.severity;
    }
    return severity === m.severity ? m : { ...m, severity };
  });
}

const isNode = (v: unknown): v is DesignNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const kidsOf = (n: DesignNode): DesignNode[] => (Array.isArray(n.children) ? n.children.filter(isNode) : []);

/** UTF-8 bytes of the message as JSON: what travels. Counted, not encoded: this runs on every keystroke. */
export function messageBytes(message: GenesysMessage): number {
  const s = JSON.stringify(message);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The meters of a design on a channel; `message` is what is sent (default: the design compiled as is). */
export function limitMeters(design: Design, channel: ChannelId, message?: GenesysMessage): Meter[] {
  const root = isNode(design?.root) ? design.root : undefined;
  let depth = 0;
  let cards = 0;
  let actions = 0;
  const stack: Array<[DesignNode, number]> = root ? [[root, 1]] : [];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    const kids = kidsOf(n);
    depth = Math.max(depth, d);
    if (n.kind === 'carousel') cards = Math.max(cards, kids.filter((c) => c.kind === 'card').length);
    if (n.kind === 'card') actions = Math.max(actions, kids.filter((c) => c.kind === 'action').length);
    for (const c of kids) stack.push([c, d + 1]);
  }
  const items = root ? kidsOf(root).filter((c) => (GRAMMAR.message as readonly string[]).includes(c.kind)).length : 0;
  const caps = channelCaps(channel)!;
  return [
    { id: 'depth', label: 'Depth', value: depth, max: MAX_DEPTH, limit: 'MAX_DEPTH', severity: null },
    { id: 'items', label: 'Content items', value: items, max: MAX_CONTENT_ITEMS, limit: 'MAX_CONTENT_ITEMS', severity: null },
    { id: 'cards', label: 'Cards in a carousel', value: cards, max: CAROUSEL_MAX_CARDS, limit: 'CAROUSEL_MAX_CARDS', severity: null },
    { id: 'actions', label: `Buttons per card (${caps.label})`, value: actions, max: caps.cardButtonsMax, limit: 'CARD_BUTTONS_MAX', severity: null },
    { id: 'bytes', label: 'Message size (bytes)', value: messageBytes(message ?? compile(design)), max: MESSAGE_BYTES_MAX, limit: 'MESSAGE_BYTES_MAX', severity: null },
  ];
}

/** A warning when the message is larger than MESSAGE_BYTES_MAX. */
export function checkMessageSize(bytes: number): Issue[] {
  if (bytes <= MESSAGE_BYTES_MAX) return [];
  return [
    {
      severity: 'warning',
      code: 'message.too_large',
      path: '',
      message: `The compiled message is ${bytes} bytes; keep it under ${MESSAGE_BYTES_MAX} (MESSAGE_BYTES_MAX), the size this designer budgets for one message.`,
    },
  ];
}
