/**
 * Rules of one kind that a field table cannot say: counts of children, uniqueness of
 * buttons, a button's type-dependent fields, dates. Limits that depend on the channel (the
 * message text, buttons per card, quick replies shown as a list) are channel rules
 * (channel.ts); field length limits come from KINDS (fields.ts).
 */
import type { NodeKind } from '../model/kinds.ts';
import {
  CAROUSEL_MAX_CARDS,
  CAROUSEL_MIN_CARDS,
  CAROUSEL_RECOMMENDED_MIN_CARDS,
  CAROUSEL_UNIQUE_PAYLOAD,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_CONTENT_ITEMS,
  QUICK_REPLIES_MAX,
  QUICK_REPLIES_RECOMMENDED,
} from '../model/limits.ts';
import { childPathSegment, joinPath } from '../model/paths.ts';
import { bindText, placeholdersIn } from '../model/variables.ts';
import { boundString, isObject, quote, type Child, type Json, type RuleContext } from './report.ts';

type Rule = (props: Json, allowed: Child[], path: string, id: string | undefined, ctx: RuleContext) => void;

const message: Rule = (props, allowed, path, id, ctx) => {
  const { out, values } = ctx;
  const text = boundString(props.text, { values });
  if (allowed.length === 0 && (text === undefined || text.trim() === '')) {
    out.add('warning', 'message.empty', 'The message has no text and no content; the customer would receive nothing.', path, id);
  }
  if (allowed.length > MAX_CONTENT_ITEMS) {
    out.add('error', 'message.too_many_items', `The message has ${allowed.length} content items; a message holds at most ${MAX_CONTENT_ITEMS} (MAX_CONTENT_ITEMS).`, joinPath(path, 'content'), id);
  }
  const quickReplies = allowed.filter((c) => c.kind === 'quickReply');
  uniqueButtons(quickReplies, ctx, 'quickReply.duplicate', 'quick replies', 'within a message');
  if (quickReplies.length > QUICK_REPLIES_MAX) {
    const c = quickReplies[QUICK_REPLIES_MAX]!;
    out.add('error', 'quickReply.too_many', `The message has ${quickReplies.length} quick replies; at most ${QUICK_REPLIES_MAX} are allowed (QUICK_REPLIES_MAX).`, c.path, c.id);
  } else if (quickReplies.length > QUICK_REPLIES_RECOMMENDED) {
    const c = quickReplies[QUICK_REPLIES_RECOMMENDED]!;
    out.add('warning', 'quickReply.over_recommended', `The message has ${quickReplies.length} quick replies; Genesys recommends at most ${QUICK_REPLIES_RECOMMENDED} (QUICK_REPLIES_RECOMMENDED).`, c.path, c.id);
  }
  const attachments = allowed.filter((c) => c.kind === 'attachment');
  attachments.slice(MAX_ATTACHMENTS_PER_MESSAGE).forEach((c, i) =>
    out.add('error', 'attachment.more_than_one', `A message may carry only ${MAX_ATTACHMENTS_PER_MESSAGE} Attachment (MAX_ATTACHMENTS_PER_MESSAGE); this is attachment ${MAX_ATTACHMENTS_PER_MESSAGE + i + 1}.`, c.path, c.id),
  );
  if (attachments.length && allowed.length > attachments.length) {
    const c = attachments[0]!;
    out.add(
      'error',
      'attachment.not_alone',
      `A message with an Attachment may hold no other content item (MAX_ATTACHMENTS_PER_MESSAGE: "If contentType = Attachment only one item is allowed", in Genesys' ConversationMessageContent model); move the other ${allowed.length - attachments.length} item(s) to another message.`,
      c.path,
      c.id,
    );
  }
};

const carousel: Rule = (_props, allowed, path, id, ctx) => {
  const { out } = ctx;
  const cards = allowed.filter((c) => c.kind === 'card');
  if (cards.length > CAROUSEL_MAX_CARDS) {
    out.add('error', 'carousel.too_many_cards', `This carousel has ${cards.length} cards; a carousel holds at most ${CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS).`, path, id);
  } else if (cards.length < CAROUSEL_MIN_CARDS) {
    out.add('error', 'carousel.too_few_cards', `This carousel has no cards; a carousel needs at least ${CAROUSEL_MIN_CARDS} (CAROUSEL_MIN_CARDS).`, path, id);
  } else if (cards.length < CAROUSEL_RECOMMENDED_MIN_CARDS) {
    out.add('warning', 'carousel.few_cards', `This carousel has ${cards.length} card; with fewer than ${CAROUSEL_RECOMMENDED_MIN_CARDS} (CAROUSEL_RECOMMENDED_MIN_CARDS) a single Card is clearer.`, path, id);
  }
  if (CAROUSEL_UNIQUE_PAYLOAD) uniquePayloads(cards, ctx);
};

/** CAROUSEL_UNIQUE_PAYLOAD: a payload is unique across all Postbacks of the carousel. */
function uniquePayloads(cards: Child[], ctx: RuleContext): void {
  const firstUse = new Map<string, { cardIndex: number; text: unknown; path: string }>();
  cards.forEach((card, cardIndex) => {
    if (!isObject(card.value) || !Array.isArray(card.value.children)) return;
    let actionIndex = 0;
    card.value.children.forEach((a, raw) => {
      if (!isObject(a) || a.kind !== 'action') return;
      const ap = joinPath(card.path, childPathSegment('card', 'action', actionIndex++, raw));
      const props = isObject(a.props) ? a.props : {};
      if (props.type !== 'Postback' || typeof props.payload !== 'string') return;
      const payload = bindText(props.payload, ctx.values);
      const first = firstUse.get(payload);
      if (!first) {
        firstUse.set(payload, { cardIndex, text: props.text, path: ap });
        return;
      }
      if (first.cardIndex === cardIndex && first.text === props.text) return; // reported by the card rule
      ctx.out.add(
        'error',
        'carousel.duplicate_payload',
        `Payload ${quote(payload)} is used by two Postback buttons of this carousel (${first.path} and ${ap}); payloads must be unique across a carousel (CAROUSEL_UNIQUE_PAYLOAD) or the bot cannot tell the buttons apart.`,
        joinPath(ap, 'payload'),
        typeof a.id === 'string' ? a.id : undefined,
      );
    });
  });
}

/**
 * Text+payload unique among the buttons of a card, and the same among a message's quick
 * replies: the bot is told which one was tapped by exactly those two values (a ButtonResponse).
 */
function uniqueButtons(buttons: Child[], ctx: RuleContext, code: string, what: string, where: string): void {
  const seen = new Map<string, string>();
  for (const a of buttons) {
    if (typeof a.props.payload !== 'string' || typeof a.props.text !== 'string') continue;
    const key = `${bindText(a.props.text, ctx.values)}\u0000${bindText(a.props.payload, ctx.values)}`;
    const first = seen.get(key);
    if (first) {
      ctx.out.add(
        'error',
        code,
        `Two ${what} ${where} have the same text ${quote(a.props.text)} and payload ${quote(a.props.payload)} (${first} and ${a.path}); Genesys needs text+payload unique ${where}, or the bot cannot tell them apart.`,
        a.path,
        a.id,
      );
    } else seen.set(key, a.path);
  }
}

const card: Rule = (props, allowed, path, id, ctx) => {
  uniqueButtons(allowed.filter((a) => a.kind === 'action'), ctx, 'card.duplicate_button', 'buttons', 'within a card');
  if (typeof props.title === 'string' && props.title.trim() === '') {
    const titlePath = joinPath(path, 'title');
    ctx.out.add('warning', 'card.empty_title', `The card title (${titlePath}) is empty; Genesys requires a title and the card looks broken without one.`, titlePath, id);
  }
};

const action: Rule = (props, _allowed, path, id, { out }) => {
  const payloadPath = joinPath(path, 'payload');
  const urlPath = joinPath(path, 'url');
  const textPath = joinPath(path, 'text');
  if (props.type === 'Postback' && (typeof props.payload !== 'string' || props.payload === '')) {
    out.add('error', 'action.payload_missing', `A Postback button needs a payload (${payloadPath}): it is what the bot receives when the button is clicked.`, payloadPath, id);
  }
  if (props.type === 'Link' && (typeof props.url !== 'string' || props.url === '')) {
    out.add('error', 'action.url_missing', `A Link button needs a url (${urlPath}): it is the page the button opens.`, urlPath, id);
  }
  if (typeof props.text === 'string' && props.text.trim() === '') {
    out.add('warning', 'action.empty_text', `The button label (${textPath}) is empty; customers see a blank button.`, textPath, id);
  }
};

const quickReply: Rule = (props, _allowed, path, id, { out }) => {
  const payloadPath = joinPath(path, 'payload');
  const textPath = joinPath(path, 'text');
  if (typeof props.payload === 'string' && props.payload === '') {
    out.add('error', 'quickReply.payload_missing', `A quick reply needs a payload (${payloadPath}): it is what the bot receives when it is tapped.`, payloadPath, id);
  }
  if (typeof props.text === 'string' && props.text.trim() === '') {
    out.add('warning', 'quickReply.empty_text', `The quick reply label (${textPath}) is empty.`, textPath, id);
  }
};

// The Bot Connector spec lists the content types a bot may send; pickers are not among them.
const listPicker: Rule = (_props, allowed, path, id, { out }) => {
  out.add('info', 'export.list_picker', 'This list picker is export only: not allowed through the Bot Connector, so a bot cannot send it.', path, id);
  if (allowed.length === 0) out.add('warning', 'listPicker.no_sections', 'This list picker has no sections, so there is nothing to choose.', path, id);
};

const listSection: Rule = (_props, allowed, path, id, { out }) => {
  if (allowed.length === 0) out.add('warning', 'listSection.no_items', 'This list section has no items.', path, id);
};

const datePicker: Rule = (props, _allowed, path, id, ctx) => {
  ctx.out.add('info', 'export.date_picker', 'This date picker is export only: not allowed through the Bot Connector, so a bot cannot send it.', path, id);
  const min = checkDate(props.dateMinimum, 'dateMinimum', path, id, ctx, 'datePicker.invalid_date');
  const max = checkDate(props.dateMaximum, 'dateMaximum', path, id, ctx, 'datePicker.invalid_date');
  if (min !== undefined && max !== undefined && min > max) {
    ctx.out.add('warning', 'datePicker.range', `dateMinimum is after dateMaximum (${path || 'message'}), so no date can be picked.`, joinPath(path, 'dateMinimum'), id);
  }
};

const timeSlot: Rule = (props, _allowed, path, id, ctx) => {
  checkDate(props.dateTime, 'dateTime', path, id, ctx, 'timeSlot.invalid_date');
  if (typeof props.duration === 'number' && props.duration <= 0) {
    const p = joinPath(path, 'duration');
    ctx.out.add('warning', 'timeSlot.duration', `The time slot duration (${p}) is ${props.duration} seconds; it must be positive.`, p, id);
  }
};

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function checkDate(v: unknown, field: string, path: string, id: string | undefined, ctx: RuleContext, code: string): number | undefined {
  if (typeof v !== 'string' || v === '' || placeholdersIn(v).length) return undefined;
  const t = Date.parse(v);
  if (!ISO_RE.test(v) || Number.isNaN(t)) {
    const p = joinPath(path, field);
    ctx.out.add('warning', code, `${field} (${p}) is ${quote(v)}, which is not an ISO-8601 date-time such as 2030-05-30T12:00:00Z.`, p, id);
    return undefined;
  }
  return t;
}

const RULES: Partial<Record<NodeKind, Rule>> = { message, carousel, card, action, quickReply, listPicker, listSection, datePicker, timeSlot };

/** The kind's own rules; `children` are all of the node's children, with their export paths. */
export function checkKindRules(kind: NodeKind, props: Json, children: Child[], path: string, id: string | undefined, ctx: RuleContext): void {
  RULES[kind]?.(props, children.filter((c) => c.allowed), path, id, ctx);
}
