/**
 * The sandbox: a simulator of the Genesys Cloud endpoints this project talks to, following
 * the reference spec's field names, status codes and error bodies. It is our stand-in for a
 * real org, so it refuses what Genesys refuses (bad credentials, expired tokens, invalid
 * bodies, closed sessions, rate limits) rather than saying yes.
 *
 *   POST /oauth/token                                         §4.1
 *   POST /api/v2/integrations/botconnectors/outgoing/messages §5.6
 *   POST /api/v2/conversations/messages/{c}/communications/{m}/messages  §6.1
 *   GET  /api/v2/conversations/{id}                           §6.2
 *   WS   /v1?deploymentId=…                                   §7 (guest.ts)
 *   an Architect inbound message flow calling a Bot Connector bot (flow.ts)
 *   /__sandbox/* test controls
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import {
  AGENT_SMS_TEXT_MAX,
  AGENT_TEXT_MAX,
  GUEST_CUSTOM_ATTRIBUTES_MAX_BYTES,
  GUEST_MESSAGE_MAX,
  additionalMessageSchema,
  outgoingMessageRequestSchema,
  type OutgoingMessageRequest,
} from '@grmd/shared';
import { errorBody, validationErrorBody, replyMessageIssues } from './wire.ts';
import { GuestHub } from './guest.ts';
import { Flow } from './flow.ts';
import {
  FAULT_ROUTES,
  type ConversationState,
  type Delivery,
  type DeploymentConfig,
  type FaultRoute,
  type FaultRule,
  type RecordedRequest,
  type SandboxClient,
} from './types.ts';

export * from './types.ts';

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

export type SandboxOptions = {
  /** OAuth clients. Default: one generated client, see `sandbox.defaultClient`. */
  clients?: SandboxClient[];
  deployments?: DeploymentConfig[];
  tokenLifetimeSeconds?: number;
  /** Per client (token endpoint) and per access token (API). */
  rateLimitPerMinute?: number;
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
  logger?: { info?: (o: object, msg?: string) => void; warn?: (o: object, msg?: string) => void };
};

/** The request log keeps the newest entries only. */
const MAX_RECORDED_REQUESTS = 2000;

type TokenRecord = { clientId: string; expiresAt: number };
type Window = { start: number; count: number };

export type Sandbox = ReturnType<typeof createSandbox>;

/** §4: an OAuth client's token lifetime is configured between these (seconds). */
export const TOKEN_LIFETIME_RANGE = { min: 300, max: 172_800 } as const;

export function createSandbox(opts: SandboxOptions = {}) {
  const lifetime = opts.tokenLifetimeSeconds;
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= TOKEN_LIFETIME_RANGE.min && lifetime <= TOKEN_LIFETIME_RANGE.max)) {
    throw new RangeError(`tokenLifetimeSeconds must be a whole number of seconds from ${TOKEN_LIFETIME_RANGE.min} to ${TOKEN_LIFETIME_RANGE.max} (reference §4), got ${lifetime}`);
  }
  const rate = opts.rateLimitPerMinute;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) {
    throw new RangeError(`rateLimitPerMinute must be a whole number of at least 1, got ${rate}`);
  }
  const clock = opts.clock ?? Date.now;
  const settings = {
    tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? SANDBOX_DEFAULTS.tokenLifetimeSeconds,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? SANDBOX_DEFAULTS.rateLimitPerMinute,
    botTimeoutMs: opts.botTimeoutMs ?? SANDBOX_DEFAULTS.botTimeoutMs,
    botRetries: opts.botRetries ?? SANDBOX_DEFAULTS.botRetries,
    botRetryDelayMs: opts.botRetryDelayMs ?? SANDBOX_DEFAULTS.botRetryDelayMs,
    guestMessageMaxLength: opts.guestMessageMaxLength ?? SANDBOX_DEFAULTS.guestMessageMaxLength,
    guestMaxCustomDataBytes: SANDBOX_DEFAULTS.guestMaxCustomDataBytes,
    guestRateLimit: opts.guestRateLimit ?? SANDBOX_DEFAULTS.guestRateLimit,
    guestSessionTtlSeconds: opts.guestSessionTtlSeconds ?? SANDBOX_DEFAULTS.guestSessionTtlSeconds,
    guestMaxConnections: SANDBOX_DEFAULTS.guestMaxConnections,
  };
  const log = opts.logger;

  const defaultClient: SandboxClient = {
    clientId: `sandbox-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    permissions: ['*'],
  };
  const clients = new Map<string, SandboxClient>();
  for (const c of opts.clients ?? [defaultClient]) clients.set(c.clientId, c);
  const tokens = new Map<string, TokenRecord>();
  const windows = new Map<string, Window>();
  let faults: FaultRule[] = [];
  const deliveries: Delivery[] = [];
  const requests: RecordedRequest[] = [];
  const deployments = new Map<string, DeploymentConfig>();
  for (const d of opts.deployments ?? []) deployments.set(d.deploymentId, d);
  const conversations = new Map<string, ConversationState>();
  const botSessionIndex = new Map<string, string>(); // botSessionId → conversationId

  /** Consumes one use of the first matching rule. */
  function takeFault(route: FaultRoute): FaultRule | undefined {
    const i = faults.findIndex((f) => f.route === route && f.times > 0);
    if (i < 0) return undefined;
    const f = faults[i]!;
    f.times--;
    const copy = { ...f };
    if (f.times <= 0) faults.splice(i, 1);
    return copy;
  }

  /** Fixed one-minute window; returns seconds to wait when over the limit. */
  function rateLimited(key: string): number | undefined {
    const now = clock();
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count <= settings.rateLimitPerMinute) return undefined;
    return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
  }

  const guests = new GuestHub({
    clock,
    settings,
    deployments,
    takeFault: () => takeFault('guest'),
    onInbound: (session, message) => flow.onGuestMessage(session, message),
    logger: log,
  });

  const flow = new Flow({
    clock,
    settings,
    deployments,
    conversations,
    botSessionIndex,
    guests,
    recordDelivery: (d) => {
      const full: Delivery = { ...d, seq: deliveries.length + 1 };
      deliveries.push(full);
      return full;
    },
    logger: log,
  });

  // ---------------------------------------------------------------- HTTP
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const correlationId = randomUUID();
    res.locals.correlationId = correlationId;
    res.setHeader('ININ-Correlation-Id', correlationId);
    res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    next();
  });

  /** Every Genesys route ends through here so a `reset` fault can drop the connection after processing. */
  function send(req: Request, res: Response, route: FaultRoute | 'other', status: number, body: unknown, headers: Record<string, string> = {}) {
    const record: RecordedRequest = {
      at: new Date(clock()).toISOString(),
      route,
      method: req.method,
      path: req.path,
      status,
      requestId: req.get('x-request-id'),
      cacheControl: req.get('cache-control'),
      pragma: req.get('pragma'),
      correlationId: res.locals.correlationId as string,
    };
    if (requests.length >= MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS + 1);
    if (res.locals.reset) {
      record.status = 'reset';
      requests.push(record);
      // The request was processed; the caller never learns the outcome.
      req.socket.destroy();
      return;
    }
    requests.push(record);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }

  function platformError(req: Request, res: Response, route: FaultRoute | 'other', status: number, code: string, message: string, extra: object = {}, headers: Record<string, string> = {}) {
    send(req, res, route, status, errorBody(status, code, message, res.locals.correlationId as string, extra), headers);
  }

  function tooMany(req: Request, res: Response, route: FaultRoute, retryAfter: number | undefined, key = 'client.credentials.token.rate.per.minute') {
    const headers: Record<string, string> = {};
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    platformError(
      req,
      res,
      route,
      429,
      'too.many.requests.retry.after',
      `Rate limit exceeded the maximum. Retry the request in [${retryAfter ?? 3}] seconds`,
      { limit: { key, namespace: 'platform.api', value: settings.rateLimitPerMinute } },
      headers,
    );
  }

  /** Applies a fault rule: delay, then an injected status, or marks the request for reset. Returns true when answered. */
  async function applyFault(route: FaultRoute, req: Request, res: Response): Promise<boolean> {
    const f = takeFault(route);
    if (!f) return false;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.reset) {
      res.locals.reset = true;
      return false;
    }
    if (f.status) {
      if (f.status === 429) tooMany(req, res, route, f.retryAfterSeconds);
      else if (route === 'token' && f.status === 401) send(req, res, route, 401, { error: 'invalid_client' });
      else platformError(req, res, route, f.status, f.status >= 500 ? 'internal.server.error' : 'sandbox.fault', `Injected fault ${f.status}`);
      return true;
    }
    return false;
  }

  // §4.1 token
  app.post('/oauth/token', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    if (await applyFault('token', req, res)) return;
    const auth = req.get('authorization') ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth);
    let id = '';
    let secret = '';
    if (m) {
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        id = decoded.slice(0, sep);
        secret = decoded.slice(sep + 1);
      }
    }
    const client = clients.get(id);
    if (!client || !safeEqual(secret, client.clientSecret)) {
      return send(req, res, 'token', 401, { error: 'invalid_client' });
    }
    const wait = rateLimited(`client:${id}`);
    if (wait !== undefined) return tooMany(req, res, 'token', wait);
    if (!req.is('application/x-www-form-urlencoded') || req.body?.grant_type !== 'client_credentials') {
      return send(req, res, 'token', 400, { error: 'unsupported_grant_type' });
    }
    // An embedded sandbox runs for days: drop expired tokens and stale rate windows.
    const t0 = clock();
    for (const [k, v] of tokens) if (v.expiresAt <= t0) tokens.delete(k);
    for (const [k, w] of windows) if (t0 - w.start >= 60_000) windows.delete(k);
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, { clientId: id, expiresAt: clock() + settings.tokenLifetimeSeconds * 1000 });
    send(req, res, 'token', 200, { access_token: token, token_type: 'bearer', expires_in: settings.tokenLifetimeSeconds });
  });

  /** Bearer auth, permission and per-token rate limit for the Platform API routes. */
  function guard(route: FaultRoute, permissions: string[]) {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (await applyFault(route, req, res)) return;
      const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!m) return platformError(req, res, route, 401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
      const rec = tokens.get(m[1]!);
      if (!rec || rec.expiresAt <= clock()) {
        return platformError(req, res, route, 401, 'bad.credentials', 'Invalid login credentials.');
      }
      const wait = rateLimited(`token:${m[1]}`);
      if (wait !== undefined) return tooMany(req, res, route, wait);
      const perms = clients.get(rec.clientId)?.permissions ?? ['*'];
      if (!perms.includes('*') && !permissions.some((p) => perms.includes(p))) {
        return platformError(req, res, route, 403, 'missing.any.permissions', `You are missing the following permission(s): ${permissions.join(' or ')}`, {
          messageWithParams: 'You are missing the following permission(s): {permissions}',
          messageParams: { permissions: permissions.join(' or ') },
        });
      }
      next();
    };
  }

  const json = express.json({ limit: '1mb' });
  const jsonErrors = (route: FaultRoute) => (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err && typeof err === 'object' && 'type' in err && (err as { type: string }).type === 'entity.parse.failed') {
      return platformError(req, res, route, 400, 'bad.request', 'The request could not be understood by the server due to malformed syntax.');
    }
    if (err && typeof err === 'object' && 'status' in err && (err as { status: number }).status === 413) {
      return platformError(req, res, route, 413, 'request.entity.too.large', 'The request is too large.');
    }
    next(err);
  };

  // §5.6 outgoing messages
  app.post(
    '/api/v2/integrations/botconnectors/outgoing/messages',
    guard('outgoing', ['integration:botconnector:send']),
    json,
    jsonErrors('outgoing'),
    (req: Request, res: Response) => {
      const parsed = outgoingMessageRequestSchema.safeParse(req.body);
      if (!parsed.success) return send(req, res, 'outgoing', 400, validationErrorBody(parsed.error.issues, res.locals.correlationId));
      const body: OutgoingMessageRequest = parsed.data;
      const extra = replyMessageIssues(body.replyMessages ?? []);
      if (extra.length) return send(req, res, 'outgoing', 400, validationErrorBody(extra, res.locals.correlationId));
      const outcome = flow.pushOutgoing(body);
      if (!outcome.ok) return platformError(req, res, 'outgoing', 409, outcome.code, outcome.message);
      send(req, res, 'outgoing', 200, { messageId: outcome.messageId });
    },
  );

  // §6.1 agent send (text only)
  app.post(
    '/api/v2/conversations/messages/:conversationId/communications/:communicationId/messages',
    guard('agentSend', ['conversation:message:create', 'conversation:webmessaging:create']),
    json,
    jsonErrors('agentSend'),
    (req: Request, res: Response) => {
      const conv = conversations.get(String(req.params.conversationId));
      if (!conv) return platformError(req, res, 'agentSend', 404, 'not.found', `Conversation ${req.params.conversationId} not found`);
      const commId = String(req.params.communicationId);
      if (commId !== conv.agentCommunicationId && commId !== conv.customerCommunicationId) {
        return platformError(req, res, 'agentSend', 404, 'not.found', `Communication ${commId} is not part of conversation ${conv.id}`, { entityId: commId });
      }
      const parsed = additionalMessageSchema.safeParse(req.body);
      if (!parsed.success) return send(req, res, 'agentSend', 400, validationErrorBody(parsed.error.issues, res.locals.correlationId));
      const b = parsed.data;
      if (b.messagingTemplate !== undefined || (b.mediaIds && b.mediaIds.length)) {
        return send(req, res, 'agentSend', 400, validationErrorBody([{ path: 'messagingTemplate', message: 'Only one body kind per request: this sandbox endpoint accepts textBody only' }], res.locals.correlationId));
      }
      const messengerType = deployments.get(conv.deploymentId)?.messengerType ?? 'webmessaging';
      const max = messengerType === 'sms' ? SANDBOX_DEFAULTS.agentSmsTextMax : SANDBOX_DEFAULTS.agentTextMax;
      if (!b.textBody.trim()) return send(req, res, 'agentSend', 400, validationErrorBody([{ path: 'textBody', message: 'textBody is required' }], res.locals.correlationId));
      if (b.textBody.length > max) {
        return send(req, res, 'agentSend', 400, validationErrorBody([{ path: 'textBody', message: `textBody is ${b.textBody.length} characters; the ${messengerType} limit is ${max}` }], res.locals.correlationId));
      }
      const delivery = flow.deliverAgentText(conv, b.textBody);
      const useNormalized = req.query.useNormalizedMessage === 'true';
      const md: Record<string, unknown> = {
        id: delivery.messageId,
        timestamp: delivery.deliveredAt,
        fromAddress: 'Sandbox Agent',
        toAddress: conv.guestToken,
        direction: 'outbound',
        messengerType,
        status: 'sent',
        normalizedMessage: { id: delivery.messageId, type: 'Text', text: b.textBody, direction: 'Outbound', originatingEntity: 'Human' },
        conversationId: conv.id,
        selfUri: `/api/v2/conversations/messages/${conv.id}/messages/${delivery.messageId}`,
      };
      if (!useNormalized) md.textBody = b.textBody;
      send(req, res, 'agentSend', 200, md);
    },
  );

  // §6.2 conversation
  app.get('/api/v2/conversations/:conversationId', guard('conversation', ['conversation:communication:view', 'conversation:message:view']), (req, res) => {
    const conv = conversations.get(String(req.params.conversationId));
    if (!conv) return platformError(req, res, 'conversation', 404, 'not.found', `Conversation ${req.params.conversationId} not found`);
    const type = deployments.get(conv.deploymentId)?.messengerType ?? 'webmessaging';
    send(req, res, 'conversation', 200, {
      id: conv.id,
      startTime: new Date(conv.createdAt).toISOString(),
      participants: [
        { id: conv.customerParticipantId, purpose: 'customer', messages: [{ id: conv.customerCommunicationId, state: 'connected', type }] },
        { id: conv.agentParticipantId, purpose: 'agent', userId: 'sandbox-agent', messages: [{ id: conv.agentCommunicationId, state: 'connected', type }] },
      ],
      selfUri: `/api/v2/conversations/${conv.id}`,
    });
  });

  // ---------------------------------------------------------------- test controls
  if (opts.controls !== false) {
    const ctl = express.Router();
    ctl.use(express.json({ limit: '256kb' }));
    ctl.post('/faults', (req, res) => {
      const list = Array.isArray(req.body?.rules) ? req.body.rules : [req.body];
      const added: FaultRule[] = [];
      for (const r of list) {
        const problem = checkFault(r);
        if (problem) return res.status(400).json({ error: problem });
        added.push(normaliseFault(r));
      }
      faults.push(...added);
      res.status(201).json({ faults });
    });
    ctl.get('/faults', (_req, res) => res.json({ faults }));
    ctl.delete('/faults', (_req, res) => {
      faults = [];
      res.status(204).end();
    });
    ctl.get('/deliveries', (req, res) => {
      res.json({ deliveries: filterDeliveries(req.query as Record<string, string>) });
    });
    ctl.delete('/deliveries', (_req, res) => {
      deliveries.length = 0;
      res.status(204).end();
    });
    ctl.get('/requests', (_req, res) => res.json({ requests }));
    ctl.get('/deployments', (_req, res) => res.json({ deployments: [...deployments.values()].map(publicDeployment) }));
    ctl.put('/deployments/:deploymentId', (req, res) => {
      const problem = checkDeployment({ ...req.body, deploymentId: req.params.deploymentId });
      if (problem) return res.status(400).json({ error: problem });
      const d = api.configureDeployment({ ...req.body, deploymentId: String(req.params.deploymentId) });
      res.json({ deployment: publicDeployment(d) });
    });
    ctl.post('/clients', (req, res) => {
      const b = req.body ?? {};
      if (typeof b.clientId !== 'string' || typeof b.clientSecret !== 'string' || !b.clientId || !b.clientSecret) {
        return res.status(400).json({ error: 'clientId and clientSecret (strings) are required' });
      }
      api.addClient({ clientId: b.clientId, clientSecret: b.clientSecret, permissions: Array.isArray(b.permissions) ? b.permissions.map(String) : undefined });
      res.status(201).json({ clientId: b.clientId });
    });
    ctl.post('/tokens/expire', (_req, res) => {
      api.expireTokens();
      res.status(204).end();
    });
    ctl.get('/conversations', (_req, res) => res.json({ conversations: api.conversations() }));
    ctl.post('/bot-sessions', (req, res) => {
      const deploymentId = String(req.body?.deploymentId ?? '');
      if (!deployments.has(deploymentId)) return res.status(400).json({ error: 'deploymentId must name a configured deployment' });
      res.status(201).json(flow.openBotSession(deploymentId));
    });
    ctl.post('/guest-sessions/:token/expire', (req, res) => {
      if (!guests.expireSession(String(req.params.token))) return res.status(404).json({ error: 'unknown guest session' });
      res.status(204).end();
    });
    app.use('/__sandbox', ctl);
  }

  app.use((req: Request, res: Response) => {
    platformError(req, res, 'other', 404, 'not.found', `No sandbox route for ${req.method} ${req.path}`);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    log?.warn?.({ err: err instanceof Error ? err.message : String(err) }, 'sandbox error');
    if (res.headersSent) return;
    platformError(req, res, 'other', 500, 'internal.server.error', 'The sandbox failed to process the request.');
  });

  function filterDeliveries(q: { conversationId?: string; botSessionId?: string; guestToken?: string } = {}): Delivery[] {
    return deliveries.filter(
      (d) =>
        (!q.conversationId || d.conversationId === q.conversationId) &&
        (!q.botSessionId || d.botSessionId === q.botSessionId) &&
        (!q.guestToken || d.guestToken === q.guestToken),
    );
  }

  let server: http.Server | undefined;
  const sockets = new Set<Socket>();

  const api = {
    app,
    settings,
    /** The generated client (when no `clients` option was given). */
    defaultClient,
    async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; wsUrl: string; port: number }> {
      server = http.createServer(app);
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.on('upgrade', (req, socket, head) => guests.handleUpgrade(req, socket as Socket, head));
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const addr = server.address() as AddressInfo;
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return { url: `http://${h}:${addr.port}`, wsUrl: `ws://${h}:${addr.port}/v1`, port: addr.port };
    },
    async close(): Promise<void> {
      flow.close();
      guests.close();
      if (!server) return;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server!.close(() => r()));
      server = undefined;
    },
    configureDeployment(d: DeploymentConfig): DeploymentConfig {
      const merged = { ...deployments.get(d.deploymentId), ...d };
      deployments.set(d.deploymentId, merged);
      return merged;
    },
    addClient(c: SandboxClient) {
      clients.set(c.clientId, c);
    },
    addFault(rule: FaultRule) {
      const problem = checkFault(rule);
      if (problem) throw new Error(problem);
      faults.push(normaliseFault(rule));
    },
    clearFaults() {
      faults = [];
    },
    faults: () => faults.map((f) => ({ ...f })),
    deliveries: filterDeliveries,
    requests: () => requests.slice(),
    /** Makes every issued token expired now (the API answers 401). */
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, clock());
    },
    conversations: () =>
      [...conversations.values()].map((c) => ({
        ...c,
        botSessions: c.botSessions.map((s) => ({ ...s, status: flow.sessionStatus(s) })),
      })),
    findConversationByBotSession(botSessionId: string): ConversationState | undefined {
      const id = botSessionIndex.get(botSessionId);
      return id ? conversations.get(id) : undefined;
    },
    expireGuestSession: (token: string) => guests.expireSession(token),
    /** A conversation already inside the bot action (no guest, no bot call): for push tests. */
    openBotSession: (deploymentId: string) => flow.openBotSession(deploymentId),
    /** Resolves when every queued bot call has finished (tests). */
    idle: () => flow.idle(),
  };
  return api;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function checkFault(r: unknown): string | undefined {
  if (!r || typeof r !== 'object') return 'a fault rule is an object';
  const f = r as Record<string, unknown>;
  if (!FAULT_ROUTES.includes(f.route as FaultRoute)) return `route must be one of ${FAULT_ROUTES.join(', ')}`;
  if (f.status !== undefined && (!Number.isInteger(f.status) || (f.status as number) < 100 || (f.status as number) > 5999)) return 'status must be an integer status (or guest error code)';
  if (f.retryAfterSeconds !== undefined && !(typeof f.retryAfterSeconds === 'number' && f.retryAfterSeconds >= 0)) return 'retryAfterSeconds must be a number ≥ 0';
  if (f.delayMs !== undefined && !(typeof f.delayMs === 'number' && f.delayMs >= 0 && f.delayMs <= 120_000)) return 'delayMs must be between 0 and 120000';
  if (f.reset !== undefined && typeof f.reset !== 'boolean') return 'reset must be a boolean';
  if (f.status === undefined && !f.reset && !f.delayMs) return 'a fault needs status, reset or delayMs';
  if (f.times !== undefined && !(Number.isInteger(f.times) && (f.times as number) > 0)) return 'times must be a positive integer';
  return undefined;
}

function normaliseFault(r: FaultRule): FaultRule {
  return {
    route: r.route,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.retryAfterSeconds !== undefined ? { retryAfterSeconds: r.retryAfterSeconds } : {}),
    ...(r.delayMs !== undefined ? { delayMs: r.delayMs } : {}),
    ...(r.reset ? { reset: true } : {}),
    times: r.times ?? 1,
  };
}

function checkDeployment(d: Record<string, unknown>): string | undefined {
  if (typeof d.botId !== 'string' || !d.botId) return 'botId is required';
  if (typeof d.botVersion !== 'string' || !d.botVersion) return 'botVersion is required';
  if (d.allowedOrigins !== '*' && !(Array.isArray(d.allowedOrigins) && d.allowedOrigins.every((o) => typeof o === 'string'))) {
    return "allowedOrigins must be '*' or an array of origins/domains";
  }
  if (d.botConnectorUri !== undefined && !(typeof d.botConnectorUri === 'string' && /^https?:\/\//.test(d.botConnectorUri))) {
    return 'botConnectorUri must be an http(s) URL';
  }
  return undefined;
}

function publicDeployment(d: DeploymentConfig) {
  const { secretHeaderValue, ...rest } = d;
  return { ...rest, secretHeaderValue: secretHeaderValue ? '[REDACTED]' : undefined };
}
