/**
 * What the properties form shows for each node kind, and how form values (strings, with ''
 * for "not set") map to and from node props (optional keys absent when empty).
 */
import {
  BUTTON_TEXT_MAX,
  CARD_DESCRIPTION_MAX,
  CARD_TITLE_MAX,
  DATE_DISPLAY_FORMATS,
  MEDIA_TYPES,
  PAYLOAD_MAX,
  TEXT_MAX,
  type NodeKind,
} from '@grmd/shared';

export type FieldKind = 'text' | 'textarea' | 'url' | 'select' | 'checkbox' | 'number' | 'radio';

export type FieldSpec = {
  /** Form name; a dot means a nested prop (`receivedMessage.title`). */
  name: string;
  label: string;
  kind: FieldKind;
  /** Required props keep '' instead of being removed. */
  required?: boolean;
  max?: number;
  /** The limit constant the counter names. */
  maxName?: string;
  options?: readonly string[];
  /** Whether `{{variables}}` may be inserted. */
  variables?: boolean;
  /** Shown only when this returns true for the current values (the action type switch). */
  when?: (values: FormValues) => boolean;
  hint?: string;
};

export type FormValues = Record<string, unknown>;

const isLink = (v: FormValues) => v.type === 'Link';
const isPostback = (v: FormValues) => v.type !== 'Link';

export const FIELDS: Record<NodeKind, FieldSpec[]> = {
  message: [{ name: 'text', label: 'Message text', kind: 'textarea', max: TEXT_MAX, maxName: 'TEXT_MAX', variables: true }],
  quickReply: [
    { name: 'text', label: 'Label', kind: 'text', required: true, max: BUTTON_TEXT_MAX, maxName: 'BUTTON_TEXT_MAX', variables: true },
    { name: 'payload', label: 'Payload', kind: 'text', required: true, max: PAYLOAD_MAX, maxName: 'PAYLOAD_MAX', variables: true },
    { name: 'image', label: 'Image URL', kind: 'url' },
  ],
  card: [
    { name: 'title', label: 'Title', kind: 'text', required: true, max: CARD_TITLE_MAX, maxName: 'CARD_TITLE_MAX', variables: true },
    { name: 'description', label: 'Description', kind: 'textarea', required: true, max: CARD_DESCRIPTION_MAX, maxName: 'CARD_DESCRIPTION_MAX', variables: true },
    { name: 'image', label: 'Image URL', kind: 'url', variables: true },
    { name: 'video', label: 'Video URL', kind: 'url', variables: true },
    { name: 'defaultAction.url', label: 'Tap on card opens (URL)', kind: 'url', variables: true, hint: 'Ignored on WhatsApp, LINE and Twitter.' },
  ],
  action: [
    { name: 'type', label: 'Action type', kind: 'radio', required: true, options: ['Postback', 'Link'] },
    { name: 'text', label: 'Button label', kind: 'text', required: true, max: BUTTON_TEXT_MAX, maxName: 'BUTTON_TEXT_MAX', variables: true },
    { name: 'payload', label: 'Payload', kind: 'text', required: true, max: PAYLOAD_MAX, maxName: 'PAYLOAD_MAX', variables: true, when: isPostback },
    { name: 'url', label: 'Link URL', kind: 'url', required: true, variables: true, when: isLink },
  ],
  carousel: [],
  listPicker: [
    { name: 'id', label: 'List picker id', kind: 'text' },
    { name: 'receivedMessage.header', label: 'Prompt header', kind: 'text', variables: true },
    { name: 'receivedMessage.title', label: 'Prompt title', kind: 'text', variables: true },
    { name: 'receivedMessage.subtitle', label: 'Prompt subtitle', kind: 'text', variables: true },
    { name: 'receivedMessage.buttonLabel', label: 'Open button label', kind: 'text', max: BUTTON_TEXT_MAX, maxName: 'BUTTON_TEXT_MAX' },
    { name: 'receivedMessage.imageUrl', label: 'Prompt image URL', kind: 'url' },
    { name: 'replyMessage.title', label: 'Reply title (after the choice)', kind: 'text', variables: true },
    { name: 'replyMessage.subtitle', label: 'Reply subtitle', kind: 'text', variables: true },
  ],
  listSection: [
    { name: 'title', label: 'Section title', kind: 'text', required: true, variables: true },
    { name: 'multipleSelection', label: 'Allow several choices', kind: 'checkbox', required: true },
  ],
  listItem: [
    { name: 'id', label: 'Item id (returned on choice)', kind: 'text', required: true },
    { name: 'title', label: 'Item title', kind: 'text', required: true, variables: true },
    { name: 'subtitle', label: 'Item subtitle', kind: 'text', variables: true },
    { name: 'imageUrl', label: 'Item image URL', kind: 'url' },
  ],
  datePicker: [
    { name: 'title', label: 'Title', kind: 'text', variables: true },
    { name: 'subtitle', label: 'Subtitle', kind: 'text', variables: true },
    { name: 'imageUrl', label: 'Image URL', kind: 'url' },
    { name: 'dateMinimum', label: 'Earliest date (ISO-8601)', kind: 'text' },
    { name: 'dateMaximum', label: 'Latest date (ISO-8601)', kind: 'text' },
    { name: 'dateDisplayFormat', label: 'Date display format', kind: 'select', options: DATE_DISPLAY_FORMATS },
    { name: 'location.text', label: 'Location name', kind: 'text' },
    { name: 'location.address', label: 'Location address', kind: 'text' },
    { name: 'location.url', label: 'Location URL', kind: 'url' },
  ],
  timeSlot: [
    { name: 'dateTime', label: 'Start (ISO-8601)', kind: 'text', required: true },
    { name: 'duration', label: 'Duration (seconds)', kind: 'number', required: true },
  ],
  attachment: [
    { name: 'mediaType', label: 'Media type', kind: 'select', required: true, options: MEDIA_TYPES },
    { name: 'url', label: 'File URL', kind: 'url', required: true },
    { name: 'filename', label: 'File name', kind: 'text', required: true },
    { name: 'id', label: 'Attachment id', kind: 'text', required: true },
    { name: 'mime', label: 'MIME type', kind: 'text' },
    { name: 'text', label: 'Caption', kind: 'text', variables: true },
  ],
};

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Props → form values: every field present, '' for unset strings. */
export function toFormValues(kind: NodeKind, props: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of FIELDS[kind]) {
    const v = get(props, f.name);
    const value = f.kind === 'checkbox' ? v === true : f.kind === 'number' ? (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '') : typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
    const [top, sub] = f.name.split('.') as [string, string | undefined];
    if (sub) {
      const o = (out[top] ??= {}) as Record<string, unknown>;
      o[sub] = value;
    } else out[top] = value;
  }
  return out;
}

/**
 * The props patch for a changed top-level form field. Optional empties are removed; nested
 * objects keep the keys the form does not show (e.g. an imported `replyMessage.imageUrl`).
 */
export function patchFor(kind: NodeKind, top: string, values: FormValues, props: Record<string, unknown>): Record<string, unknown> {
  const specs = FIELDS[kind].filter((f) => f.name === top || f.name.startsWith(`${top}.`));
  if (specs.length === 0) return {};
  const first = specs[0]!;
  if (first.name === top) return { [top]: fromField(first, values[top]) };
  // Nested object: merge the form's keys over the existing object.
  const existing = (props[top] && typeof props[top] === 'object' ? props[top] : {}) as Record<string, unknown>;
  const formObj = (values[top] ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...existing };
  for (const f of specs) {
    const sub = f.name.slice(top.length + 1);
    const v = fromField(f, formObj[sub]);
    if (v === undefined) delete next[sub];
    else next[sub] = v;
  }
  if (kind === 'card' && top === 'defaultAction') {
    return { defaultAction: typeof next.url === 'string' && next.url !== '' ? { ...next, type: 'Link' } : undefined };
  }
  const keepEmpty = kind === 'listPicker';
  return { [top]: Object.keys(next).length || keepEmpty ? next : undefined };
}

function fromField(f: FieldSpec, v: unknown): unknown {
  if (f.kind === 'checkbox') return v === true;
  if (f.kind === 'number') {
    const s = typeof v === 'string' ? v.trim() : String(v ?? '');
    if (s === '') return f.required ? 0 : undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : s;
  }
  const s = typeof v === 'string' ? v : '';
  if (s === '' && !f.required) return undefined;
  return s;
}

/** The patch for switching a button between Link and Postback: keep only that type's fields. */
export function actionTypePatch(type: string, props: Record<string, unknown>): Record<string, unknown> {
  const text = typeof props.text === 'string' ? props.text : '';
  if (type === 'Link') return { type: 'Link', payload: undefined, url: typeof props.url === 'string' ? props.url : '' };
  const payload = typeof props.payload === 'string' && props.payload !== '' ? props.payload : text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'button';
  return { type: 'Postback', url: undefined, payload };
}
