/**
 * Genesys Cloud wire formats, modelled from ../shared/reference/genesys-messaging.md.
 * Field names, enum values and casing are significant: they are what Genesys sends and accepts.
 * Content payloads are strict (an unknown key is a reported error, never silently dropped);
 * the envelope lists every documented field so real payloads (receipts, Open Messaging
 * webhooks) parse without loss.
 */
import { z } from 'zod';

// §1.4 CardAction. Project rule: type always; text required in actions[]; Postback needs
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

// §1.4: defaultAction is {type:"Link", url} (the transport honours only Link).
export const defaultActionSchema = z.strictObject({
  type: z.literal('Link'),
  url: z.string(),
  text: z.string().optional(),
});
export type DefaultAction = z.infer<typeof defaultActionSchema>;

// §1.3 Card
export const cardSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  image: z.string().optional(),
  video: z.string().optional(),
  defaultAction: defaultActionSchema.optional(),
  actions: z.array(cardActionSchema),
});
export type Card = z.infer<typeof cardSchema>;

// §1.5 Carousel
export const carouselSchema = z.strictObject({ cards: z.array(cardSchema) });
export type Carousel = z.infer<typeof carouselSchema>;

// §1.6 QuickReply
export const quickReplySchema = z.strictObject({
  text: z.string(),
  payload: z.string(),
  image: z.string().optional(),
  action: z.literal('Message').optional(),
  summaryText: z.string().optional(),
});
export type QuickReply = z.infer<typeof quickReplySchema>;

// §1.7 QuickReplyV2 (export only: never through the bot connector)
export const quickReplyV2Schema = z.strictObject({
  title: z.string(),
  actions: z.array(quickReplySchema),
});
export type QuickReplyV2 = z.infer<typeof quickReplyV2Schema>;

// §1.8 ListPicker
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

// §1.9 DatePicker
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

// §1.10 ButtonResponse
export const BUTTON_RESPONSE_TYPES = ['Button', 'QuickReply', 'DatePicker', 'ListPicker', 'Form'] as const;
export const buttonResponseSchema = z.strictObject({
  type: z.enum(BUTTON_RESPONSE_TYPES),
  text: z.string(),
  payload: z.string(),
  originatingMessageId: z.string().optional(),
});
export type ButtonResponse = z.infer<typeof buttonResponseSchema>;

// §1.11 Attachment
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

// §1.2 content[]: contentType plus exactly one payload named after it.
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

// §1.1 envelope. `type` here is the platform enum; bot replies narrow it (below).
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
  conversationId: z.string().optional(),
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
  'id', 'channel', 'conversationId', 'events', 'status', 'reasons', 'originatingEntity',
  'direction', 'isFinalReceipt', 'metadata', 'relatedMessages', 'enrichment', 'byoSmsIntegrationId',
] as const;

// §5.4 / §5.6: what a bot may put in replyMessages: Text or Structured, and only these
// content types [DBC-SPEC].
export const BOT_REPLY_CONTENT_TYPES = ['QuickReply', 'Card', 'Carousel', 'Attachment'] as const;
export const replyMessageSchema = z.strictObject({
  type: z.enum(['Text', 'Structured']),
  text: z.string().optional(),
  content: z
    .array(
      z.discriminatedUnion('contentType', [
        z.strictObject({ contentType: z.literal('Card'), card: cardSchema }),
        z.strictObject({ contentType: z.literal('Carousel'), carousel: carouselSchema }),
        z.strictObject({
          contentType: z.literal('QuickReply'),
          // Through the bot connector emit only text, payload and image (§1.6).
          quickReply: z.strictObject({ text: z.string(), payload: z.string(), image: z.string().optional() }),
        }),
        z.strictObject({ contentType: z.literal('Attachment'), attachment: attachmentSchema }),
      ]),
    )
    .optional(),
});
export type ReplyMessage = z.infer<typeof replyMessageSchema>;

export const BOT_STATES = ['Complete', 'MoreData', 'Failed'] as const;
export const botStateSchema = z.enum(BOT_STATES);
export type BotState = z.infer<typeof botStateSchema>;

export const botEntityValueSchema = z.union([
  z.strictObject({ name: z.string(), type: z.string(), value: z.string() }),
  z.strictObject({ name: z.string(), type: z.string(), values: z.array(z.string()) }),
]);
export const errorInfoSchema = z.strictObject({ errorCode: z.string(), errorMessage: z.string() });

const botReplyFields = {
  botState: botStateSchema,
  intent: z.string().optional(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
  entities: z.array(botEntityValueSchema).optional(),
  errorInfo: errorInfoSchema.optional(),
};
function requireIntentWhenComplete(r: { botState: string; intent?: string | undefined }, ctx: z.RefinementCtx) {
  if (r.botState === 'Complete' && !r.intent) {
    ctx.addIssue({ code: 'custom', message: 'botState Complete requires an intent', path: ['intent'] });
  }
}

/** §5.4 response of POST {base}/messages (Bot Connector v2). */
export const botConnectorV2ReplySchema = z
  .strictObject({ ...botReplyFields, replyMessages: z.array(replyMessageSchema).nullable().optional() })
  .superRefine(requireIntentWhenComplete);
export type BotConnectorV2Reply = z.infer<typeof botConnectorV2ReplySchema>;

/** §5.7 v1 variant: lowercase `replymessages`, `slotValues`; production bots send upper-case states. */
export const botConnectorV1ReplySchema = z.looseObject({
  botState: z.string(),
  intent: z.string().optional(),
  confidence: z.number().nullable().optional(),
  replymessages: z.array(replyMessageSchema).nullable().optional(),
  slotValues: z.unknown().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
});
export type BotConnectorV1Reply = z.infer<typeof botConnectorV1ReplySchema>;

/** §5.4 request Genesys POSTs to {base}/messages. */
export const botConnectorRequestSchema = z.strictObject({
  botId: z.string(),
  botVersion: z.string(),
  botSessionId: z.string(),
  messageId: z.string(),
  inputMessage: z.strictObject({
    type: z.enum(['Text', 'Structured']),
    text: z.string().optional(),
    content: z
      .array(z.strictObject({ contentType: z.literal('ButtonResponse'), buttonResponse: buttonResponseSchema }))
      .optional(),
  }),
  languageCode: z.string(),
  botSessionTimeout: z.number(),
  genesysConversationId: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
});
export type BotConnectorRequest = z.infer<typeof botConnectorRequestSchema>;

/** §5.6 OutgoingMessageRequest (bot → customer push). */
export const outgoingMessageRequestSchema = z
  .strictObject({
    botId: z.string(),
    botVersion: z.string(),
    botSessionId: z.string(),
    languageCode: z.string(),
    ...botReplyFields,
    replyMessages: z.array(replyMessageSchema).optional(),
  })
  .superRefine(requireIntentWhenComplete);
export type OutgoingMessageRequest = z.infer<typeof outgoingMessageRequestSchema>;
export const outgoingMessageResponseSchema = z.looseObject({ messageId: z.string() });

// §5.3 bot list
export const BOT_ENTITY_TYPES = ['String', 'Integer', 'Decimal', 'Duration', 'Boolean', 'Currency', 'Datetime'] as const;
export const botSchema = z.strictObject({
  id: z.string().max(100),
  name: z.string().max(100),
  provider: z.string().max(100),
  description: z.string().max(256),
  versions: z
    .array(
      z.strictObject({
        version: z.string().max(100),
        supportedLanguages: z.array(z.string().regex(/^[a-z]{2}(-[a-z]{2,4})?$/)),
        intents: z
          .array(
            z.strictObject({
              name: z.string().max(100),
              entities: z
                .array(
                  z.strictObject({
                    name: z.string().max(100),
                    type: z.enum([...BOT_ENTITY_TYPES, ...BOT_ENTITY_TYPES.map((t) => `${t}Collection` as const)]),
                  }),
                )
                .max(50)
                .optional(),
            }),
          )
          .min(1)
          .max(50),
      }),
    )
    .min(1)
    .max(50),
});
export type Bot = z.infer<typeof botSchema>;

// §6 agent send
export const additionalMessageSchema = z.strictObject({
  textBody: z.string(),
  mediaIds: z.array(z.string()).optional(),
  messagingTemplate: z.unknown().optional(),
});
export type AdditionalMessage = z.infer<typeof additionalMessageSchema>;
export const MESSAGE_DATA_STATUSES = [
  'queued', 'sent', 'failed', 'received', 'delivery-success', 'delivery-failed', 'read', 'removed', 'published',
] as const;
export const messageDataSchema = z.looseObject({
  id: z.string().optional(),
  timestamp: z.string(),
  status: z.enum(MESSAGE_DATA_STATUSES),
  textBody: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  messengerType: z.string().optional(),
  conversationId: z.string().optional(),
  normalizedMessage: z.unknown().optional(),
  selfUri: z.string().optional(),
});
export type MessageData = z.infer<typeof messageDataSchema>;
export const conversationSchema = z.looseObject({
  id: z.string(),
  participants: z.array(
    z.looseObject({
      id: z.string(),
      purpose: z.string().optional(),
      messages: z.array(z.looseObject({ id: z.string(), state: z.string().optional(), type: z.string().optional() })).optional(),
    }),
  ),
});
export type Conversation = z.infer<typeof conversationSchema>;

// §4 OAuth
export const tokenResponseSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// §8 ErrorBody
export type ErrorBody = {
  message: string;
  code: string;
  status: number;
  contextId?: string;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  details: Array<{ errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }>;
  errors: ErrorBody[];
  limit?: { key: string; namespace: string; value: number };
};
export const errorBodySchema: z.ZodType<ErrorBody> = z.looseObject({
  message: z.string(),
  code: z.string(),
  status: z.number(),
  contextId: z.string().optional(),
  entityId: z.string().optional(),
  entityName: z.string().optional(),
  messageWithParams: z.string().optional(),
  messageParams: z.record(z.string(), z.string()).optional(),
  details: z.array(z.looseObject({})).default([]),
  errors: z.array(z.lazy(() => errorBodySchema)).default([]),
  limit: z.looseObject({ key: z.string(), namespace: z.string(), value: z.number() }).optional(),
}) as unknown as z.ZodType<ErrorBody>;

/** §5.6 409 codes */
export const OUTGOING_409_CODES = [
  'integration.not.active', 'session.already.closed', 'session.not.found',
  'session.bot.id.mismatch', 'session.bot.version.mismatch',
] as const;

// §4.2 regions
export const REGION_DOMAINS = {
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
} as const;
export type Region = keyof typeof REGION_DOMAINS;
/** Regions with no WebSocket host listed in the reference [U]. */
export const REGIONS_WITHOUT_WEBSOCKET_HOST: readonly Region[] = ['sa_east_1', 'eusc_de_east_1'];

// §7 Guest WebSocket frames
export const GUEST_ERROR_CODES = {
  FeatureUnavailable: 4000,
  SessionHasExpired: 4006,
  SessionNotFound: 4007,
  MessageTooLong: 4011,
  CustomAttributeSizeTooLarge: 4013,
  MissingParameter: 4020,
  RequestRateTooHigh: 4029,
  UnexpectedError: 5000,
} as const;
export const guestFrameSchema = z.looseObject({
  type: z.enum(['response', 'message']),
  class: z.string(),
  code: z.number(),
  body: z.unknown(),
  tracingId: z.string().optional(),
});
export type GuestFrame = z.infer<typeof guestFrameSchema>;
