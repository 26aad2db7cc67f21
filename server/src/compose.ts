/**
 * The composition root: builds every part of the server from a frozen Config and wires them
 * together. It decides nothing itself: defaults live in config.ts, behaviour in the modules.
 * main.ts is the process around it (environment, signals); tests and the bench call
 * startServer directly.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { createApiRouter, type Timing } from './api/index.ts';
import { createBotConnectorRouter, SessionStore } from './botconnector/index.ts';
import { hostname } from 'node:os';
import { APP_VERSION, instanceUrlFor, type Config } from './config.ts';
import { connectionStatus } from './connection.ts';
import { createGenesysClient, nodeHttpTransport, reportingTokens, type GenesysClient } from './genesys/index.ts';
import { createApp } from './http/app.ts';
import { answerParserErrors } from './http/clientError.ts';
import { KnownSecrets } from './lib/secrets.ts';
import { createLogger, type Logger } from './logger.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox/index.ts';
import { createPurifier } from './sanitize/purifier.ts';
import { BotReplyAudit } from './send/botReplies.ts';
import { OutboxWorker } from './send/outboxWorker.ts';
import { createPipeline } from './send/pipeline.ts';
import { UPSTREAM_WINDOW_MS } from './send/rateLimiter.ts';
import { analyticsEvent, ANALYTICS_TOPIC, SendService } from './send/service.ts';
import { TestConversationService } from './send/testConversations.ts';
import { openStores } from './store/open.ts';
import type { OutboxRepo, SendRepo, Stores } from './store/ports.ts';

export type StartOptions = {
  /** Where log lines go and from which level (tests capture them; the bench silences them). */
  log?: { level?: string; destination?: DestinationStream };
  /** Sandbox mode only: options for the embedded sandbox (tests plant OAuth clients). */
  sandbox?: SandboxOptions;
  /** Server-side request timings (the bench). */
  onTiming?: Timing;
};

export type RunningServer = {
  url: string;
  server: Server;
  config: Config;
  logger: Logger;
  stores: Stores;
  sandbox: Sandbox | null;
  /** Where the Genesys clients call: the region's hosts, or the embedded sandbox. */
  genesysUrls: { api: string; webMessaging: string | undefined };
  genesys: GenesysClient;
  sends: SendRepo;
  sendService: SendService;
  outbox: OutboxRepo;
  sessions: SessionStore;
  /** Every secret value the server holds (the log scrubber blanks them; the canary test greps for them). */
  secrets(): string[];
  close(): Promise<void>;
};

/** Builds everything from a Config, listens, and (sandbox mode) points the sandbox's flow at our bot. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const secrets = new KnownSecrets([
    config.genesys.clientSecret,
    config.botConnector.secret,
    config.appAccessToken,
    config.signin?.clientSecret,
    databasePassword(config.databaseUrl),
  ]);
  const logger = createLogger({ ...opts.log, secrets: () => secrets.values() });

  const stores = await openStores(config);
  const { designs, sends, outbox } = stores;
  const sessions = new SessionStore(stores.botSessions);
  const webhook = config.analyticsWebhookUrl;
  // A send left pending by a stopped process has an unknown outcome. SQLite's file is this
  // process's alone, so every pending send is; on PostgreSQL a younger one may be another
  // instance's, still in flight.
  const orphanedBefore = Date.now() - (stores.engine === 'sqlite' ? 0 : PENDING_IS_ORPHANED_MS);
  const recovered = await sends.recoverPending(new Date(orphanedBefore + 1).toISOString(), (rec) =>
    webhook ? { topic: ANALYTICS_TOPIC, payload: analyticsEvent(rec) } : null,
  );
  if (recovered) logger.warn({ recovered }, 'sends left pending by a stopped process are now marked unknown (not resent)');

  const { sandbox, urls, client } = await genesysEndpoints(config, opts.sandbox, logger);
  if (sandbox) secrets.add(sandbox.defaultClient.clientSecret);
  secrets.add(client.clientSecret);
  const genesys = createGenesysClient({
    apiBaseUrl: urls.api,
    loginBaseUrl: urls.login,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    transport: reportingTokens(nodeHttpTransport, (t) => secrets.addToken(t)),
    logger,
    retry: { maxRetries429: config.max429Retries },
  });

  const limiter = stores.rateLimiter(client.clientId, config.sendRatePerMinute, UPSTREAM_WINDOW_MS);
  const worker = webhook ? new OutboxWorker({ url: webhook, store: outbox, logger }) : null;
  const pipeline = createPipeline(createPurifier());
  const sendService = new SendService({
    store: sends,
    pipeline,
    genesys,
    sessions,
    limiter,
    analytics: worker ? { kick: () => worker.kick() } : null,
    logger,
  });
  const botReplies = new BotReplyAudit({
    store: sends,
    outboxFor: worker ? (rec) => ({ topic: ANALYTICS_TOPIC, payload: analyticsEvent(rec) }) : undefined,
    kick: () => worker?.kick(),
    logger,
  });
  const testConversations = new TestConversationService({
    webMessagingUrl: urls.webMessaging,
    deploymentId: config.messenger.deploymentId,
    origin: config.messenger.origin,
    sessions,
    logger,
    idleMs: config.testConversationIdleMinutes * 60_000,
    records: stores.testConversations,
  });

  const app = createApp({
    mode: config.mode,
    version: APP_VERSION,
    logger,
    clientDist: config.clientDist,
    accessToken: config.appAccessToken ?? null,
    publicOrigin: config.publicOrigin ?? null,
    rateLimit: config.requestRateLimit,
    allowedHosts: config.allowedHosts,
    sessionLimits: config.session,
    signins: stores.signins,
    genesysSignin: config.signin ? { ...config.signin, loginBaseUrl: urls.login, apiBaseUrl: urls.api } : null,
    onSecret: (s) => secrets.addToken(s),
    ready: async () => ({
      database: await stores.isWritable(),
      ...(config.mode === 'live' ? { genesysToken: await genesys.tokenCache.getToken().then(() => true, () => false) } : {}),
    }),
    botConnector: createBotConnectorRouter({ store: sessions, bot: config.botConnector, logger, replies: botReplies }),
    api: createApiRouter({
      pipeline,
      designs,
      sends,
      activity: stores.activity,
      sendService,
      connection: connectionStatus({ config, genesys, clientId: client.clientId, outbox }),
      sessions,
      botReplies,
      testConversations,
      sandbox,
      onTiming: opts.onTiming ?? (() => {}),
      logger,
    }),
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  answerParserErrors(server, logger);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Where the other instances forward requests about the test conversations this one holds.
  const instance = instanceUrlFor(config, port, hostname());
  if (instance.warning) logger.warn({ instanceUrl: instance.url }, instance.warning);
  testConversations.setOwner(instance.url);

  const deploymentId = config.messenger.deploymentId;
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
    logger,
    stores,
    sandbox,
    genesysUrls: { api: urls.api, webMessaging: urls.webMessaging },
    genesys,
    sends,
    sendService,
    outbox,
    sessions,
    secrets: () => secrets.values(),
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await sendService.drain();
      // Still open at shutdown: ended (reason "shutdown"), their bot sessions marked closed, before the stores close.
      await testConversations.closeAll();
      await worker?.stop();
      limiter.close();
      await sandbox?.close();
      await stores.close();
    },
  };
}

/**
 * Longer than any send can stay pending (rate-slot wait, retries with backoff, timeouts): a
 * younger pending send may be another instance's, still in flight.
 */
const PENDING_IS_ORPHANED_MS = 15 * 60_000;

function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

type Endpoints = {
  sandbox: Sandbox | null;
  urls: { api: string; login: string; webMessaging: string | undefined };
  client: { clientId: string; clientSecret: string };
};

/**
 * Live mode: the configured region (or override) and OAuth client. Sandbox mode: the
 * embedded sandbox, listening on a free loopback port, and its OAuth client (the generated
 * one, or the first one the caller planted).
 */
async function genesysEndpoints(config: Config, options: SandboxOptions | undefined, logger: Logger): Promise<Endpoints> {
  if (config.mode === 'live') {
    const g = config.genesys;
    return {
      sandbox: null,
      urls: { api: g.apiBaseUrl!, login: g.loginBaseUrl!, webMessaging: g.webMessagingUrl },
      client: { clientId: g.clientId!, clientSecret: g.clientSecret! },
    };
  }
  const sandbox = createSandbox({ rateLimitPerMinute: config.sendRatePerMinute, ...options, logger });
  const s = await sandbox.listen(0, '127.0.0.1');
  const c = options?.clients?.[0] ?? sandbox.defaultClient;
  return { sandbox, urls: { api: s.url, login: s.url, webMessaging: s.wsUrl }, client: { clientId: c.clientId, clientSecret: c.clientSecret } };
}
