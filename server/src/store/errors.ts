/** Errors and helpers both store engines share (store/ports.ts), so the API answers alike whichever runs. */
import { DomainError } from '../errors.ts';

/** A save against a version that is no longer current, or a create over an existing id. */
export class DesignConflictError extends DomainError {
  constructor(
    code: 'version_conflict' | 'exists',
    message: string,
    readonly currentVersion?: number,
  ) {
    super('conflict', code, message, currentVersion ? { extra: { currentVersion } } : {});
  }
}

export class InvalidCursorError extends DomainError {
  constructor() {
    super('invalid', 'invalid_cursor', 'The cursor is not one this server handed out');
  }
}

/** Cursors are opaque to clients: the last row's sequence number, base64url. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq), 'utf8').toString('base64url');
}

/** The sequence number of a cursor we handed out; throws InvalidCursorError otherwise. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,15}$/.test(text)) throw new InvalidCursorError();
  return Number(text);
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** A LIKE pattern matching `q` anywhere, with `\` as the escape so % and _ typed by the user match themselves. */
export function likeAnywhere(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The audit log's wording for a send that was pending when its process stopped. */
export const UNKNOWN_OUTCOME = {
  kind: 'unknown-outcome',
  message: 'The server stopped while this send was in progress; Genesys may or may not have delivered it.',
  hint: 'Check the conversation before sending again. It was not resent automatically.',
} as const;
