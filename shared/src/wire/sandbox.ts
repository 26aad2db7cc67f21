/**
 * /api/sandbox/faults: fault injection in the embedded Genesys sandbox (e2e tests, demos).
 * Mounted in sandbox mode only; a live server has no such route.
 */
import { z } from 'zod';

export const SANDBOX_FAULT_ROUTES = ['token', 'outgoing', 'agentSend', 'conversation', 'guest'] as const;
export type SandboxFaultRoute = (typeof SANDBOX_FAULT_ROUTES)[number];

/** One rule: the next `times` requests of `route` fail as described. */
export const sandboxFaultRuleSchema = z.strictObject({
  route: z.enum(SANDBOX_FAULT_ROUTES),
  /** HTTP status; on the guest route also a Guest API error code (4000-5999, e.g. 4006). */
  status: z.number().int().min(400).max(5999).optional(),
  /** With status 429: the Retry-After header (guest: body.retryAfter). */
  retryAfterSeconds: z.number().int().min(0).max(120).optional(),
  /** Wait this long before answering (or before processing, with reset). */
  delayMs: z.number().int().min(0).max(30_000).optional(),
  /** Process the request, then drop the connection without answering (an unknown outcome). */
  reset: z.boolean().optional(),
  /** How many matching requests the rule applies to. */
  times: z.number().int().min(1).max(100),
});
export type SandboxFaultRule = z.infer<typeof sandboxFaultRuleSchema>;

// ---- POST /api/sandbox/faults ----
export const sandboxFaultRequestSchema = sandboxFaultRuleSchema
  .refine((f) => f.status === undefined || f.status <= 599 || f.route === 'guest', {
    path: ['status'],
    error: 'Only the guest route takes a Guest API error code above 599',
  })
  .refine((f) => !(f.reset && f.status !== undefined), { path: ['reset'], error: 'Give either reset or status, not both' });
export type SandboxFaultRequest = z.infer<typeof sandboxFaultRequestSchema>;

// ---- GET, POST and DELETE /api/sandbox/faults answer with the rules still armed ----
export const sandboxFaultsResponseSchema = z.object({ faults: z.array(sandboxFaultRuleSchema) });
export type SandboxFaultsResponse = z.infer<typeof sandboxFaultsResponseSchema>;
