/**
 * The design document: what the editor edits, the library stores and the CLI reads.
 * The node schema is deliberately permissive about structure (any node may hold children,
 * props is any record) so that a bad tree parses and is *reported* by validate(), never
 * crashes. Per-kind prop schemas below say what each kind's props should be.
 */
import { z } from 'zod';
import {
  attachmentSchema,
  availableTimeSchema,
  cardActionFieldsSchema,
  cardSchema,
  datePickerSchema,
  ENVELOPE_EXTRA_KEYS,
  listItemSchema,
  listPickerSchema,
  listSectionSchema,
  quickReplySchema,
  botStateSchema,
  botEntityValueSchema,
  errorInfoSchema,
  genesysMessageSchema,
} from './genesys.ts';
import { CHANNEL_IDS } from './channels.ts';

export const FORMAT_VERSION = 1 as const;

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

/**
 * Which kinds each kind may hold. The message is the root; content items under it map
 * 1:1 to Genesys `content[]`, carousel children to `cards[]`, card children to `actions[]`,
 * list picker children to `sections[]`, section children to `items[]` and date picker
 * children to `availableTimes[]`.
 */
export const GRAMMAR: Readonly<Record<NodeKind, readonly NodeKind[]>> = {
  message: ['quickReply', 'card', 'carousel', 'listPicker', 'datePicker', 'attachment'],
  quickReply: [],
  card: ['action'],
  action: [],
  carousel: ['card'],
  listPicker: ['listSection'],
  listSection: ['listItem'],
  listItem: [],
  datePicker: ['timeSlot'],
  timeSlot: [],
  attachment: [],
};

/** Human labels, used by error messages and the editor palette. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  message: 'Message',
  quickReply: 'Quick reply',
  card: 'Card',
  action: 'Button',
  carousel: 'Carousel',
  listPicker: 'List picker',
  listSection: 'List section',
  listItem: 'List item',
  datePicker: 'Date picker',
  timeSlot: 'Time slot',
  attachment: 'Attachment',
};

/** The Genesys field a parent's children compile into (used for paths and compile). */
export const CHILD_FIELD: Readonly<Partial<Record<NodeKind, string>>> = {
  message: 'content',
  carousel: 'cards',
  card: 'actions',
  listPicker: 'sections',
  listSection: 'items',
  datePicker: 'availableTimes',
};

export function canContain(parent: NodeKind, child: NodeKind): boolean {
  return GRAMMAR[parent].includes(child);
}

// ---- The permissive node and design schemas (what parses) ----

export type DesignNode = {
  id: string;
  kind: string;
  props: Record<string, unknown>;
  children: DesignNode[];
};

export const designNodeSchema: z.ZodType<DesignNode> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    kind: z.string(),
    props: z.record(z.string(), z.unknown()).default({}),
    children: z.array(designNodeSchema).default([]),
  }),
) as unknown as z.ZodType<DesignNode>;

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*$/;
export const variableSchema = z.object({
  name: z.string().regex(VARIABLE_NAME_PATTERN, 'letters, digits, _ and . only; must not start with a digit'),
  sample: z.string().default(''),
  description: z.string().optional(),
});
export type Variable = z.infer<typeof variableSchema>;

export const channelIdSchema = z.enum(CHANNEL_IDS);

/** Bot Connector envelope kept from an imported reply so exporting it round-trips. */
export const botReplyMetaSchema = z.object({
  botState: botStateSchema.default('MoreData'),
  intent: z.string().optional(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
  entities: z.array(botEntityValueSchema).optional(),
  errorInfo: errorInfoSchema.optional(),
  /** Other reply messages around the designed one, kept verbatim. */
  before: z.array(genesysMessageSchema).optional(),
  after: z.array(genesysMessageSchema).optional(),
});
export type BotReplyMeta = z.infer<typeof botReplyMetaSchema>;

const envelopeShape = Object.fromEntries(
  ENVELOPE_EXTRA_KEYS.map((k) => [k, genesysMessageSchema.shape[k]]),
) as { [K in (typeof ENVELOPE_EXTRA_KEYS)[number]]: (typeof genesysMessageSchema.shape)[K] };
/** Non-designable envelope fields of an imported message (id, channel, direction…). */
export const envelopeSchema = z.strictObject(envelopeShape);
export type Envelope = z.infer<typeof envelopeSchema>;

export const designSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  id: z.string().min(1),
  name: z.string(),
  channel: channelIdSchema.default('webmessaging'),
  variables: z.array(variableSchema).default([]),
  root: designNodeSchema,
  envelope: envelopeSchema.optional(),
  botReply: botReplyMetaSchema.optional(),
});
export type Design = z.infer<typeof designSchema>;

// ---- Per-kind props (what each kind's props should be; validate() checks them) ----

export const messagePropsSchema = z.strictObject({
  text: z.string().optional(),
});
// Each kind's props are its Genesys payload minus the array its children compile into, so
// the wire schema stays the single source of truth.
export const quickReplyPropsSchema = quickReplySchema;
export const cardPropsSchema = cardSchema.omit({ actions: true });
export const actionPropsSchema = cardActionFieldsSchema;
export const carouselPropsSchema = z.strictObject({});
export const listPickerPropsSchema = listPickerSchema.omit({ sections: true });
export const listSectionPropsSchema = listSectionSchema.omit({ items: true });
export const listItemPropsSchema = listItemSchema;
export const datePickerPropsSchema = datePickerSchema.omit({ availableTimes: true });
export const timeSlotPropsSchema = availableTimeSchema;
export const attachmentPropsSchema = attachmentSchema;

export const PROPS_SCHEMAS = {
  message: messagePropsSchema,
  quickReply: quickReplyPropsSchema,
  card: cardPropsSchema,
  action: actionPropsSchema,
  carousel: carouselPropsSchema,
  listPicker: listPickerPropsSchema,
  listSection: listSectionPropsSchema,
  listItem: listItemPropsSchema,
  datePicker: datePickerPropsSchema,
  timeSlot: timeSlotPropsSchema,
  attachment: attachmentPropsSchema,
} as const satisfies Record<NodeKind, z.ZodType>;

export type PropsOf<K extends NodeKind> = z.infer<(typeof PROPS_SCHEMAS)[K]>;
export type MessageProps = PropsOf<'message'>;
export type QuickReplyProps = PropsOf<'quickReply'>;
export type CardProps = PropsOf<'card'>;
export type ActionProps = PropsOf<'action'>;
export type ListPickerProps = PropsOf<'listPicker'>;
export type ListSectionProps = PropsOf<'listSection'>;
export type ListItemProps = PropsOf<'listItem'>;
export type DatePickerProps = PropsOf<'datePicker'>;
export type TimeSlotProps = PropsOf<'timeSlot'>;
export type AttachmentProps = PropsOf<'attachment'>;

/** Props a freshly added node of each kind starts with (the palette uses these). */
export const DEFAULT_PROPS: { [K in NodeKind]: PropsOf<K> } = {
  message: { text: '' },
  quickReply: { text: 'Option', payload: 'option' },
  card: { title: 'Card title', description: '' },
  action: { type: 'Postback', text: 'Button', payload: 'button' },
  carousel: {},
  listPicker: { receivedMessage: { title: 'Choose an option' }, replyMessage: { title: 'Thanks' } },
  listSection: { title: 'Section', multipleSelection: false },
  listItem: { id: 'item', title: 'Item' },
  datePicker: { title: 'Pick a date' },
  timeSlot: { dateTime: '2030-01-01T09:00:00Z', duration: 1800 },
  attachment: { id: 'attachment', mediaType: 'Image', url: 'https://example.com/image.png', filename: 'image.png' },
};

export function isNodeKind(kind: string): kind is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(kind);
}
