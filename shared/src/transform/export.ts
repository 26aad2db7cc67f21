/**
 * exportDesign(): the exact JSON (or text) a user takes away.
 * - 'message': the Genesys normalized message (envelope kept from an import).
 * - 'botconnector-v2': what a Bot Connector bot returns from POST /messages (model/botConnector.ts): the kept
 *   botReply envelope, and replyMessages = [...before, designed, ...after].
 * - 'botconnector-v1': the same with lowercase `replymessages` (the v1 variant).
 * - 'text': the plain-text fallback. - 'design': the design file.
 */
import {
  BOT_REPLY_CONTENT_TYPES,
  type ContentItem,
  type GenesysMessage,
  type ReplyMessage,
} from '../model/genesys.ts';
import type { Design } from '../model/design.ts';
import type { ChannelId } from '../model/channels.ts';
import { CHANNELS } from '../model/channels.ts';
import type { Issue } from '../model/issues.ts';
import { compile, messageTypeFor } from './compile.ts';
import { forChannel } from './forChannel.ts';
import { textFallback } from './fallback.ts';

export const EXPORT_FORMATS = ['message', 'botconnector-v2', 'botconnector-v1', 'text', 'design'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  message: 'Genesys message',
  'botconnector-v2': 'Bot Connector v2 reply',
  'botconnector-v1': 'Bot Connector v1 reply',
  text: 'Text fallback',
  design: 'Design file',
};

export type ExportOptions = {
  /** Export what this channel really gets (forChannel). */
  channel?: ChannelId;
  variables?: Record<string, string> | 'samples';
};
export type ExportResult = {
  output: unknown;
  /** Pretty JSON, or the plain text for 'text'. */
  text: string;
  /** What the export changed or left out (channel adaptations, bot-forbidden content). */
  issues: Issue[];
};

const ALLOWED = new Set<string>(BOT_REPLY_CONTENT_TYPES);

/**
 * The issue when a message leaves a Bot Connector reply empty: every send goes out through
 * a bot, so nothing can be sent, and a Bot Connector export would be `replyMessages: []`.
 * One code and one sentence for Problems (a warning: the Genesys message still exports),
 * the Bot Connector exports and the send (both refuse: an error).
 */
export const NOTHING_TO_SEND = 'bot_reply.nothing_to_send';

/** The NOTHING_TO_SEND issue for a message, naming the content a bot may not send. */
export function nothingToSend(message: GenesysMessage): Issue {
  const types = [...new Set((message.content ?? []).map((c) => c.contentType).filter((t) => !ALLOWED.has(t)))];
  const why =
    types.length > 0
      ? `${types.join(' and ')} ${types.length === 1 ? 'is' : 'are'} not allowed in a bot's reply (a bot may send text, ${BOT_REPLY_CONTENT_TYPES.join(', ')}) and nothing else is left`
      : 'the message is empty';
  return {
    severity: 'warning',
    code: NOTHING_TO_SEND,
    path: 'content',
    message: `A bot cannot send this message: ${why}. A test send is refused and a Bot Connector reply would carry no message; export it as a Genesys message instead.`,
  };
}

/** The NOTHING_TO_SEND issue as an error, for what must refuse (a send, a Bot Connector export); undefined when there is none. */
export function nothingToSendError(issues: readonly Issue[]): Issue | undefined {
  const found = issues.find((i) => i.code === NOTHING_TO_SEND);
  return found && { ...found, severity: 'error' };
}

/**
 * Splits a message into Bot Connector reply messages and says what it had to change:
 * only Text/Structured with type/text/content (no envelope), only the content types a bot
 * may send (BOT_REPLY_CONTENT_TYPES), quick replies with only text/payload/image (the reply
 * schema in model/botConnector.ts), and each Attachment in its own Text message (Genesys'
 * ConversationMessageContent: "If contentType = Attachment only one item is allowed").
 */
export function replyMessagesFor(message: GenesysMessage): { messages: ReplyMessage[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const rich: ContentItem[] = [];
  const attachments: ContentItem[] = [];
  (message.content ?? []).forEach((item, i) => {
    if (!ALLOWED.has(item.contentType)) {
      issues.push({
        severity: 'warning',
        code: 'export.not_allowed_in_bot_reply',
        path: `content[${i}]`,
        message: `content[${i}] is a ${item.contentType}, which a bot may not send through the Bot Connector (only ${BOT_REPLY_CONTENT_TYPES.join(', ')}); it is left out of the reply.`,
      });
      return;
    }
    if (item.contentType === 'QuickReply') {
      const { text, payload, image, ...rest } = item.quickReply;
      const stripped = Object.keys(rest).filter((k) => (rest as Record<string, unknown>)[k] !== undefined);
      if (stripped.length > 0) {
        issues.push({
          severity: 'info',
          code: 'export.quick_reply_fields_stripped',
          path: `content[${i}].quickReply`,
          message: `content[${i}].quickReply: ${stripped.join(', ')} left out, since a bot sends only text, payload and image in a quick reply.`,
        });
      }
      rich.push({ contentType: 'QuickReply', quickReply: { text, payload, ...(image !== undefined ? { image } : {}) } });
      return;
    }
    if (item.contentType === 'Attachment') attachments.push(item);
    else rich.push(item);
  });
  const text = message.text !== undefined && message.text !== '' ? { text: message.text } : {};
  const messages: ReplyMessage[] = [];
  if (rich.length > 0) messages.push({ type: messageTypeFor(rich), ...text, content: rich } as ReplyMessage);
  attachments.forEach((a, i) => {
    const caption = rich.length === 0 && i === 0 ? text : {};
    messages.push({ type: 'Text', ...caption, content: [a] } as ReplyMessage);
  });
  if (messages.length === 0 && text.text !== undefined) messages.push({ type: 'Text', ...text });
  if (messages.length === 0) issues.push(nothingToSend(message));
  if (attachments.length > 1 || (attachments.length > 0 && rich.length > 0)) {
    issues.push({
      severity: 'info',
      code: 'export.attachment_split',
      path: 'content',
      message: 'Each Attachment goes in its own Text reply message, since a message holding an Attachment may hold nothing else.',
    });
  }
  return { messages, issues };
}

/** What goes in Bot Connector replyMessages for one designed message. */
export function toReplyMessages(message: GenesysMessage): ReplyMessage[] {
  return replyMessagesFor(message).messages;
}

/**
 * `unadapted` is the message before a channel dropped anything, so an empty reply names what
 * the design had (a list picker Web Messenger drops is still why a bot cannot send it).
 */
function botReplyOutput(design: Design, message: GenesysMessage, unadapted: () => GenesysMessage, v1: boolean, issues: Issue[]): Record<string, unknown> {
  const meta = design?.botReply;
  const { messages, issues: replyIssues } = replyMessagesFor(message);
  // Here the empty reply is the export itself: it refuses.
  issues.push(...replyIssues.map((i) => (i.code === NOTHING_TO_SEND ? { ...nothingToSend(unadapted()), severity: 'error' as const } : i)));
  const replyMessages = [...(meta?.before ?? []), ...messages, ...(meta?.after ?? [])];
  const state = meta?.botState ?? 'MoreData';
  const out: Record<string, unknown> = {
    // v1 production bots spell the state in capitals (MOREDATA, COMPLETE), as the Bot Connector v1 docs show.
    botState: v1 ? state.toUpperCase() : state,
  };
  if (meta?.intent !== undefined) out.intent = meta.intent;
  if (meta?.confidence !== undefined) out.confidence = meta.confidence;
  out[v1 ? 'replymessages' : 'replyMessages'] = replyMessages;
  if (meta?.entities !== undefined) {
    if (v1) {
      issues.push({
        severity: 'info',
        code: 'export.entities_not_in_v1',
        path: 'entities',
        message: 'Bot Connector v1 has slotValues instead of entities; the entities are left out of the v1 reply.',
      });
    } else out.entities = meta.entities;
  }
  if (meta?.parameters !== undefined) out.parameters = meta.parameters;
  if (meta?.errorInfo !== undefined) out.errorInfo = meta.errorInfo;
  if (state === 'Complete' && !meta?.intent) {
    issues.push({
      severity: 'error',
      code: 'export.complete_needs_intent',
      path: 'intent',
      message: 'botState Complete requires an intent; without one Genesys takes the failure path.',
    });
  }
  return out;
}

export function exportDesign(design: Design, format: ExportFormat, opts: ExportOptions = {}): ExportResult {
  const issues: Issue[] = [];
  const vars = opts.variables === undefined ? {} : { variables: opts.variables };
  if (format === 'design') {
    return { output: design, text: JSON.stringify(design, null, 2), issues };
  }
  if (format === 'text') {
    const maxLength = opts.channel && Object.hasOwn(CHANNELS, opts.channel) ? CHANNELS[opts.channel].textMax : undefined;
    const text = textFallback(design, { ...vars, ...(maxLength !== undefined ? { maxLength } : {}) });
    return { output: text, text, issues };
  }
  let message: GenesysMessage;
  let adapted = design;
  if (opts.channel) {
    const r = forChannel(design, opts.channel, vars);
    issues.push(...r.issues);
    message = r.message;
    adapted = r.design;
  } else {
    message = compile(design, vars);
  }
  let output: unknown;
  switch (format) {
    case 'message':
      output = message;
      break;
    case 'botconnector-v2':
    case 'botconnector-v1':
      output = botReplyOutput(adapted, message, () => (opts.channel ? compile(design, vars) : message), format === 'botconnector-v1', issues);
      break;
    default:
      output = message;
  }
  return { output, text: JSON.stringify(output, null, 2), issues };
}
