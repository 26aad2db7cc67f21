/**
 * Answers of the server that `@grmd/shared` does not describe yet (bot sessions, their
 * timeline, the test conversation as the server reports it). Loose objects: the client reads
 * the fields it shows and lets the server add others.
 */
import { z } from 'zod';
import { testConversationSchema } from '@grmd/shared';

export const timelineEntrySchema = z.looseObject({
  id: z.number(),
  at: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  kind: z.string(),
  messageId: z.string().optional(),
  text: z.string().optional(),
  taps: z.array(z.object({ type: z.string(), text: z.string(), payload: z.string() })).optional(),
  replyMessages: z.array(z.unknown()).optional(),
  botState: z.string().optional(),
  status: z.string().optional(),
  error: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const sessionSchema = z.looseObject({
  botSessionId: z.string(),
  genesysConversationId: z.string(),
  channel: z.string(),
  status: z.enum(['open', 'closed']),
  closedReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
  messageCount: z.number().optional(),
  /** Replies kept for the customer's next message (sent synchronously in replyMessages). */
  armed: z.array(z.unknown()).nullable().optional(),
});
export type Session = z.infer<typeof sessionSchema>;
export const sessionDetailSchema = sessionSchema.extend({ timeline: z.array(timelineEntrySchema) });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const conversationViewSchema = testConversationSchema.extend({
  status: z.enum(['connecting', 'open', 'closed', 'error']),
  error: z.string().optional(),
  createdAt: z.string(),
  botSessionId: z.string().nullable(),
  conversationId: z.string().nullable(),
  sent: z.array(z.object({ at: z.string(), text: z.string(), tap: z.object({ payload: z.string(), type: z.string() }).optional() })),
  received: z.array(z.record(z.string(), z.unknown())),
  notices: z.array(z.object({ at: z.string(), code: z.number(), message: z.string() })).optional(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;
