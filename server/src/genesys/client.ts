/**
 * Typed Genesys Platform API client: the Bot Connector outgoing messages API, the agent send
 * and the conversation lookup of ../shared/reference/genesys-messaging.md. Every response is
 * validated with the shared zod schemas; every call carries a request id header and
 * cache-busting headers; the retry policy is that document's (see retry.ts). A POST whose outcome is unknown (timeout or connection lost
 * after the request was written) is never resent: it fails with kind 'unknown-outcome'.
 */
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { z } from 'zod';
import {
  conversationSchema,
  messageDataSchema,
  outgoingMessageResponseSchema,
  type AdditionalMessage,
  type Conversation,
  type MessageData,
  type OutgoingMessageRequest,
} from '@grmd/shared';
import { GenesysApiError, refusal, successBody, type GenesysOperation } from './errors.ts';
import { HttpFailure, nodeHttpTransport, type HttpTransport } from './http.ts';
import { DEFAULT_RETRY, parseRetryAfterMs, retryDelay, type RetryEvent, type RetryPolicy } from './retry.ts';
import { headerString, TokenCache } from './tokenCache.ts';

/** The header that carries our per-call request id, so one call can be found in our log and the sandbox's (Genesys ignores it). */
export const REQUEST_ID_HEADER = 'X-Request-Id';

export type Logger = {
  info?: (o: object, msg?: string) => void;
  warn?: (o: object, msg?: string) => void;
};

export type GenesysClientOptions = {
  apiBaseUrl: string;
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Share a cache between clients; built from the options above when absent. */
  tokenCache?: TokenCache;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  transport?: HttpTransport;
  /** Per HTTP attempt. The JS SDK's default is 16 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
};

export type CallOptions = {
  requestId?: string;
  onRetry?: (e: RetryEvent) => void;
  signal?: AbortSignal;
};

export type CallMeta = { attempts: number; requestId: string; correlationId?: string };

export type GenesysClient = {
  readonly tokenCache: TokenCache;
  readonly apiBaseUrl: string;
  postOutgoingMessage(
    body: OutgoingMessageRequest,
    opts?: CallOptions,
  ): Promise<{ messageId: string } & CallMeta>;
  sendAgentMessage(
    conversationId: string,
    communicationId: string,
    body: AdditionalMessage,
    opts?: CallOptions,
  ): Promise<{ message: MessageData } & CallMeta>;
  getConversation(conversationId: string, opts?: CallOptions): Promise<Conversation>;
  /** The connected communication of the agent participant (genesys-messaging.md, "Finding the communicationId"), or undefined. */
  findAgentCommunicationId(conversationId: string, opts?: CallOptions): Promise<string | undefined>;
  /** True when the credentials yield a token. */
  checkToken(): Promise<boolean>;
};

export function createGenesysClient(opts: GenesysClientOptions): GenesysClient {
  const apiBaseUrl = opts.apiBaseUrl.replace(/\/+$/, '');
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const transport = opts.transport ?? nodeHttpTransport;
  const timeoutMs = opts.timeoutMs ?? 16_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const log = opts.logger;
  const tokens =
    opts.tokenCache ??
    new TokenCache({
      loginBaseUrl: opts.loginBaseUrl,
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      clock,
      sleep,
      random,
      transport,
      timeoutMs,
      retry: opts.retry,
      logger: log,
    });

  async function call<S extends z.ZodType>(
    op: GenesysOperation,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S,
    o: CallOptions = {},
  ): Promise<{ data: z.infer<S> } & CallMeta> {
    const requestId = o.requestId ?? randomUUID();
    let attempts = 0;
    let retries429 = 0;
    let failures = 0;
    let refreshedAfter401 = false;
    const wait = async (waitMs: number, status?: number) => {
      o.onRetry?.({ attempt: attempts, waitMs, status });
      log?.info?.({ op, requestId, attempt: attempts, waitMs, status }, 'genesys call retrying');
      await sleep(waitMs);
    };
    for (;;) {
      let token: string;
      try {
        token = await tokens.getToken();
      } catch (err) {
        if (err instanceof GenesysApiError) {
          throw new GenesysApiError({
            kind: err.kind,
            message: err.message,
            operation: 'token',
            attempts: Math.max(attempts, 0),
            status: err.status,
            code: err.code,
            correlationId: err.correlationId,
            requestId,
            body: err.body,
            retryAfterMs: err.retryAfterMs,
          });
        }
        throw err;
      }
      attempts++;
      let res;
      try {
        res = await transport({
          method,
          url: `${apiBaseUrl}${path}`,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            'Cache-Control': 'no-cache',
            Pragma: 'no-cache',
            [REQUEST_ID_HEADER]: requestId,
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          timeoutMs,
          signal: o.signal,
        });
      } catch (err) {
        const f = err instanceof HttpFailure ? err : new HttpFailure('network', false, String(err));
        log?.warn?.({ op, requestId, attempt: attempts, failure: f.kind, sent: f.requestSent, cause: f.causeCode }, 'genesys call failed');
        if (f.requestSent && method === 'POST') {
          throw new GenesysApiError({
            kind: 'unknown-outcome',
            message: `${f.kind === 'timeout' ? 'No response' : 'Connection lost'} after the request was sent (${f.message}); it may have been delivered and was not resent`,
            operation: op,
            attempts,
            requestId,
          });
        }
        failures++;
        if (failures < policy.maxAttempts5xx && !o.signal?.aborted) {
          await wait(retryDelay(failures, policy, random));
          continue;
        }
        throw new GenesysApiError({ kind: f.kind, message: f.message, operation: op, attempts, requestId });
      }
      const correlationId = headerString(res.headers['inin-correlation-id']);
      log?.info?.({ op, requestId, correlationId, attempt: attempts, status: res.status }, 'genesys call answered');
      if (res.status >= 200 && res.status < 300) {
        const data = successBody(res, schema, { operation: op, attempts, correlationId, requestId }, (issue) => `Genesys answered ${res.status} with an unexpected body: ${issue}`);
        return { data, attempts, requestId, correlationId };
      }
      if (res.status === 401 && !refreshedAfter401) {
        // The token may have been revoked or expired early: one retry with a fresh one.
        refreshedAfter401 = true;
        tokens.invalidate(token);
        continue;
      }
      let retryAfterMs: number | undefined;
      if (res.status === 429) {
        retryAfterMs = parseRetryAfterMs(res.headers['retry-after'], clock()) ?? policy.default429WaitMs;
        if (retries429 < policy.maxRetries429 && retryAfterMs <= policy.maxRetryAfterMs) {
          retries429++;
          await wait(retryAfterMs, 429);
          continue;
        }
      }
      if (res.status >= 500) {
        failures++;
        if (failures < policy.maxAttempts5xx) {
          await wait(retryDelay(failures, policy, random), res.status);
          continue;
        }
      }
      throw refusal(res, { operation: op, attempts, correlationId, requestId, retryAfterMs }, (said) =>
        said.message ? `Genesys ${res.status}: ${said.message}` : `Genesys answered ${res.status}`,
      );
    }
  }

  const client: GenesysClient = {
    tokenCache: tokens,
    apiBaseUrl,
    async postOutgoingMessage(body, o) {
      const r = await call('outgoing', 'POST', '/api/v2/integrations/botconnectors/outgoing/messages', body, outgoingMessageResponseSchema, o);
      return { messageId: r.data.messageId, attempts: r.attempts, requestId: r.requestId, correlationId: r.correlationId };
    },
    async sendAgentMessage(conversationId, communicationId, body, o) {
      const path =
        `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}` +
        `/communications/${encodeURIComponent(communicationId)}/messages?useNormalizedMessage=true`;
      const r = await call('agentSend', 'POST', path, body, messageDataSchema, o);
      return { message: r.data, attempts: r.attempts, requestId: r.requestId, correlationId: r.correlationId };
    },
    async getConversation(conversationId, o) {
      const r = await call('getConversation', 'GET', `/api/v2/conversations/${encodeURIComponent(conversationId)}`, undefined, conversationSchema, o);
      return r.data;
    },
    async findAgentCommunicationId(conversationId, o) {
      const conv = await client.getConversation(conversationId, o);
      const agents = conv.participants.filter((p) => p.purpose === 'agent');
      for (const p of agents) {
        const m = (p.messages ?? []).find((c) => c.state === 'connected');
        if (m) return m.id;
      }
      return agents[0]?.messages?.[0]?.id;
    },
    async checkToken() {
      try {
        await tokens.getToken();
        return true;
      } catch {
        return false;
      }
    },
  };
  Object.defineProperty(client, inspect.custom, {
    value: () => `GenesysClient { apiBaseUrl: '${apiBaseUrl}', clientId: '${tokens.clientId}' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ apiBaseUrl, clientId: tokens.clientId }) });
  return client;
}
