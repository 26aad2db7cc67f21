import { Router } from 'express';
import { validateRequestSchema, type ValidateResponse } from '@grmd/shared';
import { parse } from '../http/parse.ts';
import { runRequest, type Pipeline } from '../send/pipeline.ts';

/** Server-side processing time of a request, by name (the bench reads it; otherwise a no-op). */
export type Timing = (name: string, ms: number) => void;

/** POST /api/validate: exactly what a send would produce, without sending. */
export function validateRouter(pipeline: Pipeline, onTiming: Timing): Router {
  const r = Router();
  r.post('/validate', (req, res) => {
    const body = parse(validateRequestSchema, req.body, 'request body');
    const p0 = performance.now();
    const result = runRequest(pipeline, body);
    onTiming('validate.pipeline', performance.now() - p0);
    const out: ValidateResponse = {
      valid: result.valid,
      issues: result.issues,
      message: result.message,
      replyMessages: result.replyMessages,
      text: result.text,
    };
    res.json(out);
    // From where the body parser started its work (http/body.ts), so queueing is left out.
    const started = (res.locals.workStartedAt as number | undefined) ?? p0;
    onTiming('validate', performance.now() - started);
  });
  return r;
}
