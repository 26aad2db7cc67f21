/**
 * The limit meters the editor shows, counted the way the rules count (content items the
 * grammar allows, cards per carousel, buttons per card on the channel), so a meter over its
 * limit always comes with an issue. The message size has no other rule, so it has its own
 * here: a warning above MESSAGE_BYTES_MAX.
 */
import type { ChannelId } from '../model/channels.ts';
import type { Design, DesignNode } from '../model/design.ts';
import type { GenesysMessage } from '../model/genesys.ts';
import type { Issue } from '../model/issues.ts';
import { GRAMMAR } from '../model/kinds.ts';
import { CAROUSEL_MAX_CARDS, MAX_CONTENT_ITEMS, MAX_DEPTH, MESSAGE_BYTES_MAX } from '../model/limits.ts';
import { compile } from '../transform/compile.ts';
import { channelCaps } from './channel.ts';

export type MeterId = 'depth' | 'items' | 'cards' | 'actions' | 'bytes';
export type Meter = { id: MeterId; label: string; value: number; max: number; limit: string };

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
    { id: 'depth', label: 'Depth', value: depth, max: MAX_DEPTH, limit: 'MAX_DEPTH' },
    { id: 'items', label: 'Content items', value: items, max: MAX_CONTENT_ITEMS, limit: 'MAX_CONTENT_ITEMS' },
    { id: 'cards', label: 'Cards in a carousel', value: cards, max: CAROUSEL_MAX_CARDS, limit: 'CAROUSEL_MAX_CARDS' },
    { id: 'actions', label: `Buttons per card (${caps.label})`, value: actions, max: caps.cardButtonsMax, limit: 'CARD_BUTTONS_MAX' },
    { id: 'bytes', label: 'Message size (bytes)', value: messageBytes(message ?? compile(design)), max: MESSAGE_BYTES_MAX, limit: 'MESSAGE_BYTES_MAX' },
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
