/**
 * One declaration per node kind: what it is called, what it may hold, what its props are,
 * where it goes in the Genesys message, and every field a person edits. Everything else
 * about kinds is derived from KINDS: the grammar and labels (below), the props schemas
 * validate checks, the text and URL fields sanitize and the rules walk, the key order
 * compile writes, import's content types, and the editor's property forms (forms.ts).
 *
 * A kind's props are its Genesys payload minus the array its children compile into, so the
 * wire schemas in message.ts stay the single source of truth for shapes, and a field's
 * `path` inside the props is also its path inside the payload.
 */
import { z } from 'zod';
import * as LIMITS from './limits.ts';
import {
  DATE_DISPLAY_FORMATS,
  MEDIA_TYPES,
  attachmentSchema,
  availableTimeSchema,
  cardActionFieldsSchema,
  cardSchema,
  datePickerSchema,
  listItemSchema,
  listPickerSchema,
  listSectionSchema,
  quickReplySchema,
  type ContentType,
} from './message.ts';

export const NODE_KINDS = [
  'message',
  'quickReply',
  'card',
  'action',
  'carousel',
  'listPicker',
  'listSection',
  'listItem',
  'datePicker',
  'timeSlot',
  'attachment',
] as const;
export const nodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof nodeKindSchema>;

/** Names of the numeric constants in limits.ts, the names error messages and counters quote. */
export type LimitName = { [K in keyof typeof LIMITS]: (typeof LIMITS)[K] extends number ? K : never }[keyof typeof LIMITS];
export type FieldLimit = { name: LimitName; max: number };

/**
 * What a field holds, which decides how it is checked:
 * - text: words a customer reads or a bot receives; sanitize strips markup from it.
 * - url: checked by checkUrl (rules/url.ts), kept exactly or rejected, never rewritten.
 * - code: a machine value (ids, MIME types, hashes): neither sanitized nor URL-checked.
 * - date: an ISO-8601 date-time. - choice: one of `options`. - flag, number: as named.
 */
export type FieldKind = 'text' | 'url' | 'code' | 'date' | 'choice' | 'flag' | 'number';

/** The form control a field is edited with. */
export type FormInput = 'text' | 'textarea' | 'url' | 'select' | 'radio' | 'checkbox' | 'number';

export type FieldSpec = {
  /** Path inside the props, and so inside the Genesys payload (`defaultAction.url`). */
  path: string;
  /** The path's keys (`['defaultAction', 'url']`). */
  at: readonly string[];
  /** The form's label; shown inside the kind's form, so it may leave the kind unsaid. */
  label: string;
  /** How issues name the field ("Card image URL"): the label with the kind in front, unless given. */
  title: string;
  kind: FieldKind;
  input: FormInput;
  /** Needed whenever the field applies: the form keeps '' instead of removing the prop. */
  required: boolean;
  /** An empty value is reported instead of meaning "not set" (a URL its object cannot do without). */
  emptyIsError: boolean;
  /** Character limit (counted as charLength counts, variables bound) and its constant. */
  limit?: FieldLimit;
  /** Whether the form offers to insert `{{variables}}`. */
  variables: boolean;
  options?: readonly string[];
  /** The field applies only while another field has (or has not) this value. */
  shownWhen?: { path: string; equals?: string; notEquals?: string };
  hint?: string;
  /** Shown in the properties form; other fields come from imports and are kept and checked. */
  form: boolean;
};

type FieldInit = Pick<FieldSpec, 'path' | 'label' | 'kind'> &
  Partial<Omit<FieldSpec, 'path' | 'at' | 'label' | 'kind' | 'limit'>> & { limit?: LimitName };

export type KindSpec<S extends z.ZodType = z.ZodType> = {
  label: string;
  /** Kinds it may hold and the Genesys array they compile into. */
  children?: { kinds: readonly NodeKind[]; field: string };
  props: S;
  /** Props a freshly added node starts with (the palette uses these). */
  defaults: z.infer<S>;
  /** A content item of the message: its contentType; the payload key is the kind's name. */
  contentType?: ContentType;
  /**
   * The payload's keys in the order compile writes them (the SDK models' order), the
   * children's array included; `required` keys always appear, with this value when unset;
   * `asTyped` keys appear whenever set, even empty.
   */
  wire: { keys: readonly string[]; required?: Readonly<Record<string, unknown>>; asTyped?: readonly string[] };
  fields: readonly FieldSpec[];
};

const INPUT_OF: Record<FieldKind, FormInput> = {
  text: 'text', url: 'url', code: 'text', date: 'text', choice: 'select', flag: 'checkbox', number: 'number',
};

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function kind<S extends z.ZodType>(spec: Omit<KindSpec<S>, 'fields'> & { fields: readonly FieldInit[] }): KindSpec<S> {
  const own = spec.label.toLowerCase();
  const fields = spec.fields.map(({ limit, ...f }): FieldSpec => ({
    title: f.label.toLowerCase().startsWith(own) ? f.label : `${spec.label} ${lowerFirst(f.label)}`,
    input: INPUT_OF[f.kind],
    required: false,
    emptyIsError: false,
    variables: false,
    form: true,
    at: f.path.split('.'),
    ...f,
    ...(limit ? { limit: { name: limit, max: LIMITS[limit] as number } } : {}),
  }));
  return { ...spec, fields };
}

const isLink = { path: 'type', equals: 'Link' };
const isPostback = { path: 'type', notEquals: 'Link' };

export const KINDS = {
  message: kind({
    label: 'Message',
    children: { kinds: ['quickReply', 'card', 'carousel', 'listPicker', 'datePicker', 'attachment'], field: 'content' },
    props: z.strictObject({ text: z.string().optional() }),
    defaults: { text: '' },
    wire: { keys: ['text', 'content'] },
    fields: [{ path: 'text', label: 'Message text', kind: 'text', input: 'textarea', limit: 'TEXT_MAX', variables: true }],
  }),
  quickReply: kind({
    label: 'Quick reply',
    props: quickReplySchema,
    defaults: { text: 'Option', payload: 'option' },
    contentType: 'QuickReply',
    wire: { keys: ['text', 'payload', 'image', 'action', 'summaryText'], required: { text: '', payload: '' } },
    fields: [
      { path: 'text', label: 'Label', kind: 'text', required: true, limit: 'BUTTON_TEXT_MAX', variables: true },
      { path: 'payload', label: 'Payload', kind: 'text', required: true, limit: 'PAYLOAD_MAX', variables: true },
      { path: 'image', label: 'Image URL', kind: 'url' },
      { path: 'summaryText', label: 'Summary text', kind: 'text', form: false },
      { path: 'action', label: 'Action', kind: 'choice', options: ['Message'], form: false },
    ],
  }),
  card: kind({
    label: 'Card',
    children: { kinds: ['action'], field: 'actions' },
    props: cardSchema.omit({ actions: true }),
    defaults: { title: 'Card title', description: '' },
    contentType: 'Card',
    wire: {
      keys: ['title', 'description', 'image', 'video', 'defaultAction', 'actions'],
      // The mobile transport's Card.description has no default, so a card without one may fail to parse.
      required: { title: '', ...(LIMITS.CARD_ALWAYS_EMIT_DESCRIPTION ? { description: '' } : {}) },
    },
    fields: [
      { path: 'title', label: 'Title', kind: 'text', required: true, limit: 'CARD_TITLE_MAX', variables: true },
      { path: 'description', label: 'Description', kind: 'text', input: 'textarea', required: true, limit: 'CARD_DESCRIPTION_MAX', variables: true },
      { path: 'image', label: 'Image URL', kind: 'url', variables: true },
      { path: 'video', label: 'Video URL', kind: 'url', variables: true },
      {
        path: 'defaultAction.url', label: 'Tap on card opens (URL)', title: 'Card default action URL', kind: 'url',
        emptyIsError: true, variables: true, hint: 'Sent with the card title as its text (the mobile Messenger needs one). Ignored on WhatsApp, LINE and Twitter.',
      },
      { path: 'defaultAction.text', label: 'Default action text', kind: 'text', form: false },
      { path: 'defaultAction.type', label: 'Default action type', kind: 'choice', options: ['Link'], form: false },
    ],
  }),
  action: kind({
    label: 'Button',
    props: cardActionFieldsSchema,
    defaults: { type: 'Postback', text: 'Button', payload: 'button' },
    // An empty payload or url is still a value the user typed: dropping it would turn
    // "empty payload" (a validate finding) into "missing payload" (a schema error).
    wire: { keys: ['type', 'text', 'payload', 'url'], required: { type: 'Postback', text: '' }, asTyped: ['payload', 'url'] },
    fields: [
      { path: 'type', label: 'Action type', kind: 'choice', input: 'radio', required: true, options: ['Postback', 'Link'] },
      { path: 'text', label: 'Button label', kind: 'text', required: true, limit: 'BUTTON_TEXT_MAX', variables: true },
      { path: 'payload', label: 'Payload', kind: 'text', required: true, limit: 'PAYLOAD_MAX', variables: true, shownWhen: isPostback },
      { path: 'url', label: 'Link URL', title: 'Link URL', kind: 'url', required: true, variables: true, shownWhen: isLink },
    ],
  }),
  carousel: kind({
    label: 'Carousel',
    children: { kinds: ['card'], field: 'cards' },
    props: z.strictObject({}),
    defaults: {},
    contentType: 'Carousel',
    wire: { keys: ['cards'] },
    fields: [],
  }),
  listPicker: kind({
    label: 'List picker',
    children: { kinds: ['listSection'], field: 'sections' },
    props: listPickerSchema.omit({ sections: true }),
    defaults: { receivedMessage: { title: 'Choose an option' }, replyMessage: { title: 'Thanks' } },
    contentType: 'ListPicker',
    // Both messages are required by the Guest API, so they are kept even when empty.
    wire: { keys: ['id', 'sections', 'replyMessage', 'receivedMessage'], required: { replyMessage: {}, receivedMessage: {} } },
    fields: [
      { path: 'id', label: 'List picker id', kind: 'code' },
      { path: 'receivedMessage.header', label: 'Prompt header', kind: 'text', variables: true },
      { path: 'receivedMessage.title', label: 'Prompt title', kind: 'text', variables: true },
      { path: 'receivedMessage.subtitle', label: 'Prompt subtitle', kind: 'text', variables: true },
      { path: 'receivedMessage.buttonLabel', label: 'Open button label', kind: 'text', limit: 'BUTTON_TEXT_MAX' },
      { path: 'receivedMessage.imageUrl', label: 'Prompt image URL', kind: 'url' },
      { path: 'replyMessage.title', label: 'Reply title (after the choice)', kind: 'text', variables: true },
      { path: 'replyMessage.subtitle', label: 'Reply subtitle', kind: 'text', variables: true },
      { path: 'replyMessage.header', label: 'Reply header', kind: 'text', form: false },
      { path: 'replyMessage.buttonLabel', label: 'Reply button label', kind: 'text', form: false },
      { path: 'replyMessage.imageUrl', label: 'Reply image URL', kind: 'url', form: false },
    ],
  }),
  listSection: kind({
    label: 'List section',
    children: { kinds: ['listItem'], field: 'items' },
    props: listSectionSchema.omit({ items: true }),
    defaults: { title: 'Section', multipleSelection: false },
    wire: { keys: ['title', 'multipleSelection', 'items'], required: { title: '', multipleSelection: false } },
    fields: [
      { path: 'title', label: 'Section title', title: 'List section title', kind: 'text', required: true, variables: true },
      { path: 'multipleSelection', label: 'Allow several choices', kind: 'flag', required: true },
    ],
  }),
  listItem: kind({
    label: 'List item',
    props: listItemSchema,
    defaults: { id: 'item', title: 'Item' },
    wire: { keys: ['id', 'title', 'subtitle', 'imageUrl'], required: { id: '', title: '' } },
    fields: [
      { path: 'id', label: 'Item id (returned on choice)', title: 'List item id', kind: 'code', required: true },
      { path: 'title', label: 'Item title', title: 'List item title', kind: 'text', required: true, variables: true },
      { path: 'subtitle', label: 'Item subtitle', title: 'List item subtitle', kind: 'text', variables: true },
      { path: 'imageUrl', label: 'Image URL', kind: 'url' },
    ],
  }),
  datePicker: kind({
    label: 'Date picker',
    children: { kinds: ['timeSlot'], field: 'availableTimes' },
    props: datePickerSchema.omit({ availableTimes: true }),
    defaults: { title: 'Pick a date' },
    contentType: 'DatePicker',
    wire: { keys: ['id', 'title', 'subtitle', 'imageUrl', 'dateMinimum', 'dateMaximum', 'location', 'dateDisplayFormat', 'availableTimes'] },
    fields: [
      { path: 'title', label: 'Title', kind: 'text', variables: true },
      { path: 'subtitle', label: 'Subtitle', kind: 'text', variables: true },
      { path: 'imageUrl', label: 'Image URL', kind: 'url' },
      { path: 'dateMinimum', label: 'Earliest date (ISO-8601)', kind: 'date' },
      { path: 'dateMaximum', label: 'Latest date (ISO-8601)', kind: 'date' },
      { path: 'dateDisplayFormat', label: 'Date display format', kind: 'choice', options: DATE_DISPLAY_FORMATS },
      { path: 'location.text', label: 'Location name', kind: 'text' },
      { path: 'location.address', label: 'Location address', kind: 'text' },
      { path: 'location.url', label: 'Location URL', kind: 'url' },
      { path: 'id', label: 'Date picker id', kind: 'code', form: false },
      { path: 'location.latitude', label: 'Location latitude', kind: 'number', form: false },
      { path: 'location.longitude', label: 'Location longitude', kind: 'number', form: false },
    ],
  }),
  timeSlot: kind({
    label: 'Time slot',
    props: availableTimeSchema,
    defaults: { dateTime: '2030-01-01T09:00:00Z', duration: 1800 },
    wire: { keys: ['dateTime', 'duration'], required: { dateTime: '', duration: 0 } },
    fields: [
      { path: 'dateTime', label: 'Start (ISO-8601)', kind: 'date', required: true },
      { path: 'duration', label: 'Duration (seconds)', kind: 'number', required: true },
    ],
  }),
  attachment: kind({
    label: 'Attachment',
    props: attachmentSchema,
    defaults: { id: 'attachment', mediaType: 'Image', url: 'https://example.com/image.png', filename: 'image.png' },
    contentType: 'Attachment',
    wire: {
      keys: ['id', 'mediaType', 'url', 'filename', 'mime', 'sha256', 'contentSizeBytes', 'text'],
      required: { id: '', mediaType: 'Image', url: '', filename: '' },
    },
    fields: [
      { path: 'mediaType', label: 'Media type', kind: 'choice', required: true, options: MEDIA_TYPES },
      { path: 'url', label: 'File URL', title: 'Attachment URL', kind: 'url', required: true, emptyIsError: true },
      { path: 'filename', label: 'File name', kind: 'text', required: true },
      { path: 'id', label: 'Attachment id', kind: 'code', required: true },
      { path: 'mime', label: 'MIME type', kind: 'code' },
      { path: 'text', label: 'Caption', kind: 'text', variables: true },
      { path: 'sha256', label: 'SHA-256', kind: 'code', form: false },
      { path: 'contentSizeBytes', label: 'Size (bytes)', kind: 'number', form: false },
    ],
  }),
} as const satisfies { [K in NodeKind]: KindSpec };

// ---- Derived from KINDS ----

function byKind<T>(f: (k: NodeKind) => T): Record<NodeKind, T> {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, f(k)])) as Record<NodeKind, T>;
}

/** Which kinds each kind may hold; the message is the root. */
export const GRAMMAR: Readonly<Record<NodeKind, readonly NodeKind[]>> = byKind((k) => (KINDS[k] as KindSpec).children?.kinds ?? []);

/** Human labels, used by error messages and the editor palette. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = byKind((k) => KINDS[k].label);

/** The Genesys field a parent's children compile into (used for paths and compile). */
export const CHILD_FIELD: Readonly<Partial<Record<NodeKind, string>>> = Object.fromEntries(
  NODE_KINDS.flatMap((k) => {
    const c = (KINDS[k] as KindSpec).children;
    return c ? [[k, c.field]] : [];
  }),
);

export const PROPS_SCHEMAS = byKind((k) => KINDS[k].props) as { [K in NodeKind]: (typeof KINDS)[K]['props'] };
export type PropsOf<K extends NodeKind> = z.infer<(typeof PROPS_SCHEMAS)[K]>;
/** Props a freshly added node of each kind starts with (the palette uses these). */
export const DEFAULT_PROPS = byKind((k) => KINDS[k].defaults) as { [K in NodeKind]: PropsOf<K> };

export function isNodeKind(kind: string): kind is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(kind);
}

/** A kind's label for messages; a kind this designer does not know is quoted as found. */
export function kindLabel(kind: string): string {
  return isNodeKind(kind) ? KIND_LABELS[kind] : JSON.stringify(kind.length > 40 ? `${kind.slice(0, 40)}…` : kind);
}

export function canContain(parent: NodeKind, child: NodeKind): boolean {
  return GRAMMAR[parent].includes(child);
}

/** The fields of a kind (empty for a kind this designer does not know). */
export function fieldsOf(kind: string): readonly FieldSpec[] {
  return isNodeKind(kind) ? KINDS[kind].fields : [];
}

// Checked for every node on every keystroke, so worked out once.
const TEXT_FIELDS_OF = byKind((k) => KINDS[k].fields.filter((f) => f.kind === 'text'));
const URL_FIELDS_OF = byKind((k) => KINDS[k].fields.filter((f) => f.kind === 'url'));
const LIMITED_FIELDS_OF = byKind((k) => KINDS[k].fields.filter((f) => f.limit !== undefined));

/** Fields a customer reads: sanitize strips markup from these. */
export function textFields(kind: string): readonly FieldSpec[] {
  return isNodeKind(kind) ? TEXT_FIELDS_OF[kind] : [];
}

/** URL fields: checked by checkUrl, kept exactly or rejected, never rewritten. */
export function urlFields(kind: string): readonly FieldSpec[] {
  return isNodeKind(kind) ? URL_FIELDS_OF[kind] : [];
}

/** Fields with a character limit. */
export function limitedFields(kind: string): readonly FieldSpec[] {
  return isNodeKind(kind) ? LIMITED_FIELDS_OF[kind] : [];
}

/** contentType → node kind, for the kinds that are content items of a message. */
export const KIND_OF_CONTENT_TYPE: Readonly<Partial<Record<ContentType, NodeKind>>> = Object.fromEntries(
  NODE_KINDS.flatMap((k) => {
    const t = (KINDS[k] as KindSpec).contentType;
    return t ? [[t, k]] : [];
  }),
);

/** Content types the designer can show and edit. */
export const DESIGNABLE_CONTENT_TYPES: readonly ContentType[] = Object.keys(KIND_OF_CONTENT_TYPE) as ContentType[];

/**
 * contentType → the key of its payload in a content item. A designable kind's payload key is
 * the kind's own name (`{contentType: 'Card', card: …}`); the others are listed here.
 */
export const CONTENT_PAYLOAD_KEYS: Readonly<Record<ContentType | 'Notification', string>> = {
  ...(Object.fromEntries(Object.entries(KIND_OF_CONTENT_TYPE).map(([t, k]) => [t, k])) as Record<string, string>),
  QuickReplyV2: 'quickReplyV2',
  ButtonResponse: 'buttonResponse',
  // A messaging template (Notification) carries its payload under `template`.
  Notification: 'template',
} as Record<ContentType | 'Notification', string>;
