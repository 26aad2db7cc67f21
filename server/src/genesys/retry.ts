/**
 * Retry policy of genesys-messaging.md, "Platform API errors and rate limits": 429 waits
 * Retry-After (3 s when absent, never shorter) up to
 * 3 retries; 5xx exponential backoff with jitter, 3 attempts in all; other 4xx never.
 */
export type RetryPolicy = {
  /** Retries after a 429 (so up to maxRetries429 + 1 attempts). */
  maxRetries429: number;
  /** Attempts in all when the answer is 5xx or the request could not be sent. */
  maxAttempts5xx: number;
  /** Wait when a 429 carries no Retry-After. */
  default429WaitMs: number;
  /** First 5xx backoff; doubles each time, plus up to the same again in jitter. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /**
   * A Retry-After longer than this is not waited out inside one call: the call fails at once
   * as rate-limited (with retryAfterMs), so a send never hangs for minutes. Never shortened.
   */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries429: 3,
  maxAttempts5xx: 3,
  default429WaitMs: 3000,
  baseBackoffMs: 500,
  maxBackoffMs: 10_000,
  maxRetryAfterMs: 60_000,
};

/** Reported before each wait; `attempt` is the attempt that just failed (1-based). */
export type RetryEvent = { attempt: number; waitMs: number; status?: number };

/** Backoff before retry number `n` (1-based): base·2^(n-1) plus jitter in [0, that). */
export function retryDelay(n: number, p: RetryPolicy, random: () => number): number {
  const exp = Math.min(p.maxBackoffMs, p.baseBackoffMs * 2 ** (n - 1));
  return Math.round(exp + random() * exp);
}

/** Retry-After is delta-seconds or an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfterMs(v: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(s)) return Math.ceil(Number(s) * 1000);
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}
