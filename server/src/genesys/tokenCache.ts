/**
 * OAuth client-credentials token cache (genesys-messaging.md, "Token"). One in-flight request is shared by concurrent
 * callers; a token is refreshed when less than 60 s remain (the JS SDK never renews, so we
 * must). The client secret and the access token live in private fields: JSON.stringify and
 * util.inspect of a TokenCache cannot reveal them.
 */
import { inspect } from 'node:util';
import { randomUUID } from 'node:crypto';
import { tokenResponseSchema } from '@grmd/shared';
import { GenesysApiError, refusal, successBody } from './errors.ts';
import { HttpFailure, nodeHttpTransport, type HttpTransport } from './http.ts';
import { type RetryPolicy, DEFAULT_RETRY, retryDelay, parseRetryAfterMs, type RetryEvent } from './retry.ts';

export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export type TokenCacheOptions = {
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Milliseconds since epoch; injectable for tests. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  transport?: HttpTransport;
  timeoutMs?: number;
  refreshMarginMs?: number;
  retry?: Partial<RetryPolicy>;
  onRetry?: (e: RetryEvent) => void;
  logger?: { info?: (o: object, msg?: string) => void; warn?: (o: object, msg?: string) => void };
};

type Cached = { token: string; expiresAt: number };

export class TokenCache {
  readonly loginBaseUrl: string;
  readonly clientId: string;
  readonly #secret: string;
  #cached: Cached | undefined;
  #inflight: Promise<Cached> | undefined;
  readonly #clock: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #transport: HttpTransport;
  readonly #timeoutMs: number;
  readonly #margin: number;
  readonly #retry: RetryPolicy;
  readonly #onRetry?: (e: RetryEvent) => void;
  readonly #logger: TokenCacheOptions['logger'];
  /** Number of token requests actually sent (HTTP attempts). */
  fetchCount = 0;

  constructor(opts: TokenCacheOptions) {
    this.loginBaseUrl = opts.loginBaseUrl.replace(/\/+$/, '');
    this.clientId = opts.clientId;
    this.#secret = opts.clientSecret;
    this.#clock = opts.clock ?? Date.now;
    this.#sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#random = opts.random ?? Math.random;
    this.#transport = opts.transport ?? nodeHttpTransport;
    this.#timeoutMs = opts.timeoutMs ?? 16_000;
    this.#margin = opts.refreshMarginMs ?? TOKEN_REFRESH_MARGIN_MS;
    this.#retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.#onRetry = opts.onRetry;
    this.#logger = opts.logger;
  }

  /** A token valid for at least the refresh margin; fetches (once, shared) when needed. */
  async getToken(): Promise<string> {
    const c = this.#cached;
    if (c && c.expiresAt - this.#clock() > this.#margin) return c.token;
    return (await this.#fetchShared()).token;
  }

  /** Drops the cached token (after a 401) so the next getToken fetches a fresh one. */
  invalidate(token?: string): void {
    if (token === undefined || this.#cached?.token === token) this.#cached = undefined;
  }

  /** Milliseconds until the cached token expires, or undefined when none is cached. */
  expiresInMs(): number | undefined {
    return this.#cached ? this.#cached.expiresAt - this.#clock() : undefined;
  }

  #fetchShared(): Promise<Cached> {
    if (!this.#inflight) {
      this.#inflight = this.#fetch().finally(() => {
        this.#inflight = undefined;
      });
    }
    return this.#inflight;
  }

  async #fetch(): Promise<Cached> {
    const basic = Buffer.from(`${this.clientId}:${this.#secret}`).toString('base64');
    let attempts = 0;
    let retries429 = 0;
    let failures = 0;
    for (;;) {
      attempts++;
      this.fetchCount++;
      const requestId = randomUUID();
      let res;
      try {
        res = await this.#transport({
          method: 'POST',
          url: `${this.loginBaseUrl}/oauth/token`,
          headers: {
            Authorization: `Basic ${basic}`,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            'Cache-Control': 'no-cache',
            Pragma: 'no-cache',
            'X-Request-Id': requestId,
          },
          body: 'grant_type=client_credentials',
          timeoutMs: this.#timeoutMs,
        });
      } catch (err) {
        // Asking for another token is harmless, so any transport failure may be retried.
        const f = err instanceof HttpFailure ? err : new HttpFailure('network', false, String(err));
        failures++;
        if (failures < this.#retry.maxAttempts5xx) {
          const waitMs = retryDelay(failures, this.#retry, this.#random);
          this.#onRetry?.({ attempt: attempts, waitMs });
          await this.#sleep(waitMs);
          continue;
        }
        throw new GenesysApiError({ kind: f.kind, message: `Token request failed: ${f.message}`, operation: 'token', attempts, requestId });
      }
      const correlationId = headerString(res.headers['inin-correlation-id']);
      if (res.status >= 200 && res.status < 300) {
        const data = successBody(res, tokenResponseSchema, { operation: 'token', attempts, correlationId, requestId }, () => 'The token response has no access_token/expires_in');
        const cached = { token: data.access_token, expiresAt: this.#clock() + data.expires_in * 1000 };
        this.#cached = cached;
        this.#logger?.info?.({ requestId, correlationId, expiresIn: data.expires_in }, 'genesys token fetched');
        return cached;
      }
      const retryAfterMs = res.status === 429 ? (parseRetryAfterMs(res.headers['retry-after'], this.#clock()) ?? this.#retry.default429WaitMs) : undefined;
      if (retryAfterMs !== undefined && retries429 < this.#retry.maxRetries429 && retryAfterMs <= this.#retry.maxRetryAfterMs) {
        retries429++;
        this.#onRetry?.({ attempt: attempts, waitMs: retryAfterMs, status: 429 });
        await this.#sleep(retryAfterMs);
        continue;
      }
      if (res.status >= 500) {
        failures++;
        if (failures < this.#retry.maxAttempts5xx) {
          const waitMs = retryDelay(failures, this.#retry, this.#random);
          this.#onRetry?.({ attempt: attempts, waitMs, status: res.status });
          await this.#sleep(waitMs);
          continue;
        }
      }
      const refused = refusal(res, { operation: 'token', attempts, correlationId, requestId, retryAfterMs }, (said) =>
        `Token request refused with ${res.status}${said.code ? ` (${said.code})` : ''}`,
      );
      this.#logger?.warn?.({ requestId, correlationId, status: res.status, code: refused.code }, 'genesys token request refused');
      throw refused;
    }
  }

  toJSON() {
    return { loginBaseUrl: this.loginBaseUrl, clientId: this.clientId, clientSecret: '[REDACTED]' };
  }

  [inspect.custom]() {
    return `TokenCache { loginBaseUrl: '${this.loginBaseUrl}', clientId: '${this.clientId}', clientSecret: [REDACTED] }`;
  }
}

export function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
