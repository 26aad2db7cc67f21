import type { z } from 'zod';
import { formatPath } from '@grmd/shared';

/** A zod issue with its path written the way every message of the project writes paths: `content[0].card.title`. */
export type LocatedIssue = { path: string; message: string; code: string };

/**
 * The one translation of zod issues for the server and the sandbox: the HTTP edge turns them
 * into API issues (http/parse.ts), the sandbox into Genesys ErrorBody details (sandbox/wire.ts).
 * The path formatter is shared's, so the editor, the CLI and the server print paths alike.
 */
export function locatedIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): LocatedIssue[] {
  return error.issues.map((i) => ({
    path: formatPath([...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))]),
    message: i.message,
    code: i.code,
  }));
}
