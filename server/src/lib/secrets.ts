import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one secret comparison of the server and the sandbox (access token, session MAC,
 * Bot Connector connection secret, OAuth client secret). Both sides are hashed to digests of
 * equal length first, so the time taken depends neither on where the values differ nor on
 * the length of the expected one. An absent or empty value never matches.
 */
export function constantTimeEqual(given: string | undefined | null, expected: string | undefined | null): boolean {
  if (typeof given !== 'string' || typeof expected !== 'string' || expected === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Access tokens expire; the newest few are enough to scrub what a log line can still hold. */
const TOKENS_KEPT = 20;

/**
 * Every secret value the process holds, for the log scrubber (logger.ts) and the canary test:
 * the configured ones, the ones made at start (the sandbox's client secret), and the access
 * tokens seen on the wire.
 */
export class KnownSecrets {
  readonly #values = new Set<string>();
  readonly #tokens = new Set<string>();

  constructor(values: readonly (string | undefined | null)[]) {
    for (const v of values) this.add(v);
  }

  add(value: string | undefined | null): void {
    if (value) this.#values.add(value);
  }

  addToken(token: string): void {
    if (this.#tokens.size >= TOKENS_KEPT) this.#tokens.clear();
    this.#tokens.add(token);
  }

  values(): string[] {
    return [...this.#values, ...this.#tokens];
  }
}
