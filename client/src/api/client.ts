/**
 * The one API client of the app: every call to /api goes through `api()`, which parses the
 * answer with the shared zod schema and turns any failure into an `ApiRequestError` with the
 * server's code, message, issues and a "what to do next" line the UI can show as is.
 */
import type { z } from 'zod';
import { apiErrorSchema, type Issue } from '@grmd/shared';
import { emitAuthEvent } from './authEvents.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** What the user should do next, by status and code. */
  get next(): string {
    return nextStep(this.status, this.code);
  }
}

export function nextStep(status: number, code: string): string {
  if (status === 0) return 'The server cannot be reached: check that it is running, then try again.';
  if (code === 'version_conflict') return 'Someone (or another tab) saved a newer version: reload it, or save yours as a copy.';
  if (code === 'unknown_bot_session' || code === 'session_not_found') return 'Start a test conversation (or write in Messenger) first: that opens the bot session.';
  if (code === 'test_conversation_closed') return 'Start a new test conversation.';
  if (code === 'nothing_to_send') return 'Export it as a Genesys message instead: a bot cannot send it.';
  if (code === 'guest_not_configured') return 'Set MESSENGER_DEPLOYMENT_ID and MESSENGER_ORIGIN on the server.';
  if (status === 401) return 'Sign in again with the app access token.';
  if (status === 403) return 'The server refused this request (origin or permission).';
  if (status === 404) return 'It no longer exists: refresh the list.';
  if (status === 409) return 'Refresh and try again.';
  if (status === 422 || status === 400) return 'Fix the problems listed, then try again.';
  if (status === 429) return 'Too many requests: wait a moment and try again.';
  if (status >= 500) return 'The server failed: try again; if it persists, check the server log.';
  return 'Try again.';
}

type Options = { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export async function api<S extends z.ZodType>(path: string, schema: S, opts: Options = {}): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers: { Accept: 'application/json', ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError(0, 'network', 'The server could not be reached.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported below
  }
  if (!res.ok) {
    const err = apiErrorSchema.safeParse(json);
    if (err.success) {
      const { code, message, issues, ...details } = err.data.error;
      if (res.status === 401 && code === 'unauthenticated') emitAuthEvent('unauthenticated');
      throw new ApiRequestError(res.status, code, message, issues ?? [], details);
    }
    throw new ApiRequestError(res.status, 'http_error', `The server answered ${res.status} ${res.statusText}`.trim());
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, 'bad_response', `The server's answer to ${path} has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  return parsed.data;
}

export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

/** The message of any error for display, with the next step when it is an API error. */
export function describeError(e: unknown): { message: string; next: string | null; issues: Issue[] } {
  if (e instanceof ApiRequestError) return { message: e.message, next: e.next, issues: e.issues };
  return { message: e instanceof Error ? e.message : String(e), next: null, issues: [] };
}
