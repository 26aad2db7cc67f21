/**
 * Digital Bot Connector v2 (and the v1 differences): what Genesys posts to a bot, what the
 * bot answers, the outgoing push and the bot list. Public spec:
 * https://developer.genesys.cloud/commdigital/textbots/digital-botconnector-customer-api-spec
 */
import { z } from 'zod';
import { attachmentSchema, buttonResponseSchema, cardSchema, carouselSchema } from './message.ts';

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
        z.strictObject({
          contentType: z.literal('QuickReply'),
          // Through the bot connector emit only text, payload and image (the spec's quick reply fields).
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

/** The request Genesys POSTs to {base}/messages. */
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

