/**
 * What every /api route shares: the error body, the issue shape, the Idempotency-Key, and
 * the few routes that are not about messages (health, login, connection status).
 */
import { z } from 'zod';
import type { Issue } from '../model/issues.ts';

/** Tied to the Issue type of shared/src/model/issues.ts, so the two cannot drift apart. */
export const issueSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
}) satisfies z.ZodType<Issue>;

/**
 * Every non-2xx answer of /api. Besides code, message and issues an error may carry details
 * the client shows as they are (e.g. `currentVersion` with a 409 version_conflict).
 */
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

/** Variable values of a request: they override the design's samples. */
export const variableValuesSchema = z.record(z.string(), z.string());

/** sandbox: the embedded Genesys sandbox answers; live: a real Genesys Cloud org does. */
export const SERVER_MODES = ['sandbox', 'live'] as const;
export const serverModeSchema = z.enum(SERVER_MODES);
export type ServerMode = z.infer<typeof serverModeSchema>;

// ---- GET /api/health ----
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  mode: serverModeSchema,
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

// ---- /api/auth: only when APP_ACCESS_TOKEN is set does /api need the session cookie ----
export const loginRequestSchema = z.strictObject({ token: z.string().min(1).max(1024) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export const loginResponseSchema = z.object({ ok: z.literal(true), required: z.boolean() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export const logoutResponseSchema = z.object({ ok: z.literal(true) });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;
export const authStatusResponseSchema = z.object({
  required: z.boolean(),
  authenticated: z.boolean(),
  /** Who the session belongs to, as the audit log names them ("access token" for the shared token). */
  who: z.string().optional(),
  /** The ways to sign in this server offers (when sign-in is required). */
  methods: z.object({ token: z.boolean(), genesys: z.boolean() }).optional(),
});
export type AuthStatusResponse = z.infer<typeof authStatusResponseSchema>;

// ---- GET /api/connection ----
export const connectionResponseSchema = z.object({
  mode: serverModeSchema,
  region: z.string(),
  /** First and last characters only. */
  clientId: z.string().nullable(),
  token: z.object({
    ok: z.boolean(),
    error: z.string().optional(),
    hint: z.string().optional(),
    /** When a token request last succeeded (ISO 8601), null when none has since the server started. */
    lastSucceededAt: z.string().nullable().optional(),
  }),
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
