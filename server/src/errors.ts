import type { Issue } from '@grmd/shared';

/**
 * What went wrong, in the terms of the service that noticed it rather than of HTTP. Services
 * (send/, store/) throw these; the HTTP edge alone decides the status (http/errors.ts).
 */
export type DomainErrorKind =
  /** The request is malformed (a bad cursor, a body that fails its schema). */
  | 'invalid'
  /** What the request names does not exist. */
  | 'not_found'
  /** The current state forbids it: a newer version, a send still running, a closed session. */
  | 'conflict'
  /** Well formed, but it cannot be carried out as asked (a message with errors). */
  | 'unprocessable'
  /** A system the service depends on failed (the Messenger guest socket). */
  | 'upstream';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  /** Located problems, for a client that shows each one at its path. */
  readonly issues?: Issue[];
  /** More fields for the error body (e.g. the id of the send that holds the key). */
  readonly extra?: Record<string, unknown>;

  constructor(kind: DomainErrorKind, code: string, message: string, more: { issues?: Issue[]; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    if (more.issues) this.issues = more.issues;
    if (more.extra) this.extra = more.extra;
  }
}
