import type { z } from 'zod';
import { issuesFromZod } from '@grmd/shared';

/** A zod issue with its path written the way every message of the project writes paths: `content[0].card.title`. */
export type LocatedIssue = { path: string; message: string; code: string };

/**
 * zod issues for the sandbox and the bot routes, which answer in Genesys' words (ErrorBody
 * details, 400 bodies) rather than as editor Issues: shared issuesFromZod
 * (shared/src/model/schemaIssues.ts) locates them, so the editor, the CLI and the server print
 * paths alike; zod's own code and message are kept.
 */
export function locatedIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): LocatedIssue[] {
  return issuesFromZod(error, { prefix, code: (zi) => zi.code, message: (zi) => zi.message }).map(({ path, message, code }) => ({ path, message, code }));
}
