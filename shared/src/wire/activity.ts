/**
 * /api/activity: the audit entries that are not sends — design creates, saves, deletes and
 * restores, connection changes (the sandbox's fault controls), armed replies — each naming who
 * did it, as sends do (a signed-in person's name, "access token", or "local"). Newest first,
 * paged like GET /api/sends.
 */
import { z } from 'zod';

export const ACTIVITY_ACTIONS = ['design.create', 'design.save', 'design.delete', 'design.restore', 'connection.change', 'reply.arm'] as const;
export const activityActionSchema = z.enum(ACTIVITY_ACTIONS);
export type ActivityAction = z.infer<typeof activityActionSchema>;

// ---- the items of GET /api/activity ----
export const activityRecordSchema = z.object({
  id: z.number(),
  /** When it happened (ISO 8601). */
  at: z.string(),
  action: activityActionSchema,
  /** What it was done to: a design id, a bot session id, "connection". */
  subject: z.string(),
  /** A human-readable name of the subject (the design's name), when there is one. */
  subjectName: z.string().nullable(),
  /** Who did it: a signed-in person's name, "access token", or "local"; null when unknown. */
  actor: z.string().nullable(),
  /** Small details (versions, what changed); never secrets. */
  detail: z.record(z.string(), z.unknown()),
});
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

// ---- GET /api/activity ----
export const activityListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(64).optional(),
  /** Only the entries of this actor (exactly as `actor` shows it). */
  actor: z.string().max(200).optional(),
  action: activityActionSchema.optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;
export const activityListResponseSchema = z.object({ items: z.array(activityRecordSchema), nextCursor: z.string().nullable() });
export type ActivityListResponse = z.infer<typeof activityListResponseSchema>;
