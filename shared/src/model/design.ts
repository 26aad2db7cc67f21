/**
 * The design document: what the editor edits, the library stores and the CLI reads.
 * The node schema is deliberately permissive about structure (any node may hold children,
 * props is any record) so that a bad tree parses and is *reported* by validate(), never
 * crashes. Per-kind prop schemas (kinds.ts) say what each kind's props should be.
 */
import { z } from 'zod';
import {
  ENVELOPE_EXTRA_KEYS,
  botStateSchema,
  botEntityValueSchema,
  errorInfoSchema,
  genesysMessageSchema,
} from './genesys.ts';
import { CHANNEL_IDS } from './channels.ts';
import { KINDS, type PropsOf } from './kinds.ts';

export const FORMAT_VERSION = 1 as const;

// What each node kind is lives in kinds.ts; these names are kept here too for importers of this module.
export {
  NODE_KINDS,
  nodeKindSchema,
  GRAMMAR,
  KIND_LABELS,
  CHILD_FIELD,
  PROPS_SCHEMAS,
  DEFAULT_PROPS,
  canContain,
  isNodeKind,
} from './kinds.ts';
export type { NodeKind, PropsOf } from './kinds.ts';

// ---- Each kind's props (KINDS' props schemas under their own names) ----

export const messagePropsSchema = KINDS.message.props;
export const quickReplyPropsSchema = KINDS.quickReply.props;
export const cardPropsSchema = KINDS.card.props;
export const actionPropsSchema = KINDS.action.props;
export const carouselPropsSchema = KINDS.carousel.props;
export const listPickerPropsSchema = KINDS.listPicker.props;
export const listSectionPropsSchema = KINDS.listSection.props;
export const listItemPropsSchema = KINDS.listItem.props;
export const datePickerPropsSchema = KINDS.datePicker.props;
export const timeSlotPropsSchema = KINDS.timeSlot.props;
export const attachmentPropsSchema = KINDS.attachment.props;

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
