/**
 * Genesys normalized messages ({type, text, content}, inbound or outbound, Open Messaging
 * included) → a design. The content items become the design tree; items the designer
 * cannot show are reported and left out, and the tree is returned whenever it can be
 * recovered, so the editor shows what it could read next to what is wrong.
 * Shapes: ../shared/reference/genesys-messaging.md, "Normalized message format".
 */
import { ENVELOPE_EXTRA_KEYS, contentItemSchema, genesysMessageSchema } from '../model/genesys.ts';
import { envelopeSchema, type DesignNode, type Envelope } from '../model/design.ts';
import { CHANNEL_IDS, type ChannelId } from '../model/channels.ts';
import type { Issue } from '../model/issues.ts';
import { arr, isObject, nameFor, newDesign, node, without, withoutUnknownKeys, Ids, type ImportResult, type Json } from './common.ts';
import { messageFidelityIssue } from './fidelity.ts';
import { formatPath, type PathPart } from '../model/paths.ts';
import { CONTENT_PAYLOAD_KEYS, DESIGNABLE_CONTENT_TYPES } from '../model/kinds.ts';
import { describe, schemaIssues } from './schemaIssues.ts';

function cardNode(ids: Ids, card: Json): DesignNode {
  const n = node(ids, 'card', without(card, ['actions']));
  n.children = arr(card.actions).filter(isObject).map((a) => node(ids, 'action', { ...a }));
  return n;
}

/** The node of a designable content item's payload (its children read from their arrays). */
function contentNode(ids: Ids, contentType: string, payload: Json): DesignNode | undefined {
  switch (contentType) {
    case 'QuickReply':
      return node(ids, 'quickReply', { ...payload });
    case 'Card':
      return cardNode(ids, payload);
    case 'Carousel': {
      const n = node(ids, 'carousel', without(payload, ['cards']));
      n.children = arr(payload.cards).filter(isObject).map((c) => cardNode(ids, c));
      return n;
    }
    case 'ListPicker': {
      const n = node(ids, 'listPicker', without(payload, ['sections']));
      n.children = arr(payload.sections)
        .filter(isObject)
        .map((s) => {
          const sec = node(ids, 'listSection', without(s, ['items']));
          sec.children = arr(s.items).filter(isObject).map((it) => node(ids, 'listItem', { ...it }));
          return sec;
        });
      return n;
    }
    case 'DatePicker': {
      const n = node(ids, 'datePicker', without(payload, ['availableTimes']));
      n.children = arr(payload.availableTimes)
        .filter(isObject)
        .map((t) => node(ids, 'timeSlot', { ...t }));
      return n;
    }
    case 'Attachment':
      return node(ids, 'attachment', { ...payload });
    default:
      return undefined;
  }
}

export type MessageImport = { root: DesignNode; issues: Issue[] };

/**
 * Builds the message node from a raw message object. `validate` = check each content item
 * against the message schema (off for bot replies, whose stricter reply schema is checked
 * by the caller). Items that cannot become nodes are reported and left out.
 */
export function messageToRoot(raw: Json, ids: Ids, prefix: readonly PathPart[], validate: boolean): MessageImport {
  const issues: Issue[] = [];
  const root = node(ids, 'message', {});
  const rootProps: Json = {};
  if (typeof raw.text === 'string') rootProps.text = raw.text;
  root.props = rootProps;
  const content = raw.content;
  if (content !== undefined && !Array.isArray(content)) return { root, issues };
  const qrV2Titles: string[] = [];
  arr(content).forEach((original, i) => {
    const at = [...prefix, 'content', i];
    if (!isObject(original)) return; // reported by the envelope schema check
    let item: Json = original;
    const ct = item.contentType;
    if (validate && typeof ct === 'string' && ((DESIGNABLE_CONTENT_TYPES as readonly string[]).includes(ct) || ct === 'QuickReplyV2' || ct === 'ButtonResponse')) {
      const r = contentItemSchema.safeParse(item);
      if (!r.success) {
        issues.push(...schemaIssues(r.error, item, at));
        item = withoutUnknownKeys(item, r.error);
      }
    }
    if (typeof ct !== 'string' || !Object.hasOwn(CONTENT_PAYLOAD_KEYS, ct)) {
      issues.push({
        severity: 'error',
        code: 'import.unknown_content_type',
        path: formatPath([...at, 'contentType']),
        message: `${formatPath([...at, 'contentType'])} is ${describe(ct)}, which the designer cannot show or edit; this item is left out. Designable types: ${[...DESIGNABLE_CONTENT_TYPES].join(', ')}.`,
      });
      return;
    }
    const payload = item[CONTENT_PAYLOAD_KEYS[ct as keyof typeof CONTENT_PAYLOAD_KEYS]];
    if (ct === 'ButtonResponse') {
      // A ButtonResponse is the customer's click coming back (genesys-messaging.md,
      // "ButtonResponse (the customer's click)"): it only ever travels customer → Genesys →
      // bot, so there is nothing to design or send.
      issues.push({
        severity: 'error',
        code: 'import.button_response',
        path: formatPath(at),
        message: `${formatPath(at)} is a ButtonResponse: what the customer's client sends when a button or quick reply is clicked, not content a bot sends. It is left out of the design.`,
      });
      return;
    }
    if (ct === 'Notification') {
      // Real conversations carry messaging templates (e.g. WhatsApp): nothing is wrong with
      // the input, the designer just does not edit them.
      issues.push({
        severity: 'warning',
        code: 'import.not_designable',
        path: formatPath(at),
        message: `${formatPath(at)} is a Notification (a messaging template), which the designer does not edit; it is left out.`,
      });
      return;
    }
    if (!isObject(payload)) return; // the item schema check reported the missing payload
    if (ct === 'QuickReplyV2') {
      // QuickReplyV2 is export-only (no renderer, refused by the Bot Connector:
      // genesys-messaging.md, "QuickReplyV2"). The designable equivalent is one QuickReply
      // per action, which every channel with quick replies shows; the title becomes the
      // message text when there is none. The user is told, since exporting gives QuickReply
      // items rather than the original V2 block.
      for (const a of arr(payload.actions)) if (isObject(a)) root.children.push(node(ids, 'quickReply', { ...a }));
      if (typeof payload.title === 'string' && payload.title !== '') qrV2Titles.push(payload.title);
      issues.push({
        severity: 'warning',
        code: 'import.quick_reply_v2_converted',
        path: formatPath(at),
        message: `${formatPath(at)} is a QuickReplyV2, which no Genesys renderer is known to show and the Bot Connector refuses; its actions were imported as ordinary quick replies${typeof payload.title === 'string' && payload.title ? ` and its title "${payload.title}" ${rootProps.text ? 'was dropped (the message already has text)' : 'became the message text'}` : ''}.`,
      });
      return;
    }
    const n = contentNode(ids, ct, payload);
    if (n) root.children.push(n);
  });
  if (rootProps.text === undefined && qrV2Titles.length > 0) rootProps.text = qrV2Titles[0];
  return { root, issues };
}

function channelFromPlatform(platform: unknown): ChannelId {
  if (typeof platform !== 'string') return 'webmessaging';
  const p = platform.toLowerCase();
  if ((CHANNEL_IDS as readonly string[]).includes(p)) return p as ChannelId;
  return 'webmessaging';
}

function keepEnvelope(raw: Json): Envelope | undefined {
  const env: Json = {};
  for (const k of ENVELOPE_EXTRA_KEYS) {
    if (raw[k] === undefined) continue;
    // Invalid envelope values are reported by the message schema and left out, so the
    // design stays a valid design file.
    if (envelopeSchema.shape[k].safeParse(raw[k]).success) env[k] = raw[k];
  }
  return Object.keys(env).length > 0 ? (env as Envelope) : undefined;
}

/**
 * Envelope fields (id, channel, originatingEntity…) describe a message Genesys delivered; none
 * is designed, and an invalid one is left out of the design (keepEnvelope), so a real
 * payload's odd value (`originatingEntity: ""`) is a warning, not a refusal.
 */
function envelopeLeniency(issue: Issue): Issue {
  const top = issue.path.split(/[.[]/)[0]!;
  if (issue.severity !== 'error' || !(ENVELOPE_EXTRA_KEYS as readonly string[]).includes(top)) return issue;
  return { ...issue, severity: 'warning', message: `${issue.message} It is left out of the design.` };
}

export function importMessage(input: Json): ImportResult {
  const issues: Issue[] = [];
  // The envelope first, with no content: each content item is checked on its own below.
  const envelopeOnly = { ...input, content: Array.isArray(input.content) ? [] : input.content };
  const r = genesysMessageSchema.safeParse(envelopeOnly);
  if (!r.success) issues.push(...schemaIssues(r.error, envelopeOnly, []).map(envelopeLeniency));
  if (Array.isArray(input.content)) {
    input.content.forEach((item, i) => {
      if (!isObject(item)) {
        issues.push({ severity: 'error', code: 'import.invalid_type', path: `content[${i}]`, message: `content[${i}] must be an object, not ${describe(item)}.` });
      }
    });
  }
  if (input.content !== undefined && !Array.isArray(input.content)) {
    return { design: null, issues, format: 'message' };
  }
  if (typeof input.type === 'string' && !['Text', 'Structured'].includes(input.type)) {
    issues.push({
      severity: 'warning',
      code: 'import.not_a_designable_type',
      path: 'type',
      message: `type is "${input.type}": only Text and Structured messages are designed and sent; its text and content were imported and it will export as ${input.content ? 'Structured' : 'Text'}.`,
    });
  }
  const m = messageToRoot(input, new Ids(), [], true);
  issues.push(...m.issues);
  const envelope = keepEnvelope(input);
  const design = newDesign(input, nameFor('Imported message', m.root), m.root, {
    channel: channelFromPlatform(isObject(input.channel) ? input.channel.platform : undefined),
    ...(envelope ? { envelope } : {}),
  });
  if (issues.length === 0) issues.push(...messageFidelityIssue(input, design));
  return { design, issues, format: 'message' };
}
