/**
 * importJson(): Genesys message / Bot Connector reply (v2 or v1) / design file → design.
 *
 * Import is lenient about structure and strict about reporting: every schema failure
 * becomes an Issue whose path is the JSON path in the *input* (`content[0].card.actions[1].type`,
 * `replyMessages[1].content[0]…` for bot replies), and the design is still returned whenever
 * the tree can be recovered, so the editor shows what it could read next to what is wrong.
 * Imported node ids are deterministic (`n1`, `n2`, … in document order) so importing the
 * same input twice gives the same design.
 */
import type { z } from 'zod';
import {
  BOT_REPLY_CONTENT_TYPES,
  ENVELOPE_EXTRA_KEYS,
  botConnectorV1ReplySchema,
  botConnectorV2ReplySchema,
  contentItemSchema,
  genesysMessageSchema,
  replyMessageSchema,
} from '../model/genesys.ts';
import {
  FORMAT_VERSION,
  botReplyMetaSchema,
  designNodeSchema,
  designSchema,
  envelopeSchema,
  channelIdSchema,
  variableSchema,
  type BotReplyMeta,
  type Design,
  type DesignNode,
  type Envelope,
} from '../model/design.ts';
import { CHANNEL_IDS, type ChannelId } from '../model/channels.ts';
import type { Issue } from '../model/issues.ts';
import { compile } from '../transform/compile.ts';
import { replyMessagesFor } from '../transform/export.ts';

export type ImportFormat = 'design' | 'message' | 'botconnector-v2' | 'botconnector-v1' | 'unknown';
export type ImportResult = { design: Design | null; issues: Issue[]; format: ImportFormat };

type Json = Record<string, unknown>;
type PathPart = string | number;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `['content', 0, 'card', 'actions', 1, 'type']` → `content[0].card.actions[1].type`. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return `an ${typeof v}`;
}

function valueAt(root: unknown, parts: readonly PathPart[]): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

const where = (path: string) => (path === '' ? 'the top level' : path);

/** Turns zod issues into located, readable Issues. `input` is the value the schema saw. */
function schemaIssues(error: z.ZodError, input: unknown, prefix: readonly PathPart[], botReply = false): Issue[] {
  const out: Issue[] = [];
  for (const zi of error.issues) {
    const parts = [...prefix, ...(zi.path as PathPart[])];
    const path = formatPath(parts);
    const local = zi.path as PathPart[];
    switch (zi.code) {
      case 'unrecognized_keys':
        for (const key of zi.keys) {
          out.push({
            severity: 'error',
            code: 'import.unknown_field',
            path: formatPath([...parts, key]),
            message:
              botReply && key === 'action' && parts.includes('quickReply')
                ? `${formatPath([...parts, key])}: a bot may send only text, payload and image in a quick reply (reference §1.6); "${key}" is not allowed through the Bot Connector.`
                : `${formatPath([...parts, key])}: "${key}" is not a field Genesys knows here, and Genesys rejects unknown fields.`,
          });
        }
        break;
      case 'invalid_union': {
        const disc = (zi as { discriminator?: string; options?: unknown[] }).discriminator;
        const options = (zi as { options?: unknown[] }).options ?? [];
        if (disc) {
          const got = valueAt(input, local);
          out.push({
            severity: 'error',
            code: 'import.unknown_content_type',
            path,
            message: botReply
              ? `${path} is ${describe(got)}: a bot may send only ${BOT_REPLY_CONTENT_TYPES.join(', ')} through the Bot Connector (reference §1.2).`
              : `${path} is ${describe(got)}: expected one of ${options.map(String).join(', ')}.`,
          });
        } else {
          out.push({ severity: 'error', code: 'import.schema', path, message: `${where(path)} does not match any allowed shape.` });
        }
        break;
      }
      case 'invalid_type': {
        const got = valueAt(input, local);
        out.push(
          got === undefined
            ? { severity: 'error', code: 'import.missing_field', path, message: `${path} is required (${zi.expected}) but missing.` }
            : {
                severity: 'error',
                code: 'import.invalid_type',
                path,
                message: `${where(path)} must be ${zi.expected === 'object' ? 'an object' : zi.expected === 'array' ? 'an array' : `a ${zi.expected}`}, not ${describe(got)}.`,
              },
        );
        break;
      }
      case 'invalid_value': {
        const got = valueAt(input, local);
        const values = (zi as { values?: unknown[] }).values ?? [];
        out.push({
          severity: 'error',
          code: 'import.invalid_value',
          path,
          message: `${path} is ${describe(got)}; expected ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`}.`,
        });
        break;
      }
      default:
        out.push({ severity: 'error', code: 'import.schema', path, message: `${where(path)}: ${zi.message}.`.replace(/\.\.$/, '.') });
    }
  }
  return out;
}

// ---------------------------------------------------------------- tree recovery

class Ids {
  private n = 0;
  next(): string {
    this.n += 1;
    return `n${this.n}`;
  }
}

function without(obj: Json, keys: readonly string[]): Json {
  const out: Json = {};
  // '__proto__' (reported by the schema as an unknown field) would swap the prototype.
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k) && k !== '__proto__') out[k] = v;
  return out;
}

function node(ids: Ids, kind: string, props: Json, children: DesignNode[] = []): DesignNode {
  return { id: ids.next(), kind, props, children };
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function cardNode(ids: Ids, card: Json): DesignNode {
  const n = node(ids, 'card', without(card, ['actions']));
  n.children = arr(card.actions).filter(isObject).map((a) => node(ids, 'action', { ...a }));
  return n;
}

const PAYLOAD_KEY: Record<string, string> = {
  Card: 'card',
  Carousel: 'carousel',
  QuickReply: 'quickReply',
  QuickReplyV2: 'quickReplyV2',
  ListPicker: 'listPicker',
  DatePicker: 'datePicker',
  Attachment: 'attachment',
  ButtonResponse: 'buttonResponse',
  Notification: 'template',
};
const DESIGNABLE = new Set(['Card', 'Carousel', 'QuickReply', 'ListPicker', 'DatePicker', 'Attachment']);

type MessageImport = { root: DesignNode; issues: Issue[] };

/**
 * Builds the message node from a raw message object. `validate` = check each content item
 * against the message schema (off for bot replies, whose stricter reply schema is checked
 * by the caller). Items that cannot become nodes are reported and left out.
 */
function messageToRoot(raw: Json, ids: Ids, prefix: readonly PathPart[], validate: boolean): MessageImport {
  const issues: Issue[] = [];
  const root = node(ids, 'message', {});
  const rootProps: Json = {};
  if (typeof raw.text === 'string') rootProps.text = raw.text;
  root.props = rootProps;
  const content = raw.content;
  if (content !== undefined && !Array.isArray(content)) return { root, issues };
  const qrV2Titles: string[] = [];
  arr(content).forEach((item, i) => {
    const at = [...prefix, 'content', i];
    if (!isObject(item)) return; // reported by the envelope schema check
    const ct = item.contentType;
    if (validate && typeof ct === 'string' && (DESIGNABLE.has(ct) || ct === 'QuickReplyV2' || ct === 'ButtonResponse')) {
      const r = contentItemSchema.safeParse(item);
      if (!r.success) issues.push(...schemaIssues(r.error, item, at));
    }
    if (typeof ct !== 'string' || !Object.hasOwn(PAYLOAD_KEY, ct)) {
      issues.push({
        severity: 'error',
        code: 'import.unknown_content_type',
        path: formatPath([...at, 'contentType']),
        message: `${formatPath([...at, 'contentType'])} is ${describe(ct)}, which the designer cannot show or edit; this item is left out. Designable types: ${[...DESIGNABLE].join(', ')}.`,
      });
      return;
    }
    const payload = item[PAYLOAD_KEY[ct]!];
    if (ct === 'ButtonResponse') {
      // A ButtonResponse is the customer's click coming back (reference §1.10): it only ever
      // travels customer → Genesys → bot, so there is nothing to design or send.
      issues.push({
        severity: 'error',
        code: 'import.button_response',
        path: formatPath(at),
        message: `${formatPath(at)} is a ButtonResponse: what the customer's client sends when a button or quick reply is clicked, not content a bot sends. It is left out of the design.`,
      });
      return;
    }
    if (ct === 'Notification') {
      issues.push({
        severity: 'error',
        code: 'import.not_designable',
        path: formatPath(at),
        message: `${formatPath(at)} is a Notification (a messaging template), which the designer does not edit; it is left out.`,
      });
      return;
    }
    if (!isObject(payload)) return; // the item schema check reported the missing payload
    switch (ct) {
      case 'QuickReply':
        root.children.push(node(ids, 'quickReply', { ...payload }));
        break;
      case 'QuickReplyV2': {
        // QuickReplyV2 is export-only (no renderer, refused by the Bot Connector, §1.7). The
        // designable equivalent is one QuickReply per action, which every channel with quick
        // replies shows; the title becomes the message text when there is none. The user is
        // told, since exporting gives QuickReply items rather than the original V2 block.
        for (const a of arr(payload.actions)) if (isObject(a)) root.children.push(node(ids, 'quickReply', { ...a }));
        if (typeof payload.title === 'string' && payload.title !== '') qrV2Titles.push(payload.title);
        issues.push({
          severity: 'warning',
          code: 'import.quick_reply_v2_converted',
          path: formatPath(at),
          message: `${formatPath(at)} is a QuickReplyV2, which no Genesys renderer is known to show and the Bot Connector refuses; its actions were imported as ordinary quick replies${typeof payload.title === 'string' && payload.title ? ` and its title "${payload.title}" ${rootProps.text ? 'was dropped (the message already has text)' : 'became the message text'}` : ''}.`,
        });
        break;
      }
      case 'Card':
        root.children.push(cardNode(ids, payload));
        break;
      case 'Carousel': {
        const n = node(ids, 'carousel', without(payload, ['cards']));
        n.children = arr(payload.cards).filter(isObject).map((c) => cardNode(ids, c));
        root.children.push(n);
        break;
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
        root.children.push(n);
        break;
      }
      case 'DatePicker': {
        const n = node(ids, 'datePicker', without(payload, ['availableTimes']));
        n.children = arr(payload.availableTimes)
          .filter(isObject)
          .map((t) => node(ids, 'timeSlot', { ...t }));
        root.children.push(n);
        break;
      }
      case 'Attachment':
        root.children.push(node(ids, 'attachment', { ...payload }));
        break;
    }
  });
  if (rootProps.text === undefined && qrV2Titles.length > 0) rootProps.text = qrV2Titles[0];
  return { root, issues };
}

// ---------------------------------------------------------------- helpers

/** FNV-1a: a short stable id for an imported design, so imports are reproducible. */
function hashId(input: unknown): string {
  const s = JSON.stringify(input) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `imported-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

function channelFromPlatform(platform: unknown): ChannelId {
  if (typeof platform !== 'string') return 'webmessaging';
  const p = platform.toLowerCase();
  if ((CHANNEL_IDS as readonly string[]).includes(p)) return p as ChannelId;
  if (p === 'webmessaging' || p === 'messenger') return 'webmessaging';
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

/** "Imported message: Do you want to proceed?" — the first text a user would recognise. */
function nameFor(base: string, root: DesignNode): string {
  const first = (n: DesignNode): string | undefined => {
    for (const key of ['text', 'title']) {
      const v = n.props[key];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
    for (const c of n.children) {
      const f = first(c);
      if (f) return f;
    }
    return undefined;
  };
  const label = first(root);
  if (!label) return base;
  return `${base}: ${label.length > 40 ? `${label.slice(0, 39)}…` : label}`;
}

function newDesign(input: unknown, name: string, root: DesignNode, extra: Partial<Design> = {}): Design {
  return {
    formatVersion: FORMAT_VERSION,
    id: hashId(input),
    name,
    channel: 'webmessaging',
    variables: [],
    root,
    ...extra,
  };
}

function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (isObject(v)) {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortedJson(v[k]);
    return out;
  }
  return v;
}

/** The first path where two JSON values differ (key order ignored), or undefined. */
export function firstDifference(a: unknown, b: unknown, path: PathPart[] = []): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], [...path, k]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return JSON.stringify(sortedJson(a)) === JSON.stringify(sortedJson(b)) ? undefined : formatPath(path);
}

function notExact(path: string, detail = ''): Issue[] {
  return [
    {
      severity: 'info',
      code: 'import.not_exact',
      path,
      message: `Exporting this design will not reproduce the input exactly: ${detail || `it differs first at ${where(path)}`} (empty optional fields, unsupported items and the Text/Structured type rule are normalised).`,
    },
  ];
}

function fidelityIssue(original: unknown, design: Design, prefix: readonly PathPart[]): Issue[] {
  const d = firstDifference(original, compile(design));
  return d === undefined ? [] : notExact(formatPath([...prefix, ...(d === '' ? [] : [d])]));
}

/** A bot reply's designed message is exported through replyMessagesFor, so compare that. */
function replyFidelityIssue(original: unknown, design: Design, prefix: readonly PathPart[]): Issue[] {
  const { messages } = replyMessagesFor(compile(design));
  const at = formatPath(prefix);
  if (messages.length !== 1) return notExact(at, `${at} exports as ${messages.length} reply messages`);
  const d = firstDifference(original, messages[0]);
  return d === undefined ? [] : notExact(formatPath([...prefix, ...(d === '' ? [] : [d])]));
}

// ---------------------------------------------------------------- formats

function importMessage(input: Json): ImportResult {
  const issues: Issue[] = [];
  const envelopeOnly = { ...input, content: Array.isArray(input.content) ? [] : input.content };
  const r = genesysMessageSchema.safeParse(envelopeOnly);
  if (!r.success) issues.push(...schemaIssues(r.error, envelopeOnly, []));
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
  const ids = new Ids();
  const m = messageToRoot(input, ids, [], true);
  issues.push(...m.issues);
  const envelope = keepEnvelope(input);
  const design = newDesign(input, nameFor('Imported message', m.root), m.root, {
    channel: channelFromPlatform(isObject(input.channel) ? input.channel.platform : undefined),
    ...(envelope ? { envelope } : {}),
  });
  if (issues.length === 0) issues.push(...fidelityIssue(input, design, []));
  return { design, issues, format: 'message' };
}

const BOT_STATE_BY_LOWER: Record<string, BotReplyMeta['botState']> = {
  complete: 'Complete',
  moredata: 'MoreData',
  failed: 'Failed',
};

/** §5.6 OutgoingMessageRequest: a reply plus the session it is pushed into. */
const OUTGOING_ADDRESS_KEYS = ['botId', 'botVersion', 'botSessionId', 'languageCode'] as const;

function importBotReply(raw: Json, format: 'botconnector-v2' | 'botconnector-v1'): ImportResult {
  const issues: Issue[] = [];
  let input = raw;
  if (format === 'botconnector-v2' && 'botSessionId' in raw) {
    // A push through the outgoing messages API carries the same reply plus its session
    // address. The address belongs to one live session, so it is not part of a design.
    input = without(raw, OUTGOING_ADDRESS_KEYS);
    issues.push({
      severity: 'info',
      code: 'import.outgoing_request',
      path: '',
      message: `This is an outgoing message request (a push into bot session ${JSON.stringify(raw.botSessionId)}); its reply is imported, and ${OUTGOING_ADDRESS_KEYS.filter((k) => k in raw).join(', ')} are left out since they address one live session.`,
    });
  }
  const key = format === 'botconnector-v2' ? 'replyMessages' : 'replymessages';
  const messages = input[key];
  // Envelope first (with no messages, which are checked one by one below).
  const envelopeOnly = { ...input, [key]: Array.isArray(messages) ? [] : messages };
  if (format === 'botconnector-v2') {
    const r = botConnectorV2ReplySchema.safeParse(envelopeOnly);
    if (!r.success) issues.push(...schemaIssues(r.error, envelopeOnly, []));
  } else {
    const r = botConnectorV1ReplySchema.safeParse(envelopeOnly);
    if (!r.success) issues.push(...schemaIssues(r.error, envelopeOnly, []));
  }
  if (messages !== undefined && messages !== null && !Array.isArray(messages)) {
    return { design: null, issues, format };
  }
  const list = arr(messages);
  list.forEach((m, i) => {
    const r = replyMessageSchema.safeParse(m);
    if (!r.success) issues.push(...schemaIssues(r.error, m, [key, i], true));
  });

  const meta: Json = {};
  const rawState = input.botState;
  const state =
    typeof rawState === 'string' && Object.hasOwn(BOT_STATE_BY_LOWER, rawState.toLowerCase()) ? BOT_STATE_BY_LOWER[rawState.toLowerCase()] : undefined;
  if (state) {
    meta.botState = state;
    if (rawState !== state) {
      issues.push({
        severity: 'info',
        code: 'import.bot_state_normalised',
        path: 'botState',
        message: `botState "${String(rawState)}" was read as "${state}", the spelling Bot Connector v2 expects.`,
      });
    }
  } else {
    meta.botState = 'MoreData';
    // v2 reports this through its schema; v1's loose schema accepts any string.
    if (format === 'botconnector-v1' || rawState === undefined) {
      issues.push({
        severity: 'error',
        code: 'import.invalid_value',
        path: 'botState',
        message: `botState is ${describe(rawState)}; expected one of "Complete", "MoreData", "Failed". It was set to "MoreData".`,
      });
    }
  }
  for (const k of ['intent', 'confidence', 'parameters', 'entities', 'errorInfo'] as const) {
    if (input[k] === undefined) continue;
    // Values the schema rejects are reported above and not kept, so the design stays valid.
    if (botReplyMetaSchema.shape[k].safeParse(input[k]).success) meta[k] = input[k];
  }
  if (format === 'botconnector-v1' && input.slotValues !== undefined) {
    issues.push({
      severity: 'warning',
      code: 'import.slot_values_dropped',
      path: 'slotValues',
      message: 'slotValues (Bot Connector v1) has no equivalent the designer keeps; it is not part of the imported design and will not be exported.',
    });
  }

  let designedIndex = list.findIndex((m) => isObject(m) && m.type === 'Structured');
  if (designedIndex < 0) designedIndex = list.findIndex(isObject);
  const ids = new Ids();
  let root: DesignNode;
  if (designedIndex >= 0) {
    const m = messageToRoot(list[designedIndex] as Json, ids, [key, designedIndex], false);
    root = m.root;
    // The reply schema already reported items a bot may not send; keep the designer's notes
    // only where they add something (the QuickReplyV2 conversion) or nothing was reported.
    const reported = new Set(issues.map((i) => i.path));
    issues.push(
      ...m.issues.filter(
        (i) =>
          i.code === 'import.quick_reply_v2_converted' ||
          !(reported.has(i.path) || reported.has(`${i.path}.contentType`) || reported.has(i.path.replace(/\.contentType$/, ''))),
      ),
    );
    const before = list.slice(0, designedIndex);
    const after = list.slice(designedIndex + 1);
    if (before.length > 0) meta.before = before;
    if (after.length > 0) meta.after = after;
  } else {
    root = node(ids, 'message', {});
  }
  const design = newDesign(raw, nameFor('Imported bot reply', root), root, { botReply: meta as BotReplyMeta });
  if (issues.filter((i) => i.severity !== 'info').length === 0 && designedIndex >= 0) {
    issues.push(...replyFidelityIssue(list[designedIndex], design, [key, designedIndex]));
  }
  return { design, issues, format };
}

function importDesignFile(input: Json): ImportResult {
  const r = designSchema.safeParse(input);
  if (r.success) return { design: r.data, issues: [], format: 'design' };
  const issues = schemaIssues(r.error, input, []);
  // Recover whatever is sound so the editor can still open the file.
  const root = designNodeSchema.safeParse(input.root);
  if (!root.success) return { design: null, issues, format: 'design' };
  const channel = channelIdSchema.safeParse(input.channel);
  const variables = arr(input.variables).flatMap((v) => {
    const p = variableSchema.safeParse(v);
    return p.success ? [p.data] : [];
  });
  const envelope = envelopeSchema.safeParse(input.envelope);
  const botReply = botReplyMetaSchema.safeParse(input.botReply);
  const design: Design = {
    formatVersion: FORMAT_VERSION,
    id: typeof input.id === 'string' && input.id !== '' ? input.id : hashId(input),
    name: typeof input.name === 'string' ? input.name : 'Recovered design',
    channel: channel.success ? channel.data : 'webmessaging',
    variables,
    root: root.data,
    ...(input.envelope !== undefined && envelope.success ? { envelope: envelope.data } : {}),
    ...(input.botReply !== undefined && botReply.success ? { botReply: botReply.data } : {}),
  };
  return { design, issues, format: 'design' };
}

function looksLikeBotRequest(v: Json): boolean {
  return 'botSessionId' in v && 'inputMessage' in v;
}

export function importJson(input: unknown): ImportResult {
  try {
    if (!isObject(input)) {
      return {
        design: null,
        format: 'unknown',
        issues: [
          {
            severity: 'error',
            code: 'import.not_an_object',
            path: '',
            message: `Expected a JSON object (a Genesys message, a Bot Connector reply or a design file), got ${describe(input)}.`,
          },
        ],
      };
    }
    if (looksLikeBotRequest(input)) {
      return {
        design: null,
        format: 'unknown',
        issues: [
          {
            severity: 'error',
            code: 'import.bot_connector_request',
            path: '',
            message:
              'This is a Bot Connector request (botSessionId + inputMessage): this is what Genesys sends to a bot, not a message a bot sends. Import the bot\'s reply ({botState, replyMessages}) or a message ({type, text, content}) instead.',
          },
        ],
      };
    }
    if ('formatVersion' in input || ('root' in input && !('type' in input))) return importDesignFile(input);
    if ('replyMessages' in input) return importBotReply(input, 'botconnector-v2');
    if ('replymessages' in input) return importBotReply(input, 'botconnector-v1');
    if ('botState' in input) {
      // No messages at all: production v1 bots spell the state in capitals (MOREDATA).
      const s = input.botState;
      const v1 = 'slotValues' in input || (typeof s === 'string' && /^[A-Z]+$/.test(s));
      return importBotReply(input, v1 ? 'botconnector-v1' : 'botconnector-v2');
    }
    if ('type' in input || 'content' in input || 'text' in input) return importMessage(input);
    return {
      design: null,
      format: 'unknown',
      issues: [
        {
          severity: 'error',
          code: 'import.unknown_format',
          path: '',
          message:
            'Not recognised: expected a Genesys message ({type, text, content}), a Bot Connector reply ({botState, replyMessages}) or a design file ({formatVersion, root}).',
        },
      ],
    };
  } catch (e) {
    // importJson never throws; an internal failure is reported, not raised.
    return {
      design: null,
      format: 'unknown',
      issues: [{ severity: 'error', code: 'import.internal', path: '', message: `Import failed unexpectedly: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

// ---------------------------------------------------------------- text

/**
 * The offset of the first JSON syntax error, found by a small strict scanner: V8's
 * JSON.parse messages do not always carry a position ("Unexpected token '}', … is not
 * valid JSON"), and users need line and column.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (true) {
      if (i >= text.length) fail();
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c.charCodeAt(0) < 0x20) fail();
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === undefined) fail();
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
            i += k;
            fail();
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(e!)) i++;
        else fail();
      } else i++;
    }
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (true) {
        ws();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      while (true) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) return i;
    return -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

export function importText(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? text.length : offset;
    const { line, column } = lineColumn(text, at);
    const what = at >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[at])}`;
    return {
      design: null,
      format: 'unknown',
      issues: [
        {
          severity: 'error',
          code: 'import.invalid_json',
          path: '',
          message: `Not valid JSON: ${what} at line ${line}, column ${column}${e instanceof Error ? ` (${e.message})` : ''}.`,
        },
      ],
    };
  }
  return importJson(parsed);
}

