import { Router } from 'express';
import { validateRequestSchema, type ValidateResponse } from '@grmd/shared';
import { runRequest } from '../send/pipeline.ts';
import type { Pipeline } from '../send/types.ts';
import { h, notWired, parse } from './util.ts';

/** POST /api/validate: exactly what a send would produce, without sending. */
export function validateRouter(
  pipeline: Pipeline | undefined,
  onTiming?: (name: string, ms: number) => void,
): Router {
  const r = Router();
  r.post(
    '/validate',
    h((req, res) => {
      const body = parse(validateRequestSchema, req.body, 'request body');
      if (!pipeline) notWired('Validation (shared runPipeline)');
      const p0 = onTiming ? performance.now() : 0;
      const result = runRequest(pipeline, body);
      if (onTiming) onTiming('validate.pipeline', performance.now() - p0);
      const out: ValidateResponse = {
        valid: result.valid,
        issues: result.issues,
        message: result.message,
        replyMessages: result.replyMessages,
        text: result.text,
      };
      res.json(out);
      if (onTiming) {
        const started = (res.locals.workStartedAt as number | undefined) ?? performance.now();
        onTiming('validate', performance.now() - started);
      }
    }),
  );
  return r;
}
