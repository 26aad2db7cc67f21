/**
 * /api/sends: test sends to a bot session (Bot Connector outgoing messages API) or to a
 * conversation (agent send, text fallback), the send log and its figures. POST needs an
 * Idempotency-Key header (common.ts): retrying with the same key never sends twice.
 */
import { z } from 'zod';
import { pipelineRequestSchema } from './validate.ts';

export const sendTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('botSession'), botSessionId: z.string().min(1).max(200) }),
  z.strictObject({
    kind: z.literal('conversation'),
    conversationId: z.string().min(1).max(200),
    communicationId: z.string().min(1).max(200).optional(),
  }),
]);
export type SendTarget = z.infer<typeof sendTargetSchema>;

/**
 * Where a send in the audit log went: a requested target, or (record only, never something a
 * client can ask for) a reply armed for a bot session that left in `replyMessages` of the
 * bot's answer to the customer's message `inReplyTo` (absent when the arming was refused).
 */
export const sendRecordTargetSchema = z.discriminatedUnion('kind', [
  ...sendTargetSchema.options,
  z.strictObject({ kind: z.literal('botReply'), botSessionId: z.string(), inReplyTo: z.string().optional() }),
]);
export type SendRecordTarget = z.infer<typeof sendRecordTargetSchema>;

// ---- POST /api/sends ----
export const sendRequestSchema = pipelineRequestSchema({
  target: sendTargetSchema,
  /**
   * Bot session targets only: push with botState "Complete", which ends the bot session
   * (../shared/reference/genesys-messaging.md, "POST {base}/messages").
   */
  endSession: z.boolean().optional(),
});
export type SendRequest = z.infer<typeof sendRequestSchema>;

export const SEND_STATUSES = ['pending', 'sent', 'failed', 'unknown'] as const;
export const sendStatusSchema = z.enum(SEND_STATUSES);
export type SendStatus = z.infer<typeof sendStatusSchema>;

/** What went wrong upstream, in words a user can act on. Never holds secrets or stacks. */
export const sendErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  status: z.number().optional(),
  code: z.string().optional(),
  correlationId: z.string().optional(),
});
export type SendError = z.infer<typeof sendErrorSchema>;

export const sendResultSchema = z.object({
  id: z.string(),
  status: sendStatusSchema,
  genesysMessageId: z.string().optional(),
  attempts: z.number(),
  latencyMs: z.number().nullable(),
  error: sendErrorSchema.optional(),
  /** True when this answer replays an earlier request with the same Idempotency-Key. */
  replayed: z.boolean(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

// ---- GET /api/sends/progress/:key ----
/**
 * A send in progress, looked up by its Idempotency-Key while POST /api/sends is still open,
 * so the UI can show "waiting for a rate slot" or count down to the next retry after a 429.
 */
export const sendProgressSchema = z.object({
  state: z.enum(['queued', 'sending', 'waiting', 'done']),
  /** Attempts made so far. */
  attempts: z.number(),
  /** While waiting: when the next attempt starts (ISO time) and why. */
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
});
export type SendProgress = z.infer<typeof sendProgressSchema>;

// ---- GET /api/sends/:id (and the items of GET /api/sends) ----
export const sendRecordSchema = z.object({
  id: z.string(),
  status: sendStatusSchema,
  target: sendRecordTargetSchema,
  channel: z.string().nullable(),
  designId: z.string().nullable(),
  designName: z.string().nullable(),
  /** The sanitized compiled message exactly as pushed (or the text for the agent send). */
  message: z.unknown(),
  text: z.string().nullable(),
  requestId: z.string(),
  genesysMessageId: z.string().nullable(),
  attempts: z.number(),
  latencyMs: z.number().nullable(),
  error: sendErrorSchema.nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  /** Who did the send: a signed-in person's name, "access token", or "local"; null for sends recorded before it was kept. */
  actor: z.string().nullable().optional(),
});
export type SendRecord = z.infer<typeof sendRecordSchema>;

// ---- GET /api/sends ----
export const sendListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(64).optional(),
  status: sendStatusSchema.optional(),
  /** Case-insensitive text in the design name, send id, Genesys message id or target id. */
  q: z.string().max(200).optional(),
  /** Only the sends of this actor (exactly as `actor` shows it). */
  actor: z.string().max(200).optional(),
});
export type SendListQuery = z.infer<typeof sendListQuerySchema>;
export const sendListResponseSchema = z.object({ items: z.array(sendRecordSchema), nextCursor: z.string().nullable() });
export type SendListResponse = z.infer<typeof sendListResponseSchema>;

// ---- GET /api/sends/stats ----
export const sendStatsResponseSchema = z.object({
  total: z.number(),
  counts: z.object({ pending: z.number(), sent: z.number(), failed: z.number(), unknown: z.number() }),
  /** sent / (sent + failed + unknown) × 100, null before the first completed send. */
  successRate: z.number().nullable(),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
});
export type SendStatsResponse = z.infer<typeof sendStatsResponseSchema>;
