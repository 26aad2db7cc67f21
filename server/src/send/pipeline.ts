import { runPipeline, type Purifier } from '@grmd/shared';
import type { Pipeline } from './types.ts';

/** runPipeline with the server's purifier bound: the one path /api/validate and /api/sends share. */
export function createPipeline(purify: Purifier): Pipeline {
  return (input, opts) => {
    const r = runPipeline(input, { purify, ...opts });
    return { valid: r.valid, issues: r.issues, design: r.design, message: r.message, replyMessages: r.replyMessages, text: r.text };
  };
}
