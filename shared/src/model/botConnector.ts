/**
 * Digital Bot Connector v2 (and the v1 differences): what Genesys posts to a bot, what the
 * bot answers, the outgoing push and the bot list. Public spec:
 * https://developer.genesys.cloud/commdigital/textbots/digital-botconnector-customer-api-spec
 */
import { z } from 'zod';
import { attachmentSchema, cardSchema, carouselSchema, quickReplySchema } from './message.ts';

// What a bot may put in replyMessages (the POST /messages response and the outgoing push):
// Text or Structured, and only these content types (the Bot Connector spec linked above).
export const BOT_REPLY_CONTENT_TYPES = ['QuickReply', 'Card', 'Carousel', 'Attachment'] as const;
export const replyMessageSchema = z.strictObject({
  type: z.enum(['Text', 'Structured']),
  text: z.string().optional(),
  content: z
    .array(
      z.discriminatedUnion('contentType', [
        z.strictObject({ contentType: z.literal('Card'), card: cardSchema }),
        z.strictObject({ contentType: z.literal('Carousel'), carousel: carouselSchema }),
        // Accepted as the Platform model has it (action, summaryText too); what we send is
        // stricter: export emits only the spec page's text, payload and image
        // (shared/src/transform/export.ts, replyMessagesFor).
        z.strictObject({ contentType: z.literal('QuickReply'), quickReply: quickReplySchema }),
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
/**
 * errorInfo. Genesys' own sources disagree: the Bot Connector v2 spec page names the fields
 * errorCode/errorMessage, the Platform model (ErrorInfo in the official SDKs) code/message
 * (../shared/reference/dbc-v2-spec/README.md). We send the spec page's spelling, since that
 * page is the contract of the bot webhook and its replies; we accept both, as a faithful
 * Genesys must (our sandbox included).
 */
export const errorInfoSchema = z.strictObject({ errorCode: z.string(), errorMessage: z.string() });
export const acceptedErrorInfoSchema = z.union([errorInfoSchema, z.strictObject({ code: z.string(), message: z.string() })]);
export type AcceptedErrorInfo = z.infer<typeof acceptedErrorInfoSchema>;

/** The message of an errorInfo in either spelling. */
export function errorInfoMessage(info: AcceptedErrorInfo | undefined): string | undefined {
  if (!info) return undefined;
  return 'errorMessage' in info ? info.errorMessage : info.message;
}

const botReplyFields = {
  botState: botStateSchema,
  intent: z.string().optional(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
  entities: z.array(botEntityValueSchema).optional(),
  errorInfo: acceptedErrorInfoSchema.optional(),
};
function requireIntentWhenComplete(r: { botState: string; intent?: string | undefined }, ctx: z.RefinementCtx) {
  if (r.botState === 'Complete' && !r.intent) {
    ctx.addIssue({ code: 'custom', message: 'botState Complete requires an intent', path: ['intent'] });
  }
}

/** The response of POST {base}/messages (Bot Connector v2). */
export const botConnectorV2ReplySchema = z
  .strictObject({ ...botReplyFields, replyMessages: z.array(replyMessageSchema).nullable().optional() })
  .superRefine(requireIntentWhenComplete);
export type BotConnectorV2Reply = z.infer<typeof botConnectorV2ReplySchema>;

/** The v1 variant: lowercase `replymessages`, `slotValues`; production bots send upper-case states. */
export const botConnectorV1ReplySchema = z.looseObject({
  botState: z.string(),
  intent: z.string().optional(),
  confidence: z.number().nullable().optional(),
  replymessages: z.array(replyMessageSchema).nullable().optional(),
  slotValues: z.unknown().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
});
export type BotConnectorV1Reply = z.infer<typeof botConnectorV1ReplySchema>;

/**
 * The request Genesys POSTs to {base}/messages. Liberal in what we accept: every level is a
 * loose object, because Genesys adds fields over time (the Platform model of this request,
 * IncomingMessageRequest in the official SDK, already lists botName, integrationId,
 * conversationId, messagingPlatformType and channels, which the spec page does not) and it
 * never retries a 4xx: a bot that refused an unknown field would send the flow down its
 * failure path. What the spec page requires must still be there, with the right type.
 */
const incomingButtonResponseSchema = z.looseObject({
  // A string, not our enum: a new kind of button must reach the bot, not fail the flow.
  type: z.string(),
  text: z.string(),
  payload: z.string(),
  originatingMessageId: z.string().optional(),
});
const incomingContentSchema = z
  .looseObject({ contentType: z.string(), buttonResponse: incomingButtonResponseSchema.optional() })
  .superRefine((item, ctx) => {
    if (item.contentType === 'ButtonResponse' && item.buttonResponse === undefined) {
      ctx.addIssue({ code: 'custom', path: ['buttonResponse'], message: 'A ButtonResponse content item needs its buttonResponse' });
    }
  });
export const botConnectorRequestSchema = z.looseObject({
  botId: z.string(),
  botVersion: z.string(),
  botSessionId: z.string(),
  messageId: z.string(),
  inputMessage: z.looseObject({
    type: z.enum(['Text', 'Structured']),
    text: z.string().optional(),
    content: z.array(incomingContentSchema).optional(),
  }),
  languageCode: z.string(),
  botSessionTimeout: z.number(),
  genesysConversationId: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
});
export type BotConnectorRequest = z.infer<typeof botConnectorRequestSchema>;

/** OutgoingMessageRequest (bot → customer push). */
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

// GET {base}/bots: the bot list
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

