/**
 * The HTTP API of the server, as zod schemas: the server validates requests with them and
 * the client parses responses with them. Errors always have the shape of `apiErrorSchema`.
 */
import { z } from 'zod';
import { CHANNEL_IDS } from '../model/channels.ts';
import { designSchema } from '../model/design.ts';
import { genesysMessageSchema, replyMessageSchema } from '../model/genesys.ts';

export const issueSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
});

/** Every non-2xx answer of /api. */
export const apiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(issueSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Keys are opaque to the server; this bounds their size and alphabet. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, {
  error: 'Idempotency-Key must be 8–128 characters of letters, digits, . _ : -',
});

const variablesSchema = z.record(z.string(), z.string());
const channelSchema = z.enum(CHANNEL_IDS);

// ---- health, auth, connection ----
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  mode: z.enum(['sandbox', 'live']),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const loginRequestSchema = z.strictObject({ token: z.string().min(1).max(1024) });
export const loginResponseSchema = z.object({ ok: z.literal(true), required: z.boolean() });
export const authStatusResponseSchema = z.object({ required: z.boolean(), authenticated: z.boolean() });

export const connectionResponseSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  region: z.string(),
  /** First and last characters only. */
  clientId: z.string().nullable(),
  token: z.object({ ok: z.boolean(), error: z.string().optional(), hint: z.string().optional() }),
  botConnector: z.object({
    botId: z.string(),
    botName: z.string(),
    botVersion: z.string(),
    secretHeader: z.string(),
    /** Where Genesys must call us: {base}/botconnector. */
    path: z.literal('/botconnector'),
  }),
  guest: z.object({ configured: z.boolean(), deploymentId: z.string().nullable(), origin: z.string().nullable() }),
  analyticsWebhook: z.object({ configured: z.boolean(), pending: z.number(), delivered: z.number(), dead: z.number() }),
  sendRate: z.object({ perMinute: z.number() }),
});
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>;

// ---- validate ----
/** Exactly one of `design` (a design document) or `message` (any import format). */
export const validateRequestSchema = z
  .strictObject({
    design: z.unknown().optional(),
    message: z.unknown().optional(),
    channel: channelSchema.optional(),
    variables: variablesSchema.optional(),
  })
  .refine((b) => (b.design === undefined) !== (b.message === undefined), {
    error: 'Send exactly one of "design" or "message"',
  });
export type ValidateRequest = z.infer<typeof validateRequestSchema>;

export const validateResponseSchema = z.object({
  valid: z.boolean(),
  issues: z.array(issueSchema),
  /** The sanitized compiled message, exactly as a send would push it. */
  message: genesysMessageSchema.nullable(),
  replyMessages: z.array(replyMessageSchema).nullable(),
  /** The text fallback (what the agent send or a text-only channel gets). */
  text: z.string().nullable(),
});
export type ValidateResponse = z.infer<typeof validateResponseSchema>;

// ---- sends ----
export const sendTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('botSession'), botSessionId: z.string().min(1).max(200) }),
  z.strictObject({
    kind: z.literal('conversation'),
    conversationId: z.string().min(1).max(200),
    communicationId: z.string().min(1).max(200).optional(),
  }),
]);
export type SendTarget = z.infer<typeof sendTargetSchema>;

export const sendRequestSchema = z
  .strictObject({
    design: z.unknown().optional(),
    message: z.unknown().optional(),
    target: sendTargetSchema,
    channel: channelSchema.optional(),
    variables: variablesSchema.optional(),
    /** Bot session targets only: push with botState "Complete", which ends the bot session (§5.4). */
    endSession: z.boolean().optional(),
  })
  .refine((b) => (b.design === undefined) !== (b.message === undefined), {
    error: 'Send exactly one of "design" or "message"',
  });
export type SendRequest = z.infer<typeof sendRequestSchema>;

export const SEND_STATUSES = ['pending', 'sent', 'failed', 'unknown'] as const;
export const sendStatusSchema = z.enum(SEND_STATUSES);
export type SendStatus = z.infer<typeof sendStatusSchema>;

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

export const sendRecordSchema = z.object({
  id: z.string(),
  status: sendStatusSchema,
  target: sendTargetSchema,
  channel: z.string().nullable(),
  designId: z.string().nullable(),
  designName: z.string().nullable(),
  message: z.unknown(),
  text: z.string().nullable(),
  requestId: z.string(),
  genesysMessageId: z.string().nullable(),
  attempts: z.number(),
  latencyMs: z.number().nullable(),
  error: sendErrorSchema.nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type SendRecord = z.infer<typeof sendRecordSchema>;

export const sendListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(64).optional(),
  status: sendStatusSchema.optional(),
  /** Case-insensitive text in the design name, send id, Genesys message id or target id. */
  q: z.string().max(200).optional(),
});
export const sendListResponseSchema = z.object({ items: z.array(sendRecordSchema), nextCursor: z.string().nullable() });
export type SendListResponse = z.infer<typeof sendListResponseSchema>;

export const sendStatsResponseSchema = z.object({
  total: z.number(),
  counts: z.object({ pending: z.number(), sent: z.number(), failed: z.number(), unknown: z.number() }),
  /** sent / (sent + failed + unknown) × 100, null before the first completed send. */
  successRate: z.number().nullable(),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
});
export type SendStatsResponse = z.infer<typeof sendStatsResponseSchema>;

// ---- designs ----
export const designSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DesignSummary = z.infer<typeof designSummarySchema>;
export const designRecordSchema = designSummarySchema.extend({ design: designSchema });
export type DesignRecord = z.infer<typeof designRecordSchema>;
export const designListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const designListResponseSchema = z.object({ items: z.array(designSummarySchema) });
export const createDesignRequestSchema = z.strictObject({ design: designSchema });
export const updateDesignRequestSchema = z.strictObject({
  design: designSchema,
  expectedVersion: z.number().int().min(1),
});
export const designVersionSummarySchema = z.object({ version: z.number(), name: z.string(), savedAt: z.string() });
export const designVersionsResponseSchema = z.object({ items: z.array(designVersionSummarySchema) });
export const designVersionResponseSchema = designVersionSummarySchema.extend({ design: designSchema });
export const deleteDesignResponseSchema = z.object({ deleted: z.literal(true), id: z.string() });

// ---- bot sessions and test conversations ----
/** A Bot Connector session as the server saw it (its timeline holds turns and pushes). */
export const botSessionSchema = z.looseObject({ botSessionId: z.string() });
export const sessionListResponseSchema = z.object({ items: z.array(botSessionSchema) });
/** PUT /api/sessions/:id/armed takes a validate request; the design goes out in replyMessages of the bot's next answer. */
export const armReplyRequestSchema = validateRequestSchema;
export const armReplyResponseSchema = z.object({
  botSessionId: z.string(),
  armed: z.array(replyMessageSchema),
  issues: z.array(issueSchema),
});
export type ArmReplyResponse = z.infer<typeof armReplyResponseSchema>;

export const createTestConversationRequestSchema = z.strictObject({
  /** First text the guest sends (opens the bot session); default "Hello". */
  text: z.string().min(1).max(2000).optional(),
  deploymentId: z.string().min(1).max(200).optional(),
  origin: z.string().url().optional(),
});
/** What the test guest sends next: a text, or a tap on a card button / quick reply (§7.5). */
export const testConversationMessageRequestSchema = z.union([
  z.strictObject({ text: z.string().min(1).max(4000) }),
  z.strictObject({
    tap: z.strictObject({
      text: z.string().max(2000),
      payload: z.string().max(2000),
      type: z.enum(['Button', 'QuickReply']).optional(),
    }),
  }),
]);
export type TestConversationMessageRequest = z.infer<typeof testConversationMessageRequestSchema>;
export const testConversationSchema = z.looseObject({ id: z.string() });
export type TestConversation = z.infer<typeof testConversationSchema>;

// ---- sandbox test controls (sandbox mode only) ----
/** Fault injection in the embedded sandbox, exposed under /api/sandbox in sandbox mode only (e2e, demos). */
export const sandboxFaultRequestSchema = z
  .strictObject({
    route: z.enum(['token', 'outgoing', 'agentSend', 'conversation', 'guest']),
    /** HTTP status; on the guest route also a Guest API error code (4000-5999, e.g. 4006). */
    status: z.number().int().min(400).max(5999).optional(),
    retryAfterSeconds: z.number().int().min(0).max(120).optional(),
    delayMs: z.number().int().min(0).max(30_000).optional(),
    /** Process the request, then drop the connection without answering (an unknown outcome). */
    reset: z.boolean().optional(),
    times: z.number().int().min(1).max(100),
  })
  .refine((f) => f.status === undefined || f.status <= 599 || f.route === 'guest', {
    path: ['status'],
    error: 'Only the guest route takes a Guest API error code above 599',
  })
  .refine((f) => !(f.reset && f.status !== undefined), { path: ['reset'], error: 'Give either reset or status, not both' });
export type SandboxFaultRequest = z.infer<typeof sandboxFaultRequestSchema>;
