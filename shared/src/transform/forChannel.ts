/**
 * forChannel(): what a channel really gets (reference §3, §2.2; channels.ts), with one Issue
 * naming each change, so the preview shows WhatsApp's version of a design rather than
 * Messenger's. Paths point at the design's own compiled message (the JSON the user exports),
 * so every issue can be found there.
 *
 * Decisions where the reference is silent:
 * - A carousel on a channel that does not support carousels (WhatsApp, Twitter) becomes its
 *   cards, each sent as its own Card item: cards are what those channels show, and it is
 *   what the help articles tell designers to do instead. The issue keeps the channel's
 *   severity (an error there), because Genesys itself does not convert carousels.
 * - Support stated as partial or unknown keeps the content, with a warning.
 * - ListPicker and DatePicker come from Apple Messages for Business; no article lists them
 *   for any other channel, and the mobile Messenger transport parses DatePicker but drops
 *   ListPicker (§3 notes). They are kept where listed in PICKER_CHANNELS and dropped elsewhere.
 */
import { CHANNELS, type ChannelId, type Support } from '../model/channels.ts';
import { compile, compileWithSourceMap } from './compile.ts';
import type { Design, DesignNode } from '../model/design.ts';
import type { GenesysMessage } from '../model/genesys.ts';
import type { Issue } from '../model/issues.ts';
import { CARD_BUTTONS_MAX, SMS_SEGMENT_MAX } from '../model/limits.ts';
import { textFallback, messageToText } from './fallback.ts';
import { charLength } from '../model/text.ts';

export type ForChannelOptions = { variables?: Record<string, string> | 'samples' };
export type ForChannelResult = {
  design: Design;
  message: GenesysMessage;
  issues: Issue[];
  /** Non-null when the channel gets the plain-text fallback instead of rich content. */
  text: string | null;
};

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

type Ctx = {
  channel: ChannelId;
  label: string;
  paths: Record<string, string>;
  issues: Issue[];
};

const isNode = (v: unknown): v is DesignNode => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Children and props read defensively: forChannel, like compile, must survive any tree. */
const kids = (n: DesignNode): DesignNode[] => (Array.isArray(n?.children) ? n.children.filter(isNode) : []);
const propsOf = (n: DesignNode): Record<string, unknown> => (isNode(n?.props as unknown) ? n.props : {});

function add(ctx: Ctx, node: DesignNode, severity: Issue['severity'], code: string, message: string, suffix = '') {
  const base = ctx.paths[node.id] ?? '';
  ctx.issues.push({ severity, code, message, path: suffix ? (base ? `${base}.${suffix}` : suffix) : base, nodeId: node.id });
}

function cardForChannel(card: DesignNode, ctx: Ctx): DesignNode {
  const caps = CHANNELS[ctx.channel];
  let props = propsOf(card);
  let children = kids(card);
  const da = props.defaultAction;
  if (caps.defaultActionIgnored && da !== undefined && da !== null) {
    const { defaultAction: _dropped, ...rest } = props;
    props = rest;
    add(ctx, card, 'warning', 'channel.default_action_ignored', `${ctx.label} ignores a card's default action (the tap on the card body), so it is left out; add a button if the link matters.`, 'defaultAction');
  }
  const actions = children.filter((c) => c.kind === 'action');
  const label = (c: DesignNode) => String(propsOf(c).text ?? '');
  if (caps.linkButtons === 'no') {
    const kept: DesignNode[] = [];
    for (const c of children) {
      if (c.kind === 'action' && propsOf(c).type === 'Link') {
        add(ctx, c, 'error', 'channel.link_button_dropped', `${ctx.label} has no URL buttons (WHATSAPP_ALLOW_LINK_BUTTONS is false), so the Link button "${label(c)}" is dropped; put the link in the text or use a Postback.`);
      } else kept.push(c);
    }
    children = kept;
  } else if (caps.linkButtons !== 'yes' && actions.some((a) => propsOf(a).type === 'Link')) {
    add(ctx, card, 'warning', 'channel.link_buttons_unconfirmed', `Link buttons on ${ctx.label} are ${SUPPORT_WORDS[caps.linkButtons]}; they are kept, but test on the real channel.`);
  }
  if (caps.cardButtonsOverSeverity === 'error') {
    let count = 0;
    const kept: DesignNode[] = [];
    for (const c of children) {
      if (c.kind === 'action') {
        count += 1;
        if (count > caps.cardButtonsMax) {
          add(ctx, c, 'error', 'channel.card_button_cut', `${ctx.label} allows at most ${caps.cardButtonsMax} buttons per card (CARD_BUTTONS_MAX = ${CARD_BUTTONS_MAX}), so the button "${label(c)}" is cut.`);
          continue;
        }
      }
      kept.push(c);
    }
    children = kept;
  }
  const same = props === card.props && children.length === card.children?.length && children.every((c, i) => c === card.children[i]);
  if (same) return card;
  return { ...card, props, children };
}

function supportWarning(ctx: Ctx, node: DesignNode, what: string, support: Support, code: string) {
  if (support === 'partial' || support === 'unknown') {
    add(ctx, node, 'warning', code, `${what} on ${ctx.label}: ${SUPPORT_WORDS[support]}. Kept as designed; test on the real channel before relying on it.`);
  }
}

export function forChannel(design: Design, channel: ChannelId, opts: ForChannelOptions = {}): ForChannelResult {
  // Channel ids may come from user input (a design file, an API body): never trust the key.
  const caps = Object.hasOwn(CHANNELS, channel) ? CHANNELS[channel] : CHANNELS.webmessaging;
  const compileOpts = opts.variables === undefined ? {} : { variables: opts.variables };
  const ctx: Ctx = { channel: caps.id, label: caps.label, paths: compileWithSourceMap(design).paths, issues: [] };
  const root = design?.root;

  if (!caps.rich) {
    const full = messageToText(compile(design, compileOpts));
    const text = textFallback(design, { maxLength: caps.textMax, ...compileOpts });
    const hasRich = isNode(root) && kids(root).length > 0;
    ctx.issues.push({
      severity: hasRich ? 'warning' : 'info',
      code: 'channel.text_fallback',
      path: '',
      ...(isNode(root) && typeof root.id === 'string' ? { nodeId: root.id } : {}),
      message: `${caps.label} shows plain text only: the customer gets the text fallback (${text.length} characters) instead of ${hasRich ? 'the cards, buttons and quick replies' : 'a structured message'}.`,
    });
    if (text !== full) {
      ctx.issues.push({
        severity: 'warning',
        code: 'channel.text_truncated',
        path: 'text',
        message: `The text fallback is ${full.length} characters, over ${caps.label}'s limit of ${caps.textMax}; it is cut to ${text.length} characters ending with "…".`,
      });
    }
    // validate already warns about a long message text; the fallback of rich content is
    // longer than the text alone, so its segment count is only known here.
    const textLength = charLength(text);
    if (caps.id === 'sms' && hasRich && textLength > SMS_SEGMENT_MAX) {
      ctx.issues.push({
        severity: 'warning',
        code: 'channel.sms_segments',
        path: 'text',
        message: `The SMS text fallback is ${textLength} characters; SMS sends more than ${SMS_SEGMENT_MAX} (SMS_SEGMENT_MAX) as several segments, which may arrive split or cost more.`,
      });
    }
    const fallbackDesign: Design = {
      ...design,
      root: { id: isNode(root) && typeof root.id === 'string' ? root.id : 'root', kind: 'message', props: { text }, children: [] },
    };
    return { design: fallbackDesign, message: { type: 'Text', text }, issues: ctx.issues, text };
  }

  const content: DesignNode[] = [];
  const rootKids = isNode(root) ? kids(root) : [];
  for (const child of rootKids) {
    switch (child.kind) {
      case 'carousel': {
        if (caps.carousels === 'no') {
          const cards = kids(child).filter((c) => c.kind === 'card');
          add(
            ctx,
            child,
            caps.carouselUnsupportedSeverity,
            'channel.carousel_unsupported',
            `${caps.label} does not support carousels, so Genesys cannot deliver this one; the preview shows its ${cards.length} card${cards.length === 1 ? '' : 's'} as separate cards, which is what the channel can show. Design separate cards for ${caps.label}.`,
          );
          for (const c of cards) content.push(cardForChannel(c, ctx));
          continue;
        }
        supportWarning(ctx, child, 'Carousels', caps.carousels, 'channel.carousel_unconfirmed');
        const cards = kids(child).map((c) => (c.kind === 'card' ? cardForChannel(c, ctx) : c));
        const same = cards.length === child.children?.length && cards.every((c, i) => c === child.children[i]);
        content.push(same ? child : { ...child, children: cards });
        continue;
      }
      case 'card':
        supportWarning(ctx, child, 'Cards', caps.cards, 'channel.card_unconfirmed');
        content.push(cardForChannel(child, ctx));
        continue;
      case 'quickReply':
        supportWarning(ctx, child, 'Quick replies', caps.quickReplies, 'channel.quick_reply_unconfirmed');
        content.push(child);
        continue;
      case 'listPicker':
      case 'datePicker': {
        const support = PICKER_CHANNELS[child.kind][caps.id];
        const what = child.kind === 'listPicker' ? 'List pickers' : 'Date pickers';
        if (support === undefined || support === 'no') {
          add(ctx, child, 'warning', `channel.${child.kind === 'listPicker' ? 'list_picker' : 'date_picker'}_dropped`, `${what} are not delivered on ${caps.label} (no Genesys documentation lists them there${channel === 'webmessaging' ? ', and the Messenger mobile transport drops them' : ''}), so this one is left out; the customer would see nothing.`);
          continue;
        }
        supportWarning(ctx, child, what, support, `channel.${child.kind === 'listPicker' ? 'list_picker' : 'date_picker'}_unconfirmed`);
        content.push(child);
        continue;
      }
      default:
        content.push(child);
    }
  }

  const quickReplies = content.filter((c) => c.kind === 'quickReply');
  if (caps.quickRepliesAsButtonsMax !== undefined && quickReplies.length > caps.quickRepliesAsButtonsMax) {
    add(ctx, quickReplies[0]!, 'info', 'channel.quick_replies_as_list', `${caps.label} shows up to ${caps.quickRepliesAsButtonsMax} quick replies as buttons; these ${quickReplies.length} show as a list.`);
  }

  const unchanged = isNode(root) && content.length === root.children?.length && content.every((c, i) => c === root.children[i]);
  const newRoot: DesignNode = isNode(root) ? { ...root, children: content } : { id: 'root', kind: 'message', props: {}, children: content };
  const newDesign: Design = unchanged ? design : { ...design, root: newRoot };
  return { design: newDesign, message: compile(newDesign, compileOpts), issues: ctx.issues, text: null };
}
