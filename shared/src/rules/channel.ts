/**
 * The channel rules, in one place: what a channel (channels.ts) does with a design, each
 * finding an Issue plus the effect it has on what the customer gets. Both verdicts read
 * them: validate() reports the findings as problems, and forChannel() applies their effects
 * and lists the same findings as "what this channel changes", so the two always agree.
 * Without a channel only the channel-free defaults apply (TEXT_MAX, the recommended buttons
 * per card).
 *
 * Decisions where Genesys documentation is silent:
 * - A carousel on a channel that does not support carousels (WhatsApp, Twitter) becomes its
 *   cards, each sent as its own Card item: cards are what those channels show, and it is
 *   what the help articles tell designers to do instead. The finding keeps the channel's
 *   severity (an error there), because Genesys itself does not convert carousels.
 * - Support stated as partial or unknown keeps the content, with a warning.
 * - ListPicker and DatePicker come from Apple Messages for Business; no article lists them
 *   for any other channel, and the mobile Messenger transport parses DatePicker but drops
 *   ListPicker. They are kept where PICKER_CHANNELS lists them and dropped elsewhere.
 * - A plain-text channel (SMS) gets the text fallback (transform/fallback.ts).
 */
import { CHANNELS, type ChannelCapabilities, type ChannelId, type Support } from '../model/channels.ts';
import type { Design, DesignNode } from '../model/design.ts';
import type { Issue, Severity } from '../model/issues.ts';
import { GRAMMAR } from '../model/kinds.ts';
import { CARD_BUTTONS_MAX, CARD_BUTTONS_RECOMMENDED, SMS_SEGMENT_MAX, TEXT_MAX } from '../model/limits.ts';
import { childSegments, joinPath } from '../model/paths.ts';
import { charLength } from '../model/text.ts';
import { bindText, resolveVariables } from '../model/variables.ts';
import { compile } from '../transform/compile.ts';
import { messageToText, truncateText } from '../transform/fallback.ts';

/** What a finding does to the design the customer gets. */
export type ChannelEffect = 'keep' | 'drop' | 'flatten' | 'dropDefaultAction';
export type ChannelFinding = { issue: Issue; node: DesignNode | undefined; effect: ChannelEffect };
export type ChannelJudgement = {
  /** The channel judged for (undefined: no channel, only the defaults). */
  caps: ChannelCapabilities | undefined;
  findings: ChannelFinding[];
  /** Non-null when the channel gets the plain-text fallback instead of rich content. */
  fallback: string | null;
};
export type ChannelRuleOptions = { variables?: Record<string, string> | 'samples' };

/** Where each picker may be delivered; 'unknown' = kept with a warning. */
export const PICKER_CHANNELS: Readonly<Record<'listPicker' | 'datePicker', Partial<Record<ChannelId, Support>>>> = {
  listPicker: { apple: 'unknown' },
  datePicker: { webmessaging: 'unknown', apple: 'unknown' },
};

const SUPPORT_WORDS: Record<Support, string> = {
  yes: 'supported',
  no: 'not supported',
  partial: 'listed only in some published versions of the Genesys help',
  unknown: 'not documented',
};

type Node = DesignNode;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Children and props read defensively: the rules, like compile, must survive any tree. */
const propsOf = (n: Node | undefined): Record<string, unknown> => (n && isNode(n.props as unknown) ? n.props : {});

/** A node's children that are nodes, with their export paths. */
function kids(n: Node | undefined, path: string): Array<{ node: Node; path: string }> {
  if (!n || !Array.isArray(n.children)) return [];
  const segs = childSegments(n);
  const out: Array<{ node: Node; path: string }> = [];
  n.children.forEach((c, i) => {
    if (isNode(c)) out.push({ node: c, path: joinPath(path, segs[i]!) });
  });
  return out;
}

class Findings {
  readonly list: ChannelFinding[] = [];
  constructor(readonly values: Record<string, string> | undefined) {}
  add(node: Node | undefined, effect: ChannelEffect, severity: Severity, code: string, message: string, path: string): void {
    const issue: Issue = { severity, code, message, path };
    if (node && typeof node.id === 'string') issue.nodeId = node.id;
    this.list.push({ issue, node, effect });
  }
  /** A text as it is sent: bound when values are known. */
  text(v: unknown): string | undefined {
    if (typeof v !== 'string') return undefined;
    return this.values ? bindText(v, this.values) : v;
  }
  label(n: Node): string {
    return this.text(propsOf(n).text) ?? '';
  }
}

/** The channel's capabilities; an id from user input that is not a channel counts as Web Messenger. */
export function channelCaps(channel: ChannelId | undefined): ChannelCapabilities | undefined {
  if (channel === undefined) return undefined;
  return Object.hasOwn(CHANNELS, channel) ? CHANNELS[channel] : CHANNELS.webmessaging;
}

export function judgeChannel(design: Design, channel: ChannelId | undefined, opts: ChannelRuleOptions = {}): ChannelJudgement {
  const caps = channelCaps(channel);
  const values = opts.variables === undefined ? undefined : opts.variables === 'samples' ? resolveVariables(design) : resolveVariables(design, opts.variables);
  const f = new Findings(values);
  const root = isNode(design?.root) ? design.root : undefined;
  messageText(root, caps, f);
  if (caps && !caps.rich) {
    const full = messageToText(compile(design, opts.variables === undefined ? {} : { variables: opts.variables }));
    const fallback = truncateText(full, caps.textMax);
    textFallback(root, caps, full, fallback, f);
    return { caps, findings: f.list, fallback };
  }
  const items = kids(root, '').filter((c) => (GRAMMAR.message as readonly string[]).includes(c.node.kind));
  for (const item of items) contentItem(item.node, item.path, caps, f);
  if (caps) quickRepliesAsList(items, caps, f);
  return { caps, findings: f.list, fallback: null };
}

function messageText(root: Node | undefined, caps: ChannelCapabilities | undefined, f: Findings): void {
  const text = f.text(propsOf(root).text);
  if (text === undefined) return;
  const n = charLength(text);
  const max = caps?.textMax ?? TEXT_MAX;
  if (n <= max) return;
  const constant = caps?.id === 'sms' ? 'SMS_TEXT_MAX' : caps && max !== TEXT_MAX ? `${caps.label} text limit` : 'TEXT_MAX';
  f.add(root, 'keep', 'error', 'text.too_long', `The message text is ${n} characters; ${caps ? caps.label : 'Genesys'} accepts at most ${max} (${constant}).`, 'text');
}

function textFallback(root: Node | undefined, caps: ChannelCapabilities, full: string, fallback: string, f: Findings): void {
  const hasRich = kids(root, '').length > 0;
  if (hasRich) {
    f.add(root, 'keep', 'warning', 'channel.text_fallback', `${caps.label} shows plain text only: the customer gets the text fallback (${fallback.length} characters) instead of the cards, buttons and quick replies.`, '');
  }
  if (fallback !== full) {
    f.add(undefined, 'keep', 'warning', 'channel.text_truncated', `The text fallback is ${full.length} characters, over ${caps.label}'s limit of ${caps.textMax}; it is cut to ${fallback.length} characters ending with "…".`, 'text');
  }
  const length = charLength(fallback);
  if (caps.id === 'sms' && length > SMS_SEGMENT_MAX) {
    f.add(undefined, 'keep', 'warning', 'channel.sms_segments', `The SMS text${hasRich ? ' fallback' : ''} is ${length} characters; SMS sends more than ${SMS_SEGMENT_MAX} (SMS_SEGMENT_MAX) as several segments, which may arrive split or cost more.`, 'text');
  }
}

function support(node: Node, path: string, what: string, s: Support, code: string, caps: ChannelCapabilities, f: Findings): void {
  if (s === 'partial' || s === 'unknown') {
    f.add(node, 'keep', 'warning', code, `${what} on ${caps.label}: ${SUPPORT_WORDS[s]}. Kept as designed; test on the real channel before relying on it.`, path);
  }
}

function contentItem(node: Node, path: string, caps: ChannelCapabilities | undefined, f: Findings): void {
  if (node.kind === 'carousel') {
    const cards = kids(node, path).filter((c) => c.node.kind === 'card');
    if (caps?.carousels === 'no') {
      f.add(
        node,
        'flatten',
        caps.carouselUnsupportedSeverity,
        'channel.carousel_unsupported',
        `${caps.label} does not support carousels, so Genesys cannot deliver this one; the preview shows its ${cards.length} card${cards.length === 1 ? '' : 's'} as separate cards, which is what the channel can show. Design separate cards for ${caps.label}.`,
        path,
      );
    } else if (caps) support(node, path, 'Carousels', caps.carousels, 'channel.carousel_unconfirmed', caps, f);
    for (const c of cards) cardRules(c.node, c.path, caps, f);
    return;
  }
  if (node.kind === 'card') {
    if (caps) support(node, path, 'Cards', caps.cards, 'channel.card_unconfirmed', caps, f);
    cardRules(node, path, caps, f);
    return;
  }
  if (!caps) return;
  if (node.kind === 'quickReply') support(node, path, 'Quick replies', caps.quickReplies, 'channel.quick_reply_unconfirmed', caps, f);
  if (node.kind === 'listPicker' || node.kind === 'datePicker') {
    const s = PICKER_CHANNELS[node.kind][caps.id];
    const what = node.kind === 'listPicker' ? 'List pickers' : 'Date pickers';
    const code = node.kind === 'listPicker' ? 'list_picker' : 'date_picker';
    if (s === undefined || s === 'no') {
      f.add(node, 'drop', 'warning', `channel.${code}_dropped`, `${what} are not delivered on ${caps.label} (no Genesys documentation lists them there${caps.id === 'webmessaging' ? ', and the Messenger mobile transport drops them' : ''}), so this one is left out; the customer would see nothing.`, path);
    } else support(node, path, what, s, `channel.${code}_unconfirmed`, caps, f);
  }
}

function cardRules(card: Node, path: string, caps: ChannelCapabilities | undefined, f: Findings): void {
  let actions = kids(card, path).filter((c) => c.node.kind === 'action');
  if (!caps) {
    if (actions.length > CARD_BUTTONS_RECOMMENDED) overRecommended(card, path, actions.length, f);
    return;
  }
  const da = propsOf(card).defaultAction;
  if (caps.defaultActionIgnored && da !== undefined && da !== null) {
    f.add(card, 'dropDefaultAction', 'warning', 'channel.default_action_ignored', `${caps.label} ignores a card's default action (the tap on the card body), so it is left out; add a button if the link matters.`, joinPath(path, 'defaultAction'));
  }
  if (caps.linkButtons === 'no') {
    for (const a of actions.filter(linkAction)) {
      f.add(a.node, 'drop', 'error', 'channel.link_button_dropped', `${caps.label} has no URL buttons (WHATSAPP_ALLOW_LINK_BUTTONS is false), so the Link button "${f.label(a.node)}" is dropped; put the link in the text or use a Postback.`, a.path);
    }
    // Buttons are counted after the links go, so a link never costs a Postback its place.
    actions = actions.filter((c) => !linkAction(c));
  } else if (caps.linkButtons !== 'yes' && actions.some(linkAction)) {
    f.add(card, 'keep', 'warning', 'channel.link_buttons_unconfirmed', `Link buttons on ${caps.label} are ${SUPPORT_WORDS[caps.linkButtons]}; they are kept, but test on the real channel.`, path);
  }
  if (actions.length > caps.cardButtonsMax) {
    if (caps.cardButtonsOverSeverity === 'error') {
      for (const a of actions.slice(caps.cardButtonsMax)) {
        f.add(a.node, 'drop', 'error', 'channel.card_button_cut', `${caps.label} allows at most ${caps.cardButtonsMax} buttons per card (CARD_BUTTONS_MAX = ${CARD_BUTTONS_MAX}), so the button "${f.label(a.node)}" is cut.`, a.path);
      }
    } else {
      f.add(card, 'keep', 'warning', 'card.too_many_buttons', `This card has ${actions.length} buttons; ${caps.label} recommends at most ${caps.cardButtonsMax} (CARD_BUTTONS_MAX) and may not show them all. Kept as designed; test on the real channel.`, path);
    }
  } else if (actions.length > CARD_BUTTONS_RECOMMENDED) overRecommended(card, path, actions.length, f);
}

function linkAction(a: { node: Node }): boolean {
  return propsOf(a.node).type === 'Link';
}

function overRecommended(card: Node, path: string, n: number, f: Findings): void {
  f.add(card, 'keep', 'warning', 'card.buttons_over_recommended', `This card has ${n} buttons; Genesys recommends at most ${CARD_BUTTONS_RECOMMENDED} per card (CARD_BUTTONS_RECOMMENDED).`, path);
}

function quickRepliesAsList(items: Array<{ node: Node; path: string }>, caps: ChannelCapabilities, f: Findings): void {
  const max = caps.quickRepliesAsButtonsMax;
  const quickReplies = items.filter((c) => c.node.kind === 'quickReply');
  if (max === undefined || quickReplies.length <= max) return;
  const first = quickReplies[max]!;
  f.add(first.node, 'keep', 'info', 'channel.quick_replies_as_list', `${caps.label} shows up to ${max} quick replies as buttons; these ${quickReplies.length} show as a list.`, first.path);
}
