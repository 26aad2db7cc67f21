/**
 * /api/sessions: the Bot Connector sessions that reached this server's bot. Genesys opens one
 * per "Call Digital Bot Connector" run; its botSessionId is what the outgoing messages API
 * needs (../shared/reference/genesys-messaging.md, "Outgoing messages API"). The timeline
 * keeps what the customer sent (taps decoded) next to what was pushed or replied.
 */
import { z } from 'zod';
import { replyMessageSchema } from '../model/genesys.ts';
import { issueSchema } from './common.ts';
import { pipelineRequestSchema } from './validate.ts';

export const SESSION_STATUSES = ['open', 'closed'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

// ---- GET /api/sessions ----
export const botSessionSchema = z.object({
  botSessionId: z.string(),
  genesysConversationId: z.string(),
  languageCode: z.string(),
  channel: z.string(),
  botId: z.string(),
  botVersion: z.string(),
  /** botSessionTimeout, minutes. */
  timeoutMinutes: z.number(),
  parameters: z.record(z.string(), z.string()),
  status: sessionStatusSchema,
  /** 'Complete' | 'Failed' (a push closed it) | 'timeout' (botSessionTimeout passed). */
  closedReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastInboundAt: z.string(),
  /** When pushes stop being accepted unless the customer writes again. */
  expiresAt: z.string(),
  /** Reply messages kept for the customer's next message (sent synchronously in replyMessages). */
  armed: z.array(replyMessageSchema).nullable(),
  messageCount: z.number(),
});
export type BotSession = z.infer<typeof botSessionSchema>;
export const sessionListResponseSchema = z.object({ items: z.array(botSessionSchema) });
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;

// ---- GET /api/sessions/:id ----
/** A card button or quick reply the customer tapped (a ButtonResponse, decoded). */
export const tapEntrySchema = z.object({ type: z.string(), text: z.string(), payload: z.string() });
export type TapEntry = z.infer<typeof tapEntrySchema>;

export const timelineEntrySchema = z.object({
  id: z.number(),
  botSessionId: z.string(),
  at: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  /** inbound: text | tap | event; outbound: push (outgoing API) | reply (synchronous replyMessages) */
  kind: z.enum(['text', 'tap', 'event', 'push', 'reply']),
  messageId: z.string().optional(),
  text: z.string().optional(),
  taps: z.array(tapEntrySchema).optional(),
  replyMessages: z.array(replyMessageSchema).optional(),
  botState: z.string().optional(),
  /** outbound: delivered | failed | unknown (outcome unknown) | pending */
  status: z.string().optional(),
  requestId: z.string().optional(),
  error: z.string().optional(),
  /** The raw inputMessage (inbound) for display. */
  raw: z.unknown().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const botSessionDetailSchema = botSessionSchema.extend({ timeline: z.array(timelineEntrySchema) });
export type BotSessionDetail = z.infer<typeof botSessionDetailSchema>;

// ---- PUT /api/sessions/:id/armed (DELETE answers 204 with no body) ----
/** A validate request; the design goes out in replyMessages of the bot's next answer. */
export const armReplyRequestSchema = pipelineRequestSchema({});
export type ArmReplyRequest = z.infer<typeof armReplyRequestSchema>;
export const armReplyResponseSchema = z.object({
  botSessionId: z.string(),
  armed: z.array(replyMessageSchema),
  issues: z.array(issueSchema),
});
export type ArmReplyResponse = z.infer<typeof armReplyResponseSchema>;
