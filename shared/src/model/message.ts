/**
 * The Genesys normalized message (`ConversationNormalizedMessage` in the Platform API) and its
 * content payloads, modelled from the project's reference (../shared/reference/genesys-messaging.md
 * beside the clone) and the public SDK models it cites, e.g.
 * https://github.com/MyPureCloud/platform-client-sdk-python/blob/master/build/docs/ConversationMessageContent.md
 * Field names, enum values and casing are significant: they are what Genesys sends and accepts.
 * Content payloads are strict (an unknown key is a reported error, never silently dropped);
 * the envelope lists every documented field so real payloads (receipts, Open Messaging
 * webhooks) parse without loss.
 */
import { z } from 'zod';

// CardAction (SDK model ConversationContentCardAction). Project rule: type always; text required in actions[]; Postback needs
// payload, Link needs url. The refinements live in validate() so a bad action still parses
// and can be reported with its path; the wire schema enforces the same with superRefine.
export const CARD_ACTION_TYPES = ['Link', 'Postback'] as const;
export const cardActionTypeSchema = z.enum(CARD_ACTION_TYPES);

/** The action's fields without the Link/Postback rules (the design's props use this). */
export const cardActionFieldsSchema = z.strictObject({
  type: cardActionTypeSchema,
  text: z.string(),
  payload: z.string().optional(),
  url: z.string().optional(),
});
export const cardActionSchema = cardActionFieldsSchema
  .superRefine((a, ctx) => {
    if (a.type === 'Postback' && a.payload === undefined) {
      ctx.addIssue({ code: 'custom', message: 'A Postback action needs a payload', path: ['payload'] });
    }
    if (a.type === 'Link' && a.url === undefined) {
      ctx.addIssue({ code: 'custom', message: 'A Link action needs a url', path: ['url'] });
    }
  });
export type CardAction = z.infer<typeof cardActionSchema>;

// defaultAction is {type:"Link", url}: the Messenger mobile transport honours only Link
// (genesys-messenger-transport-mobile-sdk, shyrka/receive/StructuredMessage.kt).
export const defaultActionSchema = z.strictObject({
  type: z.literal('Link'),
  url: z.string(),
  text: z.string().optional(),
});
export type DefaultAction = z.infer<typeof defaultActionSchema>;

// Card (SDK model ConversationContentCard)
export const cardSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  image: z.string().optional(),
  video: z.string().optional(),
  defaultAction: defaultActionSchema.optional(),
  actions: z.array(cardActionSchema),
});
export type Card = z.infer<typeof cardSchema>;

// Carousel (SDK model ConversationContentCarousel)
export const carouselSchema = z.strictObject({ cards: z.array(cardSchema) });
export type Carousel = z.infer<typeof carouselSchema>;

// QuickReply (SDK model ConversationContentQuickReply)
export const quickReplySchema = z.strictObject({
  text: z.string(),
  payload: z.string(),
  image: z.string().optional(),
  action: z.literal('Message').optional(),
  summaryText: z.string().optional(),
});
export type QuickReply = z.infer<typeof quickReplySchema>;

// QuickReplyV2 (export only: the Bot Connector refuses it)
export const quickReplyV2Schema = z.strictObject({
  title: z.string(),
  actions: z.array(quickReplySchema),
});
export type QuickReplyV2 = z.infer<typeof quickReplyV2Schema>;

// ListPicker (SDK model ConversationContentListPicker)
export const listPickerMessageSchema = z.strictObject({
  header: z.string().optional(),
  title: z.string().optional(),
  subtitle: z.string().optional(),
  buttonLabel: z.string().optional(),
  imageUrl: z.string().optional(),
});
export type ListPickerMessage = z.infer<typeof listPickerMessageSchema>;
export const listItemSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  imageUrl: z.string().optional(),
});
export type ListItem = z.infer<typeof listItemSchema>;
export const listSectionSchema = z.strictObject({
  title: z.string(),
  multipleSelection: z.boolean(),
  items: z.array(listItemSchema),
});
export type ListSection = z.infer<typeof listSectionSchema>;
export const listPickerSchema = z.strictObject({
  id: z.string().optional(),
  sections: z.array(listSectionSchema),
  replyMessage: listPickerMessageSchema,
  receivedMessage: listPickerMessageSchema,
});
export type ListPicker = z.infer<typeof listPickerSchema>;

// DatePicker (SDK model ConversationContentDatePicker)
export const DATE_DISPLAY_FORMATS = ['dayMonthYear', 'monthDayYear', 'yearMonthDay'] as const;
export const availableTimeSchema = z.strictObject({
  dateTime: z.string(),
  duration: z.number().int(),
});
export type AvailableTime = z.infer<typeof availableTimeSchema>;
export const datePickerLocationSchema = z.strictObject({
  url: z.string().optional(),
  address: z.string().optional(),
  text: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});
export const datePickerSchema = z.strictObject({
  id: z.string().optional(),
  title: z.string().optional(),
  subtitle: z.string().optional(),
  imageUrl: z.string().optional(),
  dateMinimum: z.string().optional(),
  dateMaximum: z.string().optional(),
  location: datePickerLocationSchema.optional(),
  availableTimes: z.array(availableTimeSchema).optional(),
  dateDisplayFormat: z.enum(DATE_DISPLAY_FORMATS).optional(),
});
export type DatePicker = z.infer<typeof datePickerSchema>;

// ButtonResponse: what the customer's client sends for a click
export const BUTTON_RESPONSE_TYPES = ['Button', 'QuickReply', 'DatePicker', 'ListPicker', 'Form'] as const;
export const buttonResponseSchema = z.strictObject({
  type: z.enum(BUTTON_RESPONSE_TYPES),
  text: z.string(),
  payload: z.string(),
  originatingMessageId: z.string().optional(),
});
export type ButtonResponse = z.infer<typeof buttonResponseSchema>;

// Attachment (SDK model ConversationContentAttachment)
export const MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'] as const;
export const attachmentSchema = z.strictObject({
  id: z.string(),
  mediaType: z.enum(MEDIA_TYPES),
  url: z.string(),
  filename: z.string(),
  mime: z.string().optional(),
  sha256: z.string().optional(),
  contentSizeBytes: z.number().int().optional(),
  text: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

// content[] (SDK model ConversationMessageContent): contentType plus exactly one payload named after it.
export const contentItemSchema = z.discriminatedUnion('contentType', [
  z.strictObject({ contentType: z.literal('Card'), card: cardSchema }),
  z.strictObject({ contentType: z.literal('Carousel'), carousel: carouselSchema }),
  z.strictObject({ contentType: z.literal('QuickReply'), quickReply: quickReplySchema }),
  z.strictObject({ contentType: z.literal('QuickReplyV2'), quickReplyV2: quickReplyV2Schema }),
  z.strictObject({ contentType: z.literal('ListPicker'), listPicker: listPickerSchema }),
  z.strictObject({ contentType: z.literal('DatePicker'), datePicker: datePickerSchema }),
  z.strictObject({ contentType: z.literal('Attachment'), attachment: attachmentSchema }),
  z.strictObject({ contentType: z.literal('ButtonResponse'), buttonResponse: buttonResponseSchema }),
]);
export type ContentItem = z.infer<typeof contentItemSchema>;
export type ContentType = ContentItem['contentType'];

// The envelope (ConversationNormalizedMessage). `type` here is the platform enum; bot replies
// narrow it (botConnector.ts).
export const MESSAGE_TYPES = ['Text', 'Structured', 'Receipt', 'Event', 'Message', 'Unknown'] as const;
export const RECEIPT_STATUSES = ['Sent', 'Delivered', 'Read', 'Failed', 'Published', 'Removed'] as const;
export const REASON_CODES = [
  'MessageExpired', 'RateLimited', 'MessageNotAllowed', 'GeneralError', 'UnsupportedMessage',
  'UnknownMessage', 'InvalidMessageStructure', 'InvalidDestination', 'ServerError',
  'MediaTypeNotAllowed', 'InvalidMediaContentLength', 'RecipientOptedOut', 'DataFiltered',
] as const;

/** The channel block is descriptive metadata Genesys fills in; kept verbatim (loose). */
export const messageChannelSchema = z.looseObject({
  id: z.string().optional(),
  platform: z.string().optional(),
  type: z.string().optional(),
  messageId: z.string().optional(),
  time: z.string().optional(),
});

export const genesysMessageSchema = z.strictObject({
  type: z.enum(MESSAGE_TYPES),
  text: z.string().optional(),
  content: z.array(contentItemSchema).optional(),
  // Envelope fields Genesys adds on received messages; preserved for round trips.
  id: z.string().optional(),
  channel: messageChannelSchema.optional(),
  // No conversationId: that is the Open Messaging webhook envelope, not a field of the
  // normalized message (ConversationNormalizedMessage in the official SDK has none).
  events: z.array(z.looseObject({ eventType: z.string() })).optional(),
  status: z.enum(RECEIPT_STATUSES).optional(),
  reasons: z.array(z.strictObject({ code: z.enum(REASON_CODES).optional(), message: z.string() })).optional(),
  originatingEntity: z.enum(['Human', 'Bot']).optional(),
  direction: z.enum(['Inbound', 'Outbound']).optional(),
  isFinalReceipt: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  relatedMessages: z.array(z.unknown()).optional(),
  enrichment: z.unknown().optional(),
  byoSmsIntegrationId: z.string().optional(),
});
export type GenesysMessage = z.infer<typeof genesysMessageSchema>;

/** Envelope keys that are not designable content; import keeps them so export round-trips. */
export const ENVELOPE_EXTRA_KEYS = [
  'id', 'channel', 'events', 'status', 'reasons', 'originatingEntity',
  'direction', 'isFinalReceipt', 'metadata', 'relatedMessages', 'enrichment', 'byoSmsIntegrationId',
] as const;

