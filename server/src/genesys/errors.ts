/**
 * Typed Genesys failures. Every error carries a `hint` that says what to change, because the
 * raw Platform messages ("You are missing the following permission(s)...") rarely say where.
 */
import type { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '@grmd/shared';

export const GENESYS_ERROR_KINDS = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'server',
  'timeout',
  'network',
  'unknown-outcome',
] as const;
export type GenesysErrorKind = (typeof GENESYS_ERROR_KINDS)[number];

/** What the call was, so a hint can name the right permission. */
export type GenesysOperation = 'token' | 'outgoing' | 'agentSend' | 'getConversation' | 'other';

export class GenesysApiError extends Error {
  readonly kind: GenesysErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly hint: string;
  readonly attempts: number;
  readonly correlationId?: string;
  readonly requestId?: string;
  readonly operation: GenesysOperation;
  /** The Genesys ErrorBody, when the response had one. */
  readonly body?: ErrorBody;
  /** The field Genesys named (ErrorBody.details[].fieldName), for 400s. */
  readonly fieldName?: string;
  /** For rate-limited: how long Genesys asked us to wait (Retry-After, or the 3 s default). */
  readonly retryAfterMs?: number;

  constructor(init: {
    kind: GenesysErrorKind;
    message: string;
    operation: GenesysOperation;
    attempts: number;
    status?: number;
    code?: string;
    hint?: string;
    correlationId?: string;
    requestId?: string;
    body?: ErrorBody;
    fieldName?: string;
    retryAfterMs?: number;
  }) {
    super(init.message);
    this.name = 'GenesysApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.operation = init.operation;
    this.attempts = init.attempts;
    this.correlationId = init.correlationId;
    this.requestId = init.requestId;
    this.body = init.body;
    this.fieldName = init.fieldName;
    this.retryAfterMs = init.retryAfterMs;
    this.hint = init.hint ?? hintFor(init.kind, init.operation, init.code);
  }

  /** Safe to return to our own UI: no stack, no token. */
  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      hint: this.hint,
      attempts: this.attempts,
      correlationId: this.correlationId,
      requestId: this.requestId,
      fieldName: this.fieldName,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

const PERMISSION: Record<GenesysOperation, string> = {
  token: '',
  outgoing: 'integration:botconnector:send',
  agentSend: 'conversation:message:create (or conversation:webmessaging:create)',
  getConversation: 'conversation:communication:view (read access to conversations)',
  other: 'the permission this endpoint needs',
};

const CONFLICT_HINTS: Record<string, string> = {
  'integration.not.active':
    'Activate the "Genesys Digital Bot Connector" integration in Admin > Integrations.',
  'session.already.closed':
    'The bot session was closed (Complete/Failed was sent, or the flow moved on). Send a new message from Messenger to open a new session, and push with botState MoreData to keep it open.',
  'session.not.found':
    'The botSessionId is unknown or its botSessionTimeout expired. Start a new conversation from Messenger and push to the new session.',
  'session.bot.id.mismatch':
    "The botId differs from the session's. Use the botId Genesys sent in POST /botconnector/messages (BOT_CONNECTOR_BOT_ID).",
  'session.bot.version.mismatch':
    "The botVersion differs from the session's. Use the version the flow selected (BOT_CONNECTOR_BOT_VERSION).",
};

export function hintFor(kind: GenesysErrorKind, op: GenesysOperation, code?: string): string {
  switch (kind) {
    case 'bad-request':
      return op === 'token'
        ? 'The token request was refused; check the OAuth client is of type Client Credentials.'
        : 'Genesys rejected the request body; fix the field it names and send again.';
    case 'unauthorized':
      return op === 'token'
        ? 'Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET, and that GENESYS_REGION is the region of the org that owns the OAuth client.'
        : 'The access token was refused even after a fresh one was fetched; check the OAuth client is active and in the same region as GENESYS_REGION.';
    case 'forbidden':
      return `The OAuth client's role needs ${PERMISSION[op]}; add it to the role assigned to the client (Admin > OAuth > Roles).`;
    case 'not-found':
      return op === 'agentSend'
        ? 'The conversation or communication id does not exist in this org; use the communication id of the connected agent participant (GET /api/v2/conversations/{id}).'
        : 'The conversation or resource does not exist in this org or region; check the id and GENESYS_REGION.';
    case 'conflict':
      return (code && CONFLICT_HINTS[code]) ?? 'Genesys refused the request in the current state of the session.';
    case 'rate-limited':
      return 'The OAuth client hit its rate limit (300 requests/minute by default); wait and send again, or ask Genesys support to raise the limit.';
    case 'server':
      return 'Genesys returned a server error after retries; try again later and quote the correlation id to support.';
    case 'timeout':
      return 'Genesys did not answer in time; check the network and try again.';
    case 'network':
      return 'Genesys could not be reached; check the network, proxy and the GENESYS_* base URLs.';
    case 'unknown-outcome':
      return 'The request reached Genesys but no answer came back, so it may have been delivered. It was not resent to avoid a duplicate; check Messenger before sending again.';
  }
}

/** Maps an HTTP error status to a kind. 2xx never comes here. */
export function kindForStatus(status: number): GenesysErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** Reads a Platform ErrorBody (genesys-messaging.md, "Platform API errors and rate limits") or an OAuth error (`{error}`) from a response text. */
export function parseErrorBody(text: string): { body?: ErrorBody; code?: string; message?: string; fieldName?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) || undefined };
  }
  const eb = errorBodySchema.safeParse(json);
  if (eb.success) {
    const field = eb.data.details.find((d) => typeof d.fieldName === 'string')?.fieldName;
    return { body: eb.data, code: eb.data.code, message: eb.data.message, fieldName: field };
  }
  if (json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string') {
    const o = json as { error: string; error_description?: string; description?: string };
    return { code: o.error, message: o.error_description ?? o.description ?? o.error };
  }
  return {};
}

/**
 * The body of a 2xx answer, read with its schema. One that is not JSON or does not match is
 * a 'server' error: Genesys answered, but not as documented, and `unexpected` says how.
 */
export function successBody<S extends z.ZodType>(
  res: { status: number; text: string },
  schema: S,
  call: { operation: GenesysOperation; attempts: number; correlationId?: string; requestId: string },
  unexpected: (issue: string) => string,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new GenesysApiError({ kind: 'server', message: unexpected(parsed.error.issues[0]?.message ?? 'invalid'), status: res.status, ...call });
  }
  return parsed.data;
}

/** The error for an answer Genesys refused (and that is not retried, or is out of retries), with what its body says. */
export function refusal(
  res: { status: number; text: string },
  call: { operation: GenesysOperation; attempts: number; correlationId?: string; requestId: string; retryAfterMs?: number },
  describe: (said: { code?: string; message?: string }) => string,
): GenesysApiError {
  const e = parseErrorBody(res.text);
  return new GenesysApiError({
    kind: kindForStatus(res.status),
    message: describe(e),
    status: res.status,
    code: e.code,
    body: e.body,
    fieldName: e.fieldName,
    ...call,
  });
}
