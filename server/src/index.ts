import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectionResponse } from '@grmd/shared';
import { createApp, type AppDeps } from './app.ts';
import { createBotConnectorRouter, migrateSessions, SessionStore } from './botconnector/index.ts';
import type { SessionsApiPort } from './api/live.ts';
import type { SessionsPort } from './send/types.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createGenesysClient, GenesysApiError, nodeHttpTransport, type GenesysClient, type HttpTransport } from './genesys/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox/index.ts';
import { createPurifier } from './sanitize/purifier.ts';
import { OutboxWorker } from './send/outboxWorker.ts';
import { createPipeline } from './send/pipeline.ts';
import { SlidingWindowLimiter } from './send/rateLimiter.ts';
import { analyticsEvent, ANALYTICS_TOPIC, SendService } from './send/service.ts';
import { openDb, type Db } from './store/db.ts';
import { DesignStore } from './store/designs.ts';
import { OutboxStore } from './store/outbox.ts';
import { SendStore } from './store/sends.ts';
import { TestConversationService } from './send/testConversations.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, whatever the working directory (`npm start` runs from server/). */
export const REPO_ROOT = path.resolve(here, '../..');
export const DEFAULT_SANDBOX_DEPLOYMENT_ID = 'sandbox-deployment';
/** §8: 300 requests/minute per client by default; the sandbox enforces the same. */
export const DEFAULT_SEND_RATE_PER_MINUTE = 300;
/** Slack on the pacing window for clock differences; slots are held until the call finished, which already covers network delay. */
export const PACING_SLACK_MS = 100;

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export function maskId(id: string | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return `${id.slice(0, 1)}…`;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export type StartOptions = {
  logger?: Logger;
  /** Built client; default <repo>/client/dist. */
  clientDist?: string | null;
  rateLimit?: AppDeps['rateLimit'];
  /** Upstream calls per minute the send path paces itself to. */
  sendRatePerMinute?: number;
  /** Sandbox mode only: options for the embedded sandbox (tests plant clients, limits). */
  sandbox?: SandboxOptions;
  /** Server-side request timings (bench). */
  onTiming?: (name: string, ms: number) => void;
};

export type RunningServer = {
  url: string;
  server: Server;
  config: Config;
  db: Db;
  sandbox: Sandbox | null;
  sandboxUrl: string | null;
  genesys: GenesysClient;
  sends: SendStore;
  sendService: SendService;
  limiter: SlidingWindowLimiter;
  outbox: OutboxStore;
  sessions: SessionStore;
  /** Every secret value the server holds (the canary test greps for them). */
  secrets(): string[];
  close(): Promise<void>;
};

/** Builds everything from a Config, listens, and (sandbox mode) wires the sandbox to call us back. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  // Access tokens seen on the wire, so the log scrubber can blank them wherever they surface.
  const accessTokens = new Set<string>();
  const otherSecrets = new Set<string>();
  const secrets = () => [config.genesys.clientSecret, config.botConnector.secret, config.appAccessToken, ...otherSecrets, ...accessTokens];
  const logger = opts.logger ?? createLogger({ secrets });
  const transport: HttpTransport = async (req) => {
    const res = await nodeHttpTransport(req);
    if (req.url.endsWith('/oauth/token') && res.status === 200) {
      try {
        const t = (JSON.parse(res.text) as { access_token?: unknown }).access_token;
        if (typeof t === 'string') {
          if (accessTokens.size > 20) accessTokens.clear();
          accessTokens.add(t);
        }
      } catch {
        // not JSON: the client reports it
      }
    }
    return res;
  };
  if (!isLoopback(config.host) && !config.appAccessToken) {
    throw new ConfigError([
      {
        variable: 'APP_ACCESS_TOKEN',
        message: `binding ${config.host} (not 127.0.0.1) requires APP_ACCESS_TOKEN; users log in with it`,
      },
    ]);
  }
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = path.resolve(REPO_ROOT, config.dataDir);
  const db = openDb(dataDir, { also: [migrateSessions] });
  const sessionStore = new SessionStore(db);
  const designs = new DesignStore(db);
  const sends = new SendStore(db);
  const outbox = new OutboxStore(db);
  const webhook = config.analyticsWebhookUrl;
  const recovered = sends.recoverPending((rec) => {
    if (webhook) outbox.enqueue(ANALYTICS_TOPIC, analyticsEvent(rec));
  });
  if (recovered) logger.warn({ recovered }, 'sends left pending by the previous run are now marked unknown (not resent)');

  const ratePerMinute = opts.sendRatePerMinute ?? config.sendRatePerMinute ?? DEFAULT_SEND_RATE_PER_MINUTE;
  const retry = config.max429Retries === undefined ? {} : { retry: { maxRetries429: config.max429Retries } };
  let sandbox: Sandbox | null = null;
  let sandboxUrl: string | null = null;
  let genesys: GenesysClient | null = null;
  if (config.mode === 'sandbox') {
    sandbox = createSandbox({ rateLimitPerMinute: ratePerMinute, ...opts.sandbox, logger });
    otherSecrets.add(sandbox.defaultClient.clientSecret);
    const s = await sandbox.listen(0, '127.0.0.1');
    sandboxUrl = s.url;
    config.genesys.apiBaseUrl = s.url;
    config.genesys.loginBaseUrl = s.url;
    config.genesys.webMessagingUrl = s.wsUrl;
    // The sandbox's OAuth client: the generated one, or the first one the caller planted.
    const sc = opts.sandbox?.clients?.[0] ?? sandbox.defaultClient;
    otherSecrets.add(sc.clientSecret);
    genesys = createGenesysClient({
      apiBaseUrl: s.url,
      loginBaseUrl: s.url,
      clientId: sc.clientId,
      clientSecret: sc.clientSecret,
      transport,
      logger,
      ...retry,
    });
  } else {
    genesys = createGenesysClient({
      apiBaseUrl: config.genesys.apiBaseUrl!,
      loginBaseUrl: config.genesys.loginBaseUrl!,
      clientId: config.genesys.clientId!,
      clientSecret: config.genesys.clientSecret!,
      transport,
      logger,
      ...retry,
    });
  }
  const client = genesys;

  const limiter = new SlidingWindowLimiter(ratePerMinute, 60_000 + PACING_SLACK_MS);
  const worker = webhook ? new OutboxWorker({ url: webhook, store: outbox, logger }) : null;
  const pipeline = createPipeline(createPurifier());
  const sendService = new SendService({
    store: sends,
    pipeline,
    genesys: () => client,
    sessions: sendSessionsPort(sessionStore),
    limiter,
    outbox: webhook ? outbox : null,
    onOutbox: () => worker?.kick(),
    logger,
  });

  const deploymentId = config.messenger.deploymentId ?? (config.mode === 'sandbox' ? DEFAULT_SANDBOX_DEPLOYMENT_ID : undefined);
  const connection = async (): Promise<ConnectionResponse> => {
    let token: ConnectionResponse['token'];
    try {
      await client.tokenCache.getToken();
      token = { ok: true };
    } catch (e) {
      token = e instanceof GenesysApiError ? { ok: false, error: e.message, hint: e.hint } : { ok: false, error: 'Token request failed' };
    }
    const counts = outbox.counts();
    return {
      mode: config.mode,
      region: config.mode === 'sandbox' ? 'sandbox' : config.genesys.region,
      clientId: maskId(config.mode === 'sandbox' ? (opts.sandbox?.clients?.[0] ?? sandbox?.defaultClient)?.clientId : config.genesys.clientId),
      token,
      botConnector: {
        botId: config.botConnector.botId,
        botName: config.botConnector.botName,
        botVersion: config.botConnector.botVersion,
        secretHeader: config.botConnector.secretHeader,
        path: '/botconnector',
      },
      guest: { configured: Boolean(deploymentId), deploymentId: deploymentId ?? null, origin: config.messenger.origin ?? null },
      analyticsWebhook: { configured: Boolean(webhook), ...counts },
      sendRate: { perMinute: ratePerMinute },
    };
  };

  const testConversations = new TestConversationService({
    webMessagingUrl: () => config.genesys.webMessagingUrl,
    deploymentId,
    origin: config.messenger.origin,
    sessions: sessionStore,
    logger,
  });

  const app = createApp({
    mode: config.mode,
    version,
    logger,
    clientDist: opts.clientDist === undefined ? path.join(REPO_ROOT, 'client/dist') : opts.clientDist,
    accessToken: config.appAccessToken ?? null,
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
    ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
    botConnector: createBotConnectorRouter({ store: sessionStore, bot: config.botConnector, logger }),
    services: { pipeline, designs, sends, sendService, connection, sessions: sessionsApiPort(sessionStore), testConversations, sandboxControls: sandbox, ...(opts.onTiming ? { onTiming: opts.onTiming } : {}) },
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;

  if (sandbox && deploymentId) {
    sandbox.configureDeployment({
      deploymentId,
      // Like a real deployment's allowed domains: the test guest must send MESSENGER_ORIGIN.
      allowedOrigins: [config.messenger.origin],
      botConnectorUri: `${url}/botconnector`,
      secretHeaderName: config.botConnector.secretHeader,
      secretHeaderValue: config.botConnector.secret,
      botId: config.botConnector.botId,
      botVersion: config.botConnector.botVersion,
    });
  }
  worker?.start();

  return {
    url,
    server,
    config,
    db,
    sandbox,
    sandboxUrl,
    genesys: client,
    sends,
    sendService,
    limiter,
    outbox,
    sessions: sessionStore,
    secrets: () => secrets().filter((x): x is string => typeof x === 'string' && x.length > 0),
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await sendService.drain();
      await testConversations.closeAll();
      await worker?.stop();
      limiter.close();
      await sandbox?.close();
      db.close();
    },
  };
}

/** What the send path needs from D's SessionStore. */
export function sendSessionsPort(store: SessionStore): SessionsPort {
  return {
    get: (id) => store.summary(id),
    recordPush: (id, push) => {
      store.recordOutbound(id, {
        replyMessages: push.replyMessages,
        botState: push.botState,
        status: push.status === 'sent' ? 'delivered' : push.status,
        requestId: push.requestId,
        ...(push.genesysMessageId ? { messageId: push.genesysMessageId } : {}),
        ...(push.error ? { error: push.error } : {}),
      });
    },
  };
}

export function sessionsApiPort(store: SessionStore): SessionsApiPort {
  return {
    list: () => store.list(),
    get: (id) => store.get(id),
    subscribe: (listener) => {
      const on = (c: { botSessionId: string }) => listener(c.botSessionId);
      store.on('change', on);
      return () => store.off('change', on);
    },
    arm: (id, replyMessages) => store.arm(id, replyMessages),
    disarm: (id) => store.disarm(id),
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error:\n${e.issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
      process.exit(1);
    }
    throw e;
  }
  // Once the server runs, its own list also holds the access tokens it has seen and the
  // sandbox's client secrets; before that only the configured secrets exist.
  let running: RunningServer | undefined;
  const logger = createLogger({
    secrets: () => running?.secrets() ?? [config.genesys.clientSecret, config.botConnector.secret, config.appAccessToken],
  });
  try {
    running = await startServer(config, { logger });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Refusing to start: ${e.issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
      process.exit(1);
    }
    throw e;
  }
  if (config.mode === 'sandbox') {
    logger.info(
      { sandbox: running.sandboxUrl, deploymentId: config.messenger.deploymentId ?? DEFAULT_SANDBOX_DEPLOYMENT_ID },
      `SANDBOX MODE: no Genesys org configured; the embedded simulator at ${running.sandboxUrl} stands in and calls ${running.url}/botconnector`,
    );
  } else {
    logger.info({ region: config.genesys.region }, 'live mode: sending to Genesys Cloud');
  }
  logger.info(`listening on ${running.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error('Failed to start:', e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
