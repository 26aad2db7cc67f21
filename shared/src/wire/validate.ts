/**
 * POST /api/validate: what a send would produce, without sending. The request is also the
 * body of the send and arm routes, which run the same pipeline (shared/src/pipeline.ts).
 */
import { z } from 'zod';
import { channelIdSchema } from '../model/design.ts';
import { genesysMessageSchema, replyMessageSchema } from '../model/genesys.ts';
import { issueSchema, variableValuesSchema } from './common.ts';

/**
 * A request the pipeline runs: exactly one of `design` (a design document) or `message`
 * (anything importJson reads: a Genesys message, a Bot Connector reply, a design file),
 * optionally compiled for another channel and with variable values; `extra` adds the
 * route's own fields.
 */
export function pipelineRequestSchema<T extends z.ZodRawShape>(extra: T) {
  return z
    .strictObject({
      design: z.unknown().optional(),
      message: z.unknown().optional(),
      channel: channelIdSchema.optional(),
      variables: variableValuesSchema.optional(),
      ...extra,
    })
    .refine((b: { design?: unknown; message?: unknown }) => (b.design === undefined) !== (b.message === undefined), {
      error: 'Send exactly one of "design" or "message"',
    });
}

export const validateRequestSchema = pipelineRequestSchema({});
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
