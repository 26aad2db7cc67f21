/**
 * validate(): every problem in a design, as Issues, never an exception. It runs on whatever
 * JSON arrives (the editor's state, an uploaded file, an API body), so it trusts nothing:
 * every value is type-checked before use, the tree is walked with an explicit stack and
 * cut off at MAX_DEPTH (a 10,000-deep file cannot blow the stack), and the number of
 * issues is capped.
 *
 * Paths follow issues.ts: the shape of the exported Genesys message
 * (`content[0].carousel.cards[2].actions[1].url`), `children[i]` for a node the grammar
 * forbids, and the design file's own names for design-level fields (`variables[2].name`).
 */
import type { z } from 'zod';
import { CHANNEL_IDS, CHANNELS, type ChannelCapabilities, type ChannelId } from '../model/channels.ts';
import {
  FORMAT_VERSION,
  GRAMMAR,
  KIND_LABELS,
  PROPS_SCHEMAS,
  VARIABLE_NAME_PATTERN,
  botReplyMetaSchema,
  envelopeSchema,
  isNodeKind,
  type NodeKind,
} from '../model/design.ts';
import type { Issue, Severity } from '../model/issues.ts';
import {
  BUTTON_TEXT_MAX,
  CARD_BUTTONS_MAX,
  CARD_BUTTONS_RECOMMENDED,
  CARD_DESCRIPTION_MAX,
  CARD_TITLE_MAX,
  CAROUSEL_MAX_CARDS,
  CAROUSEL_MIN_CARDS,
  CAROUSEL_RECOMMENDED_MIN_CARDS,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_CONTENT_ITEMS,
  MAX_DEPTH,
  PAYLOAD_MAX,
  QUICK_REPLIES_MAX,
  QUICK_REPLIES_RECOMMENDED,
  SMS_SEGMENT_MAX,
  TEXT_MAX,
  VALIDATE_MAX_ISSUES,
} from '../model/limits.ts';
import { childPathSegment, joinPath } from '../model/tree.ts';
import { charLength } from '../model/text.ts';
import { checkUrl } from './url.ts';
import { PLACEHOLDER_RE, bindText, placeholdersIn } from '../model/variables.ts';

export type ValidateOptions = {
  /** Check channel rules for this channel (else the design's own `channel`, if any). */
  channel?: ChannelId;
  /** Values given at send time; they override the design's samples. */
  variables?: Record<string, string>;
};

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  return `a ${typeof v}`;
}

function quote(s: string, max = 40): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}


class StopCollecting extends Error {}

class Collector {
  readonly issues: Issue[] = [];
  add(severity: Severity, code: string, message: string, path: string, nodeId?: string): void {
    if (this.issues.length >= VALIDATE_MAX_ISSUES) {
      this.issues.push({
        severity: 'info',
        code: 'validate.truncated',
        message: `Validation stopped after ${VALIDATE_MAX_ISSUES} issues (VALIDATE_MAX_ISSUES); fix these and validate again to see the rest.`,
        path: '',
      });
      throw new StopCollecting();
    }
    const issue: Issue = { severity, code, message, path };
    if (typeof nodeId === 'string') issue.nodeId = nodeId;
    this.issues.push(issue);
  }
}

/** Where a message names a location: "at content[0].card" or "on the message". */
function where(path: string): string {
  return path ? `at ${path}` : 'on the message';
}

function label(kind: string): string {
  return isNodeKind(kind) ? KIND_LABELS[kind] : quote(kind);
}

// ---- URL fields: [path inside props, label, required] ----
type UrlField = { at: string[]; label: string; required: boolean };
const URL_FIELDS: Partial<Record<NodeKind, UrlField[]>> = {
  action: [{ at: ['url'], label: 'Link URL', required: false }],
  card: [
    { at: ['image'], label: 'Card image URL', required: false },
    { at: ['video'], label: 'Card video URL', required: false },
    { at: ['defaultAction', 'url'], label: 'Card default action URL', required: true },
  ],
  quickReply: [{ at: ['image'], label: 'Quick reply image URL', required: false }],
  listPicker: [
    { at: ['receivedMessage', 'imageUrl'], label: 'List picker image URL', required: false },
    { at: ['replyMessage', 'imageUrl'], label: 'List picker reply image URL', required: false },
  ],
  listItem: [{ at: ['imageUrl'], label: 'List item image URL', required: false }],
  datePicker: [
    { at: ['imageUrl'], label: 'Date picker image URL', required: false },
    { at: ['location', 'url'], label: 'Date picker location URL', required: false },
  ],
  attachment: [{ at: ['url'], label: 'Attachment URL', required: true }],
};

function getIn(obj: unknown, at: readonly (string | number)[]): unknown {
  let v: unknown = obj;
  for (const k of at) {
    if (typeof k === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[k];
    } else {
      if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
      v = v[k];
    }
  }
  return v;
}

function propPath(base: string, at: readonly PropertyKey[]): string {
  let p = base;
  for (const k of at) p = typeof k === 'number' ? `${p}[${k}]` : joinPath(p, String(k));
  return p;
}

type Child = { value: unknown; kind: string | undefined; props: Json; id: string | undefined; path: string; allowed: boolean };

type Ctx = {
  out: Collector;
  channel: ChannelCapabilities | undefined;
  /** Values for binding (samples overridden by opts.variables). */
  values: Record<string, string>;
  /** Names a placeholder may use: declared variables plus names given in opts.variables. */
  known: Set<string>;
  used: Set<string>;
  ids: Map<string, string>;
};

export function validate(input: unknown, opts: ValidateOptions = {}): Issue[] {
  const out = new Collector();
  try {
    run(input, isObject(opts) ? opts : {}, out);
  } catch (e) {
    if (!(e instanceof StopCollecting)) {
      out.issues.push({
        severity: 'error',
        code: 'validate.internal',
        message: `Validation stopped early on an unexpected problem (${e instanceof Error ? e.message : String(e)}); the list of issues is incomplete.`,
        path: '',
      });
    }
  }
  return out.issues;
}

function run(input: unknown, opts: ValidateOptions, out: Collector): void {
  if (!isObject(input)) {
    out.add(
      'error',
      'design.not_object',
      `A design must be a JSON object with formatVersion, id, name and root; this is ${typeName(input)}.`,
      '',
    );
    return;
  }
  const design = input;

  // ---- Envelope ----
  if (design.formatVersion !== FORMAT_VERSION) {
    out.add(
      'error',
      'design.format_version',
      design.formatVersion === undefined
        ? `The design has no formatVersion; this designer reads formatVersion ${FORMAT_VERSION}.`
        : `The design's formatVersion is ${JSON.stringify(design.formatVersion)}; this designer reads formatVersion ${FORMAT_VERSION}.`,
      'formatVersion',
    );
  }
  if (typeof design.id !== 'string' || design.id === '') {
    out.add('error', 'design.id', `The design needs an id (non-empty text); found ${typeName(design.id)}.`, 'id');
  }
  if (typeof design.name !== 'string') {
    out.add('error', 'design.name', `The design name must be text; found ${typeName(design.name)}.`, 'name');
  }
  let channelId: ChannelId | undefined;
  if (design.channel !== undefined) {
    if (typeof design.channel === 'string' && (CHANNEL_IDS as readonly string[]).includes(design.channel)) {
      channelId = design.channel as ChannelId;
    } else {
      out.add(
        'error',
        'design.channel',
        `The design's channel ${JSON.stringify(design.channel)} is not one of ${CHANNEL_IDS.join(', ')}.`,
        'channel',
      );
    }
  }
  if (opts.channel !== undefined) {
    if ((CHANNEL_IDS as readonly string[]).includes(opts.channel)) channelId = opts.channel;
    else out.add('error', 'options.channel', `Channel ${JSON.stringify(opts.channel)} is not one of ${CHANNEL_IDS.join(', ')}.`, '');
  }
  for (const [key, schema] of [
    ['envelope', envelopeSchema],
    ['botReply', botReplyMetaSchema],
  ] as const) {
    if (design[key] === undefined) continue;
    const r = (schema as z.ZodType).safeParse(design[key]);
    if (!r.success) {
      for (const zi of r.error.issues.slice(0, 20)) {
        out.add('error', `design.${key}`, `The kept ${key} field is invalid: ${zi.message}.`, propPath(key, zi.path));
      }
    }
  }

  // ---- Variables ----
  const declared = new Map<string, string>();
  if (design.variables !== undefined && !Array.isArray(design.variables)) {
    out.add('error', 'design.variables', `variables must be a list of {name, sample}; found ${typeName(design.variables)}.`, 'variables');
  }
  const vars = Array.isArray(design.variables) ? design.variables : [];
  const seen = new Set<string>();
  vars.forEach((v, i) => {
    const path = `variables[${i}]`;
    if (!isObject(v)) {
      out.add('error', 'variable.not_object', `Variable ${i + 1} must be an object {name, sample}; found ${typeName(v)}.`, path);
      return;
    }
    if (typeof v.name !== 'string' || !VARIABLE_NAME_PATTERN.test(v.name)) {
      out.add(
        'error',
        'variable.name_invalid',
        `Variable name ${typeof v.name === 'string' ? quote(v.name) : `(${typeName(v.name)})`} is not valid: use letters, digits, _ and . only, not starting with a digit.`,
        `${path}.name`,
      );
    } else if (seen.has(v.name)) {
      out.add('error', 'variable.name_duplicate', `Variable ${quote(v.name)} is declared more than once; names must be unique.`, `${path}.name`);
    } else {
      seen.add(v.name);
      if (v.sample !== undefined && typeof v.sample !== 'string') {
        out.add('error', 'variable.sample_invalid', `The sample of variable ${quote(v.name)} must be text; found ${typeName(v.sample)}.`, `${path}.sample`);
      }
      declared.set(v.name, typeof v.sample === 'string' ? v.sample : '');
    }
    if (v.description !== undefined && typeof v.description !== 'string') {
      out.add('error', 'variable.description_invalid', `A variable description must be text; found ${typeName(v.description)}.`, `${path}.description`);
    }
  });
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of declared) values[k] = v;
  const known = new Set(declared.keys());
  if (isObject(opts.variables)) {
    for (const [k, v] of Object.entries(opts.variables)) {
      if (typeof v === 'string') {
        values[k] = v;
        known.add(k);
      }
    }
  }

  // ---- Tree ----
  if (!('root' in design) || design.root === undefined) {
    out.add('error', 'design.root_missing', 'The design has no root: it needs a root Message node.', 'root');
    return;
  }
  const ctx: Ctx = {
    out,
    channel: channelId ? CHANNELS[channelId] : undefined,
    values,
    known,
    used: new Set(),
    ids: new Map(),
  };
  walkTree(design.root, ctx);

  for (const [name] of declared) {
    if (!ctx.used.has(name)) {
      const i = vars.findIndex((v) => isObject(v) && v.name === name);
      out.add('info', 'variable.unused', `Variable ${quote(name)} is declared but no text, URL or payload uses it.`, `variables[${i}].name`);
    }
  }
}

type Frame = { node: unknown; path: string; depth: number; parentKind: string | undefined };

function walkTree(root: unknown, ctx: Ctx): void {
  const stack: Frame[] = [{ node: root, path: '', depth: 1, parentKind: undefined }];
  while (stack.length) {
    const frame = stack.pop()!;
    const children = checkNode(frame, ctx);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Check one node; returns the frames of the children to visit next. */
function checkNode({ node, path, depth, parentKind }: Frame, ctx: Ctx): Frame[] {
  const { out } = ctx;
  if (!isObject(node)) {
    out.add(
      'error',
      'node.not_object',
      `Expected a node {id, kind, props, children} ${where(path)}; found ${typeName(node)}.`,
      path,
    );
    return [];
  }
  const id = typeof node.id === 'string' && node.id !== '' ? node.id : undefined;
  if (!id) {
    out.add('error', 'node.id_missing', `The node ${where(path)} has no id (it needs non-empty text).`, path);
  } else if (ctx.ids.has(id)) {
    out.add('error', 'node.id_duplicate', `Node id ${quote(id)} ${where(path)} is already used ${where(ctx.ids.get(id)!)}; ids must be unique.`, path, id);
  } else {
    ctx.ids.set(id, path);
  }

  const kind = node.kind;
  if (typeof kind !== 'string' || !isNodeKind(kind)) {
    out.add(
      'error',
      'node.unknown_kind',
      `The node ${where(path)} has kind ${JSON.stringify(kind) ?? 'undefined'}, which is not one of ${Object.keys(KIND_LABELS).join(', ')}; it and its contents are not checked or exported.`,
      path,
      id,
    );
    return [];
  }
  if (parentKind === undefined) {
    if (kind !== 'message') {
      out.add('error', 'design.root_kind', `The root node must be a Message; it is a ${label(kind)}.`, path, id);
    }
  } else if (isNodeKind(parentKind) && !(GRAMMAR[parentKind] as readonly string[]).includes(kind)) {
    const allowed = GRAMMAR[parentKind].map((k) => KIND_LABELS[k]);
    out.add(
      'error',
      'tree.grammar',
      `A ${label(kind)} cannot go inside a ${label(parentKind)} (${path}); a ${label(parentKind)} holds ${allowed.length ? `only ${allowed.join(', ')}` : 'nothing'}. It is not exported.`,
      path,
      id,
    );
  }
  if (depth > MAX_DEPTH) {
    out.add(
      'error',
      'tree.too_deep',
      `The ${label(kind)} at ${path} is at depth ${depth}; a design may be at most MAX_DEPTH = ${MAX_DEPTH} levels deep (Message › Carousel › Card › Button). Its contents are not checked.`,
      path,
      id,
    );
  }

  let props: Json | undefined = {};
  if (node.props !== undefined) {
    if (isObject(node.props)) props = node.props;
    else {
      out.add('error', 'node.props_not_object', `The props of the ${label(kind)} ${where(path)} must be an object; found ${typeName(node.props)}.`, path, id);
      props = undefined;
    }
  }
  let rawChildren: unknown[] = [];
  if (node.children !== undefined) {
    if (Array.isArray(node.children)) rawChildren = node.children;
    else {
      out.add('error', 'node.children_not_array', `The children of the ${label(kind)} ${where(path)} must be a list; found ${typeName(node.children)}.`, path, id);
    }
  }

  // Children with their export paths (index among grammar-allowed siblings, as compile() emits them).
  const children: Child[] = [];
  let exportIndex = 0;
  rawChildren.forEach((value, i) => {
    const ck = isObject(value) && typeof value.kind === 'string' ? value.kind : undefined;
    const seg = childPathSegment(kind, ck ?? '', exportIndex, i);
    const allowed = !seg.startsWith('children[');
    if (allowed) exportIndex++;
    children.push({
      value,
      kind: ck,
      props: isObject(value) && isObject(value.props) ? value.props : {},
      id: isObject(value) && typeof value.id === 'string' ? value.id : undefined,
      path: joinPath(path, seg),
      allowed,
    });
  });

  if (props) {
    checkProps(kind, props, path, id, ctx);
    checkUrls(kind, props, path, id, ctx);
    scanVariables(props, path, id, ctx);
    checkKindRules(kind, props, children, path, id, ctx);
  }
  checkChannel(kind, props ?? {}, path, id, ctx);

  if (depth > MAX_DEPTH) return [];
  return children.map((c) => ({ node: c.value, path: c.path, depth: depth + 1, parentKind: kind }));
}

// ---- Props against PROPS_SCHEMAS ----

function checkProps(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: Ctx): void {
  const schema = PROPS_SCHEMAS[kind] as z.ZodType;
  const r = schema.safeParse(props);
  if (r.success) return;
  const name = KIND_LABELS[kind];
  for (const zi of r.error.issues) {
    if (zi.code === 'unrecognized_keys') {
      for (const key of (zi as { keys: string[] }).keys) {
        const p = propPath(path, [...zi.path, key]);
        ctx.out.add('error', 'props.unknown_field', `${name} has a field ${quote(key)} (${p}) that Genesys does not define for it; remove it.`, p, id);
      }
      continue;
    }
    const p = propPath(path, zi.path);
    const field = zi.path.length ? zi.path.map(String).join('.') : 'props';
    const value = getIn(props, zi.path as (string | number)[]);
    if (value === undefined) {
      ctx.out.add('error', 'props.missing', `${name} needs "${field}" (${p}).`, p, id);
    } else if (zi.code === 'invalid_value') {
      const allowed = (zi as { values: unknown[] }).values.map((v) => JSON.stringify(v)).join(', ');
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) must be one of ${allowed}; it is ${JSON.stringify(value)?.slice(0, 40)}.`, p, id);
    } else if (zi.code === 'invalid_type') {
      const expected = String((zi as { expected: unknown }).expected);
      const what = expected === 'int' ? 'a whole number' : expected === 'string' ? 'text' : `${expected === 'object' ? 'an' : 'a'} ${expected}`;
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) must be ${what}; it is ${typeName(value)}.`, p, id);
    } else {
      ctx.out.add('error', 'props.invalid', `${name} field "${field}" (${p}) is invalid: ${zi.message}.`, p, id);
    }
  }
}

// ---- URLs ----

function checkUrls(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: Ctx): void {
  for (const field of URL_FIELDS[kind] ?? []) {
    const raw = getIn(props, field.at);
    if (typeof raw !== 'string') continue; // absent, or reported by checkProps
    const p = propPath(path, field.at);
    if (raw === '') {
      // compile() treats '' as "not set" for optional fields.
      if (field.required) ctx.out.add('error', 'url.empty', `${field.label} (${p}) is empty; enter an https:// address.`, p, id);
      continue;
    }
    checkOneUrl(raw, field.label, p, id, ctx);
  }
}

function checkOneUrl(raw: string, fieldLabel: string, p: string, id: string | undefined, ctx: Ctx): void {
  // Bind with the values that are not empty: an empty sample is "no value yet".
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.values)) if (v !== '') values[k] = v;
  const bound = bindText(raw, values);
  const unbound = placeholdersIn(bound);
  const declaredButEmpty = unbound.filter((n) => ctx.known.has(n));
  if (declaredButEmpty.length) {
    ctx.out.add(
      'warning',
      'url.unbound_variable',
      `${fieldLabel} (${p}) uses ${declaredButEmpty.map((n) => `{{${n}}}`).join(', ')}, which has no sample value, so the address can only be checked when it is sent.`,
      p,
      id,
    );
  }
  if (bound.replace(PLACEHOLDER_RE, '').trim() === '' && unbound.length) return;
  const toCheck = unbound.length ? bound.replace(PLACEHOLDER_RE, 'x') : bound;
  const r = checkUrl(toCheck, fieldLabel);
  const after = bound !== raw ? ` (with variables filled in: ${quote(bound, 80)})` : '';
  if (!r.ok) ctx.out.add('error', r.code, `${r.message}${after} [${p}]`, p, id);
  else if (r.warning) ctx.out.add('warning', r.warning.code, `${r.warning.message} [${p}]`, p, id);
}

// ---- Variables used in any string ----

function scanVariables(props: Json, path: string, id: string | undefined, ctx: Ctx): void {
  const stack: Array<{ v: unknown; at: PropertyKey[] }> = [{ v: props, at: [] }];
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const { v, at } = stack.pop()!;
    if (typeof v === 'string') {
      for (const name of placeholdersIn(v)) {
        ctx.used.add(name);
        if (!ctx.known.has(name)) {
          const p = propPath(path, at);
          ctx.out.add(
            'warning',
            'variable.unknown',
            `{{${name}}} (${p}) is not a declared variable, so it has no sample and stays as typed unless a value is given at send time; declare it under Variables.`,
            p,
            id,
          );
        }
      }
    } else if (at.length < 8) {
      if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, at: [...at, i] }));
      else if (isObject(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, at: [...at, k] });
    }
  }
}

// ---- Per-kind rules ----

function boundString(v: unknown, ctx: Ctx): string | undefined {
  return typeof v === 'string' ? bindText(v, ctx.values) : undefined;
}

function checkLength(
  value: unknown,
  max: number,
  constName: string,
  what: string,
  code: string,
  p: string,
  id: string | undefined,
  ctx: Ctx,
  severity: Severity = 'warning',
): void {
  const s = boundString(value, ctx);
  if (s === undefined) return;
  const n = charLength(s);
  if (n > max) {
    ctx.out.add(severity, code, `${what} (${p}) is ${n} characters; the limit is ${max} (${constName}).`, p, id);
  }
}

function checkKindRules(kind: NodeKind, props: Json, children: Child[], path: string, id: string | undefined, ctx: Ctx): void {
  const { out } = ctx;
  const allowed = children.filter((c) => c.allowed);
  switch (kind) {
    case 'message': {
      const textPath = joinPath(path, 'text');
      const text = boundString(props.text, ctx);
      if (text !== undefined) {
        const ch = ctx.channel;
        const n = charLength(text);
        const max = ch?.textMax ?? TEXT_MAX;
        if (n > max) {
          out.add(
            'error',
            'text.too_long',
            `The message text is ${n} characters; ${ch ? ch.label : 'Genesys'} accepts at most ${max} (${ch?.id === 'sms' ? 'SMS_TEXT_MAX' : ch && max !== TEXT_MAX ? `${ch.label} text limit` : 'TEXT_MAX'}).`,
            textPath,
            id,
          );
        } else if (ch?.id === 'sms' && n > SMS_SEGMENT_MAX) {
          out.add(
            'warning',
            'text.sms_segments',
            `The message text is ${n} characters; SMS sends more than ${SMS_SEGMENT_MAX} (SMS_SEGMENT_MAX) as several segments, which may arrive split or cost more.`,
            textPath,
            id,
          );
        }
      }
      if (allowed.length === 0 && (text === undefined || text.trim() === '')) {
        out.add('warning', 'message.empty', 'The message has no text and no content; the customer would receive nothing.', path, id);
      }
      if (allowed.length > MAX_CONTENT_ITEMS) {
        out.add(
          'error',
          'message.too_many_items',
          `The message has ${allowed.length} content items; a message holds at most ${MAX_CONTENT_ITEMS} (MAX_CONTENT_ITEMS).`,
          joinPath(path, 'content'),
          id,
        );
      }
      const quickReplies = allowed.filter((c) => c.kind === 'quickReply');
      if (quickReplies.length > QUICK_REPLIES_MAX) {
        const c = quickReplies[QUICK_REPLIES_MAX]!;
        out.add(
          'error',
          'quickReply.too_many',
          `The message has ${quickReplies.length} quick replies; at most ${QUICK_REPLIES_MAX} are allowed (QUICK_REPLIES_MAX).`,
          c.path,
          c.id,
        );
      } else if (quickReplies.length > QUICK_REPLIES_RECOMMENDED) {
        const c = quickReplies[QUICK_REPLIES_RECOMMENDED]!;
        out.add(
          'warning',
          'quickReply.over_recommended',
          `The message has ${quickReplies.length} quick replies; Genesys recommends at most ${QUICK_REPLIES_RECOMMENDED} (QUICK_REPLIES_RECOMMENDED).`,
          c.path,
          c.id,
        );
      }
      const wa = ctx.channel?.quickRepliesAsButtonsMax;
      if (wa !== undefined && quickReplies.length > wa && ctx.channel) {
        out.add(
          'info',
          'channel.quick_replies_as_list',
          `${ctx.channel.label} shows more than ${wa} quick replies as a list instead of buttons; this message has ${quickReplies.length}.`,
          quickReplies[wa]!.path,
          quickReplies[wa]!.id,
        );
      }
      const attachments = allowed.filter((c) => c.kind === 'attachment');
      attachments.slice(MAX_ATTACHMENTS_PER_MESSAGE).forEach((c) =>
        out.add('error', 'attachment.more_than_one', `A message may carry only ${MAX_ATTACHMENTS_PER_MESSAGE} Attachment (MAX_ATTACHMENTS_PER_MESSAGE, reference §1.11); this is attachment ${attachments.indexOf(c) + 1}.`, c.path, c.id),
      );
      if (attachments.length && allowed.length > attachments.length) {
        const c = attachments[0]!;
        out.add(
          'error',
          'attachment.not_alone',
          `A message with an Attachment may hold no other content item (MAX_ATTACHMENTS_PER_MESSAGE: "If contentType = Attachment only one item is allowed", reference §1.2); move the other ${allowed.length - attachments.length} item(s) to another message.`,
          c.path,
          c.id,
        );
      }
      break;
    }
    case 'carousel': {
      const cards = allowed.filter((c) => c.kind === 'card');
      if (cards.length > CAROUSEL_MAX_CARDS) {
        out.add(
          'error',
          'carousel.too_many_cards',
          `This carousel has ${cards.length} cards; a carousel holds at most ${CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS).`,
          path,
          id,
        );
      } else if (cards.length < CAROUSEL_MIN_CARDS) {
        out.add(
          'error',
          'carousel.too_few_cards',
          `This carousel has no cards; a carousel needs at least ${CAROUSEL_MIN_CARDS} (CAROUSEL_MIN_CARDS).`,
          path,
          id,
        );
      } else if (cards.length < CAROUSEL_RECOMMENDED_MIN_CARDS) {
        out.add(
          'warning',
          'carousel.few_cards',
          `This carousel has ${cards.length} card; with fewer than ${CAROUSEL_RECOMMENDED_MIN_CARDS} (CAROUSEL_RECOMMENDED_MIN_CARDS) a single Card is clearer.`,
          path,
          id,
        );
      }
      // CAROUSEL_UNIQUE_PAYLOAD: payload unique across all Postbacks of the carousel.
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
          out.add(
            'error',
            'carousel.duplicate_payload',
            `Payload ${quote(payload)} is used by two Postback buttons of this carousel (${first.path} and ${ap}); payloads must be unique across a carousel (CAROUSEL_UNIQUE_PAYLOAD) or the bot cannot tell the buttons apart.`,
            joinPath(ap, 'payload'),
            typeof a.id === 'string' ? a.id : undefined,
          );
        });
      });
      break;
    }
    case 'card': {
      const actions = allowed.filter((c) => c.kind === 'action');
      const ch = ctx.channel;
      if (ch && actions.length > ch.cardButtonsMax) {
        out.add(
          ch.cardButtonsOverSeverity,
          'card.too_many_buttons',
          `This card has ${actions.length} buttons; ${ch.label} allows at most ${ch.cardButtonsMax} (CARD_BUTTONS_MAX${ch.cardButtonsMax !== CARD_BUTTONS_MAX ? ` for ${ch.label}` : ''}).`,
          path,
          id,
        );
      } else if (actions.length > CARD_BUTTONS_RECOMMENDED) {
        out.add(
          'warning',
          'card.buttons_over_recommended',
          `This card has ${actions.length} buttons; Genesys recommends at most ${CARD_BUTTONS_RECOMMENDED} per card (CARD_BUTTONS_RECOMMENDED).`,
          path,
          id,
        );
      }
      const seen = new Map<string, string>();
      for (const a of actions) {
        if (typeof a.props.payload !== 'string' || typeof a.props.text !== 'string') continue;
        const key = `${bindText(a.props.text, ctx.values)}\u0000${bindText(a.props.payload, ctx.values)}`;
        const first = seen.get(key);
        if (first) {
          out.add(
            'error',
            'card.duplicate_button',
            `Two buttons of this card have the same text ${quote(a.props.text)} and payload ${quote(a.props.payload)} (${first} and ${a.path}); Genesys needs text+payload unique within a card.`,
            a.path,
            a.id,
          );
        } else seen.set(key, a.path);
      }
      if (typeof props.title === 'string') {
        const titlePath = joinPath(path, 'title');
        if (props.title.trim() === '') {
          out.add('warning', 'card.empty_title', `The card title (${titlePath}) is empty; Genesys requires a title and the card looks broken without one.`, titlePath, id);
        }
        checkLength(props.title, CARD_TITLE_MAX, 'CARD_TITLE_MAX', 'The card title', 'card.title_too_long', titlePath, id, ctx);
      }
      checkLength(props.description, CARD_DESCRIPTION_MAX, 'CARD_DESCRIPTION_MAX', 'The card description', 'card.description_too_long', joinPath(path, 'description'), id, ctx);
      break;
    }
    case 'action': {
      if (props.type === 'Postback' && (typeof props.payload !== 'string' || props.payload === '')) {
        out.add('error', 'action.payload_missing', `A Postback button needs a payload (${joinPath(path, 'payload')}): it is what the bot receives when the button is clicked.`, joinPath(path, 'payload'), id);
      }
      if (props.type === 'Link' && (typeof props.url !== 'string' || props.url === '')) {
        out.add('error', 'action.url_missing', `A Link button needs a url (${joinPath(path, 'url')}): it is the page the button opens.`, joinPath(path, 'url'), id);
      }
      if (typeof props.text === 'string' && props.text.trim() === '') {
        out.add('warning', 'action.empty_text', `The button label (${joinPath(path, 'text')}) is empty; customers see a blank button.`, joinPath(path, 'text'), id);
      }
      checkLength(props.text, BUTTON_TEXT_MAX, 'BUTTON_TEXT_MAX', 'The button text', 'action.text_too_long', joinPath(path, 'text'), id, ctx);
      checkLength(props.payload, PAYLOAD_MAX, 'PAYLOAD_MAX', 'The button payload', 'action.payload_too_long', joinPath(path, 'payload'), id, ctx);
      break;
    }
    case 'quickReply': {
      if (typeof props.payload === 'string' && props.payload === '') {
        out.add('error', 'quickReply.payload_missing', `A quick reply needs a payload (${joinPath(path, 'payload')}): it is what the bot receives when it is tapped.`, joinPath(path, 'payload'), id);
      }
      if (typeof props.text === 'string' && props.text.trim() === '') {
        out.add('warning', 'quickReply.empty_text', `The quick reply label (${joinPath(path, 'text')}) is empty.`, joinPath(path, 'text'), id);
      }
      checkLength(props.text, BUTTON_TEXT_MAX, 'BUTTON_TEXT_MAX', 'The quick reply text', 'quickReply.text_too_long', joinPath(path, 'text'), id, ctx);
      checkLength(props.payload, PAYLOAD_MAX, 'PAYLOAD_MAX', 'The quick reply payload', 'quickReply.payload_too_long', joinPath(path, 'payload'), id, ctx);
      break;
    }
    case 'listPicker':
      out.add('info', 'export.list_picker', 'This list picker is export only: not allowed through the Bot Connector (reference §1.8), so a bot cannot send it.', path, id);
      if (allowed.length === 0) out.add('warning', 'listPicker.no_sections', 'This list picker has no sections, so there is nothing to choose.', path, id);
      break;
    case 'listSection':
      if (allowed.length === 0) out.add('warning', 'listSection.no_items', 'This list section has no items.', path, id);
      break;
    case 'datePicker': {
      out.add('info', 'export.date_picker', 'This date picker is export only: not allowed through the Bot Connector (reference §1.9), so a bot cannot send it.', path, id);
      const min = checkDate(props.dateMinimum, 'dateMinimum', path, id, ctx, 'datePicker.invalid_date');
      const max = checkDate(props.dateMaximum, 'dateMaximum', path, id, ctx, 'datePicker.invalid_date');
      if (min !== undefined && max !== undefined && min > max) {
        out.add('warning', 'datePicker.range', `dateMinimum is after dateMaximum (${path || 'message'}), so no date can be picked.`, joinPath(path, 'dateMinimum'), id);
      }
      break;
    }
    case 'timeSlot':
      checkDate(props.dateTime, 'dateTime', path, id, ctx, 'timeSlot.invalid_date');
      if (typeof props.duration === 'number' && props.duration <= 0) {
        out.add('warning', 'timeSlot.duration', `The time slot duration (${joinPath(path, 'duration')}) is ${props.duration} seconds; it must be positive.`, joinPath(path, 'duration'), id);
      }
      break;
    default:
      break;
  }
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function checkDate(v: unknown, field: string, path: string, id: string | undefined, ctx: Ctx, code: string): number | undefined {
  if (typeof v !== 'string' || v === '' || placeholdersIn(v).length) return undefined;
  const t = Date.parse(v);
  if (!ISO_RE.test(v) || Number.isNaN(t)) {
    const p = joinPath(path, field);
    ctx.out.add('warning', code, `${field} (${p}) is ${quote(v)}, which is not an ISO-8601 date-time such as 2030-05-30T12:00:00Z.`, p, id);
    return undefined;
  }
  return t;
}

// ---- Channel rules (reference §3, channels.ts) ----

function checkChannel(kind: NodeKind, props: Json, path: string, id: string | undefined, ctx: Ctx): void {
  const ch = ctx.channel;
  if (!ch) return;
  const { out } = ctx;
  const contentKinds: readonly string[] = GRAMMAR.message;
  if (!ch.rich && contentKinds.includes(kind)) {
    out.add('info', 'channel.text_fallback', `${ch.label} shows no rich content: for this ${KIND_LABELS[kind]} the customer gets the plain-text fallback.`, path, id);
  }
  if (kind === 'carousel' && ch.carousels !== 'yes') {
    const severity: Severity = ch.carousels === 'no' ? ch.carouselUnsupportedSeverity : 'warning';
    out.add(
      severity,
      'channel.carousel_unsupported',
      ch.carousels === 'no'
        ? `${ch.label} does not support carousels (CHANNELS_WITHOUT_CAROUSEL); use a single Card or quick replies.`
        : `Carousel support on ${ch.label} is not confirmed (listed ${ch.carousels === 'partial' ? 'only in some Genesys documents' : 'nowhere'}); test before relying on it.`,
      path,
      id,
    );
  }
  if (ch.rich && (kind === 'card' || kind === 'quickReply')) {
    const support = kind === 'card' ? ch.cards : ch.quickReplies;
    if (support === 'partial' || support === 'unknown') {
      out.add('info', 'channel.support_unconfirmed', `${KIND_LABELS[kind]} support on ${ch.label} is not confirmed by Genesys documentation; test before relying on it.`, path, id);
    }
  }
  if (kind === 'action' && props.type === 'Link' && ch.rich && ch.linkButtons === 'no') {
    out.add(
      'error',
      'channel.link_buttons',
      `${ch.label} has no URL buttons (WHATSAPP_ALLOW_LINK_BUTTONS = false); make this a Postback button or put the link in the text.`,
      path,
      id,
    );
  }
  if (kind === 'card' && props.defaultAction !== undefined && ch.defaultActionIgnored) {
    out.add('info', 'channel.default_action_ignored', `${ch.label} ignores a card's default action (tap on the card); only its buttons work there.`, joinPath(path, 'defaultAction'), id);
  }
}
