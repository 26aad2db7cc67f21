/**
 * /api/test-conversations: a guest of Web Messenger run by the server, so a design can be
 * tried end to end (guest → Genesys → our bot → guest) without opening Messenger.
 * Guest API: ../shared/reference/genesys-messaging.md, "Web Messaging Guest WebSocket API".
 */
import { z } from 'zod';

// ---- POST /api/test-conversations ----
export const createTestConversationRequestSchema = z.strictObject({
  /** First text the guest sends (opens the bot session); default "Hello". */
  text: z.string().min(1).max(2000).optional(),
  // A lone surrogate cannot be put in the guest's URL: refuse it here as bad input (400).
  deploymentId: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[\uD800-\uDFFF]/u.test(s), { error: 'deploymentId must be well-formed Unicode (no lone surrogate)' })
    .optional(),
  origin: z.string().url().optional(),
  /** The tab's previous test conversation: ended (reason "replaced") when this one starts. */
  replaces: z.string().min(1).max(200).optional(),
});
export type CreateTestConversationRequest = z.infer<typeof createTestConversationRequestSchema>;

// ---- POST /api/test-conversations/:id/messages ----
/** What the test guest sends next: a text, or a tap on a card button / quick reply (a ButtonResponse). */
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

// ---- POST /api/test-conversations/:id/end ----
/**
 * Why a test conversation ended. Clients ask for the first three (the user's End button, the
 * tab going away, a new conversation started in the tab); the server ends one on its own when
 * it has been idle for TEST_CONVERSATION_IDLE_MINUTES, when it stops, and when it drops the
 * oldest one over its limit.
 */
export const TEST_CONVERSATION_END_REASONS = ['user', 'unload', 'replaced', 'idle', 'shutdown', 'evicted'] as const;
export type TestConversationEndReason = (typeof TEST_CONVERSATION_END_REASONS)[number];
export const endTestConversationRequestSchema = z.strictObject({
  reason: z.enum(['user', 'unload', 'replaced']),
});
export type EndTestConversationRequest = z.infer<typeof endTestConversationRequestSchema>;

// ---- every route answers with the conversation (GET /api/test-conversations with a list) ----
export const TEST_CONVERSATION_STATUSES = ['connecting', 'open', 'closed', 'error'] as const;
export type TestConversationStatus = (typeof TEST_CONVERSATION_STATUSES)[number];

export const testConversationSchema = z.object({
  id: z.string(),
  deploymentId: z.string(),
  origin: z.string(),
  status: z.enum(TEST_CONVERSATION_STATUSES),
  error: z.string().optional(),
  createdAt: z.string(),
  botSessionId: z.string().nullable(),
  conversationId: z.string().nullable(),
  /** What the guest sent, oldest first. */
  sent: z.array(z.object({ at: z.string(), text: z.string(), tap: z.object({ payload: z.string(), type: z.string() }).optional() })),
  /** What Messenger would show: Outbound StructuredMessage bodies sorted by channel.time. */
  received: z.array(z.record(z.string(), z.unknown())),
  /** Error frames the guest socket got, explained, oldest first. */
  notices: z.array(z.object({ at: z.string(), code: z.number(), message: z.string() })),
  /** Set once the conversation is over: its guest connection is closed and it takes no message. */
  ended: z.object({ at: z.string(), reason: z.enum(TEST_CONVERSATION_END_REASONS) }).nullable(),
  /** The linked bot session as the store has it now (null until it links). */
  botSession: z.object({ status: z.enum(['open', 'closed']), closedReason: z.string().optional(), expiresAt: z.string() }).nullable(),
});
export type TestConversation = z.infer<typeof testConversationSchema>;
export const testConversationListResponseSchema = z.object({ items: z.array(testConversationSchema) });
export type TestConversationListResponse = z.infer<typeof testConversationListResponseSchema>;
