/**
 * Everything the sandbox remembers, in one object the contract modules share: OAuth clients
 * and tokens, rate windows, fault rules, deployments, conversations with their bot sessions,
 * deliveries to guests and the log of Genesys calls received.
 */
import { randomBytes } from 'node:crypto';
import {
  AGENT_SMS_TEXT_MAX,
  AGENT_TEXT_MAX,
  GUEST_CUSTOM_ATTRIBUTES_MAX_BYTES,
  GUEST_MESSAGE_MAX,
} from '@grmd/shared';
import type {
  ConversationState,
  Delivery,
  DeploymentConfig,
  FaultRoute,
  FaultRule,
  RecordedRequest,
  SandboxClient,
} from './types.ts';

export const SANDBOX_DEFAULTS = {
  tokenLifetimeSeconds: 86_399,
  rateLimitPerMinute: 300,
  botTimeoutMs: 30_000,
  botRetries: 3,
  botRetryDelayMs: 200,
  guestMessageMaxLength: GUEST_MESSAGE_MAX,
  guestMaxCustomDataBytes: GUEST_CUSTOM_ATTRIBUTES_MAX_BYTES,
  guestRateLimit: { max: 60, windowSeconds: 60 },
  guestSessionTtlSeconds: 72 * 3600,
  guestMaxConnections: 3,
  agentTextMax: AGENT_TEXT_MAX,
  agentSmsTextMax: AGENT_SMS_TEXT_MAX,
} as const;

/** An OAuth client's token lifetime is configured between these, in seconds (genesys-messaging.md, "Token"). */
export const TOKEN_LIFETIME_RANGE = { min: 300, max: 172_800 } as const;

/** The request log keeps the newest entries only. */
const MAX_RECORDED_REQUESTS = 2000;
const MINUTE_MS = 60_000;

export type SandboxLogger = { info?: (o: object, msg?: string) => void; warn?: (o: object, msg?: string) => void };

export type SandboxOptions = {
  /** OAuth clients. Default: one generated client, see `sandbox.defaultClient`. */
  clients?: SandboxClient[];
  deployments?: DeploymentConfig[];
  tokenLifetimeSeconds?: number;
  /** Per client (token endpoint) and per access token (API). */
  rateLimitPerMinute?: number;
  /**
   * What the API limit counts: each access token (default), or every token of one OAuth client
   * together. Genesys documents the limit as "per client-credentials client/token"
   * (genesys-messaging.md, "Platform API errors and rate limits") without saying which; 'client' is the
   * stricter reading, the one instances sharing a client must plan for (bench:send --instances 2).
   */
  rateLimitScope?: 'token' | 'client';
  clock?: () => number;
  botTimeoutMs?: number;
  /** Retries of a 5xx answer from the bot (so botRetries + 1 calls at most). */
  botRetries?: number;
  botRetryDelayMs?: number;
  guestMessageMaxLength?: number;
  guestRateLimit?: { max: number; windowSeconds: number };
  guestSessionTtlSeconds?: number;
  /** Registers /__sandbox/* routes (default true). */
  controls?: boolean;
  logger?: SandboxLogger;
};

export type SandboxSettings = {
  tokenLifetimeSeconds: number;
  rateLimitPerMinute: number;
  rateLimitScope: 'token' | 'client';
  botTimeoutMs: number;
  botRetries: number;
  botRetryDelayMs: number;
  guestMessageMaxLength: number;
  guestMaxCustomDataBytes: number;
  guestRateLimit: { max: number; windowSeconds: number };
  guestSessionTtlSeconds: number;
  guestMaxConnections: number;
};

type TokenRecord = { clientId: string; expiresAt: number };
type Window = { start: number; count: number };

export type SandboxState = {
  clock: () => number;
  settings: SandboxSettings;
  log: SandboxLogger | undefined;
  /** The generated client (used when no `clients` option was given). */
  defaultClient: SandboxClient;
  clients: Map<string, SandboxClient>;
  tokens: Map<string, TokenRecord>;
  windows: Map<string, Window>;
  faults: FaultRule[];
  deliveries: Delivery[];
  requests: RecordedRequest[];
  deployments: Map<string, DeploymentConfig>;
  conversations: Map<string, ConversationState>;
  /** botSessionId → conversationId */
  botSessionIndex: Map<string, string>;
};

export function createState(opts: SandboxOptions): SandboxState {
  const lifetime = opts.tokenLifetimeSeconds;
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= TOKEN_LIFETIME_RANGE.min && lifetime <= TOKEN_LIFETIME_RANGE.max)) {
    throw new RangeError(`tokenLifetimeSeconds must be a whole number of seconds from ${TOKEN_LIFETIME_RANGE.min} to ${TOKEN_LIFETIME_RANGE.max}, got ${lifetime}`);
  }
  const rate = opts.rateLimitPerMinute;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) {
    throw new RangeError(`rateLimitPerMinute must be a whole number of at least 1, got ${rate}`);
  }
  const defaultClient: SandboxClient = {
    clientId: `sandbox-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    permissions: ['*'],
  };
  return {
    clock: opts.clock ?? Date.now,
    settings: {
      tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? SANDBOX_DEFAULTS.tokenLifetimeSeconds,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? SANDBOX_DEFAULTS.rateLimitPerMinute,
      rateLimitScope: opts.rateLimitScope ?? 'token',
      botTimeoutMs: opts.botTimeoutMs ?? SANDBOX_DEFAULTS.botTimeoutMs,
      botRetries: opts.botRetries ?? SANDBOX_DEFAULTS.botRetries,
      botRetryDelayMs: opts.botRetryDelayMs ?? SANDBOX_DEFAULTS.botRetryDelayMs,
      guestMessageMaxLength: opts.guestMessageMaxLength ?? SANDBOX_DEFAULTS.guestMessageMaxLength,
      guestMaxCustomDataBytes: SANDBOX_DEFAULTS.guestMaxCustomDataBytes,
      guestRateLimit: opts.guestRateLimit ?? SANDBOX_DEFAULTS.guestRateLimit,
      guestSessionTtlSeconds: opts.guestSessionTtlSeconds ?? SANDBOX_DEFAULTS.guestSessionTtlSeconds,
      guestMaxConnections: SANDBOX_DEFAULTS.guestMaxConnections,
    },
    log: opts.logger,
    defaultClient,
    clients: new Map((opts.clients ?? [defaultClient]).map((c) => [c.clientId, c])),
    tokens: new Map(),
    windows: new Map(),
    faults: [],
    deliveries: [],
    requests: [],
    deployments: new Map((opts.deployments ?? []).map((d) => [d.deploymentId, d])),
    conversations: new Map(),
    botSessionIndex: new Map(),
  };
}

/** Consumes one use of the first rule for the route. */
export function takeFault(state: SandboxState, route: FaultRoute): FaultRule | undefined {
  const i = state.faults.findIndex((f) => f.route === route && f.times > 0);
  if (i < 0) return undefined;
  const f = state.faults[i]!;
  f.times--;
  const copy = { ...f };
  if (f.times <= 0) state.faults.splice(i, 1);
  return copy;
}

/** Counts a call in its fixed one-minute window; returns the seconds to wait when over the limit. */
export function rateLimited(state: SandboxState, key: string): number | undefined {
  const now = state.clock();
  let w = state.windows.get(key);
  if (!w || now - w.start >= MINUTE_MS) {
    w = { start: now, count: 0 };
    state.windows.set(key, w);
  }
  w.count++;
  if (w.count <= state.settings.rateLimitPerMinute) return undefined;
  return Math.max(1, Math.ceil((w.start + MINUTE_MS - now) / 1000));
}

/** An embedded sandbox runs for days: drops expired tokens and stale rate windows. */
export function forgetExpired(state: SandboxState): void {
  const now = state.clock();
  for (const [k, v] of state.tokens) if (v.expiresAt <= now) state.tokens.delete(k);
  for (const [k, w] of state.windows) if (now - w.start >= MINUTE_MS) state.windows.delete(k);
}

export function recordRequest(state: SandboxState, record: RecordedRequest): void {
  if (state.requests.length >= MAX_RECORDED_REQUESTS) state.requests.splice(0, state.requests.length - MAX_RECORDED_REQUESTS + 1);
  state.requests.push(record);
}

export function recordDelivery(state: SandboxState, d: Omit<Delivery, 'seq'>): Delivery {
  const full: Delivery = { ...d, seq: state.deliveries.length + 1 };
  state.deliveries.push(full);
  return full;
}

export function filterDeliveries(state: SandboxState, q: { conversationId?: string; botSessionId?: string; guestToken?: string } = {}): Delivery[] {
  return state.deliveries.filter(
    (d) =>
      (!q.conversationId || d.conversationId === q.conversationId) &&
      (!q.botSessionId || d.botSessionId === q.botSessionId) &&
      (!q.guestToken || d.guestToken === q.guestToken),
  );
}
