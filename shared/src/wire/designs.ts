/**
 * /api/designs: the design library. Every save makes a new version; updates and deletes
 * name the version they expect, and a newer one answers 409 version_conflict with
 * `currentVersion` in the error.
 */
import { z } from 'zod';
import { designSchema } from '../model/design.ts';

export const designSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DesignSummary = z.infer<typeof designSummarySchema>;
/** GET, POST and PUT of one design answer with it. */
export const designRecordSchema = designSummarySchema.extend({ design: designSchema });
export type DesignRecord = z.infer<typeof designRecordSchema>;

// ---- GET /api/designs ----
export const designListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type DesignListQuery = z.infer<typeof designListQuerySchema>;
export const designListResponseSchema = z.object({ items: z.array(designSummarySchema) });
export type DesignListResponse = z.infer<typeof designListResponseSchema>;

// ---- POST /api/designs, PUT /api/designs/:id ----
export const createDesignRequestSchema = z.strictObject({ design: designSchema });
export type CreateDesignRequest = z.infer<typeof createDesignRequestSchema>;
export const updateDesignRequestSchema = z.strictObject({
  design: designSchema,
  expectedVersion: z.number().int().min(1),
});
export type UpdateDesignRequest = z.infer<typeof updateDesignRequestSchema>;

// ---- DELETE /api/designs/:id[?expectedVersion=n] ----
export const deleteDesignQuerySchema = z.object({ expectedVersion: z.coerce.number().int().min(1).optional() });
export type DeleteDesignQuery = z.infer<typeof deleteDesignQuerySchema>;
export const deleteDesignResponseSchema = z.object({ deleted: z.literal(true), id: z.string() });
export type DeleteDesignResponse = z.infer<typeof deleteDesignResponseSchema>;

// ---- GET /api/designs/:id/versions, GET /api/designs/:id/versions/:version ----
/** The :version of a path. */
export const designVersionParamSchema = z.coerce.number().int().min(1);
export const designVersionSummarySchema = z.object({ version: z.number(), name: z.string(), savedAt: z.string() });
export type DesignVersionSummary = z.infer<typeof designVersionSummarySchema>;
export const designVersionsResponseSchema = z.object({ items: z.array(designVersionSummarySchema) });
export type DesignVersionsResponse = z.infer<typeof designVersionsResponseSchema>;
export const designVersionResponseSchema = designVersionSummarySchema.extend({ design: designSchema });
export type DesignVersionResponse = z.infer<typeof designVersionResponseSchema>;
