/**
 * Server configuration, read once from the environment (and `.env` through dotenv),
 * validated with zod, completed with every default, and frozen: nothing changes it after
 * loadConfig returns. With no GENESYS_CLIENT_ID the server runs in sandbox mode: the embedded
 * simulator stands in for a Genesys org, and its addresses (known once it listens) are handed
 * to the Genesys and guest clients by the composition root, not written into the config.
 *
 * Secrets stay plain strings (callers need them), but every object that holds one redacts it
 * in JSON.stringify and util.inspect, so logging or returning the config cannot leak it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import dotenv from 'dotenv';
import { REGION_DOMAINS, REGIONS_WITHOUT_WEBSOCKET_HOST, type Region, type ServerMode } from '@grmd/shared';
import { DEFAULT_RETRY } from './genesys/retry.ts';

/** The repository root, whatever the working directory (`npm start` runs from server/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APP_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
/** Relative to the repository root. */
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_CLIENT_DIST = path.join(REPO_ROOT, 'client/dist');
export const DEFAULT_SECRET_HEADER = 'X-Bot-Connector-Secret';
export const DEFAULT_BOT_ID = 'rich-message-designer';
export const DEFAULT_BOT_NAME = 'RichMessageDesigner';
export const DEFAULT_BOT_VERSION = 'v1';
export const DEFAULT_MESSENGER_ORIGIN = 'http://127.0.0.1:3000';
/** The deployment the embedded sandbox serves when MESSENGER_DEPLOYMENT_ID is unset. */
export const DEFAULT_SANDBOX_DEPLOYMENT_ID = 'sandbox-deployment';
/**
 * Upstream calls per minute the send path paces itself to: the Platform API's default limit
 * per client (genesys-messaging.md, "Platform API errors and rate limits"); the sandbox
 * enforces the same.
 */
export const DEFAULT_SEND_RATE_PER_MINUTE = 300;
/** Requests per minute per client address on /api and /botconnector: far above what one person causes. */
export const DEFAULT_REQUEST_RATE_LIMITS: RequestRateLimits = { apiPerMinute: 3000, botConnectorPerMinute: 3000 };
export const REDACTED = '[REDACTED]';

export type RequestRateLimits = { apiPerMinute: number; botConnectorPerMinute: number };
/** A signed-in session ends after this long without a request, and in any case after the absolute limit. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 60, maxHours: 12 };
/** A test conversation with no message either way for this long is ended (its guest connection closed). */
export const DEFAULT_TEST_CONVERSATION_IDLE_MINUTES = 30;
/** Wrong access tokens allowed per client address per minute before 429. */
export const DEFAULT_LOGIN_FAILURES_PER_MINUTE = 10;

export type SessionLimits = { idleMinutes: number; maxHours: number };

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

const REGIONS = Object.keys(REGION_DOMAINS) as [Region, ...Region[]];

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));
const optionalUrl = (name: string) =>
  optionalString.refine((s) => s === undefined || /^(https?|wss?):\/\/[^\s]+$/.test(s), {
    error: `${name} must be an absolute http(s):// or ws(s):// URL`,
  });

const optionalInt = (name: string, min: number, max: number) =>
  optionalString
    .refine((s) => s === undefined || (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max), {
      error: `${name} must be a whole number from ${min} to ${max}`,
    })
    .transform((s) => (s === undefined ? undefined : Number(s)));

// HTTP header names are RFC 7230 tokens.
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
  error: 'BOT_CONNECTOR_SECRET_HEADER must be a valid HTTP header name',
});

const envSchema = z
  .object({
    GENESYS_REGION: z.enum(REGIONS, {
      error: `GENESYS_REGION must be one of ${REGIONS.join(', ')}`,
    }).default('us_east_1'),
    GENESYS_CLIENT_ID: optionalString,
    GENESYS_CLIENT_SECRET: optionalString,
    GENESYS_API_BASE_URL: optionalUrl('GENESYS_API_BASE_URL'),
    GENESYS_LOGIN_BASE_URL: optionalUrl('GENESYS_LOGIN_BASE_URL'),
    GENESYS_WEBMESSAGING_URL: optionalUrl('GENESYS_WEBMESSAGING_URL'),
    // The Bot Connector bot list limits these to 100 characters (genesys-messaging.md, "GET {base}/bots").
    BOT_CONNECTOR_BOT_ID: optionalString.refine((s) => s === undefined || s.length <= 100, {
      error: 'BOT_CONNECTOR_BOT_ID must be at most 100 characters (the Bot Connector bot list limit)',
    }),
    BOT_CONNECTOR_BOT_NAME: optionalString.refine((s) => s === undefined || s.length <= 100, {
      error: 'BOT_CONNECTOR_BOT_NAME must be at most 100 characters (the Bot Connector bot list limit)',
    }),
    BOT_CONNECTOR_BOT_VERSION: optionalString.refine((s) => s === undefined || s.length <= 100, {
      error: 'BOT_CONNECTOR_BOT_VERSION must be at most 100 characters (the Bot Connector bot list limit)',
    }),
    BOT_CONNECTOR_SECRET_HEADER: optionalString.pipe(headerName.optional()),
    BOT_CONNECTOR_SECRET: optionalString.refine((s) => s === undefined || s.length >= 16, {
      error: 'BOT_CONNECTOR_SECRET must be at least 16 characters',
    }),
    MESSENGER_DEPLOYMENT_ID: optionalString,
    MESSENGER_ORIGIN: optionalUrl('MESSENGER_ORIGIN'),
    HOST: optionalString,
    PORT: optionalString.refine((s) => s === undefined || /^\d{1,5}$/.test(s) && Number(s) <= 65535, {
      error: 'PORT must be a number between 0 and 65535',
    }).transform((s) => (s === undefined ? undefined : Number(s))),
    DATA_DIR: optionalString,
    // PostgreSQL for more than one instance; without it, SQLite in DATA_DIR.
    DATABASE_URL: optionalString.refine((s) => s === undefined || /^postgres(ql)?:\/\/\S+$/.test(s), {
      error: 'DATABASE_URL must be a PostgreSQL URL, like postgres://user:password@host:5432/designer',
    }),
    APP_ACCESS_TOKEN: optionalString.refine((s) => s === undefined || s.length >= 16, {
      error: 'APP_ACCESS_TOKEN must be at least 16 characters',
    }),
    ANALYTICS_WEBHOOK_URL: optionalUrl('ANALYTICS_WEBHOOK_URL'),
    APP_PUBLIC_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/[^\s/]+\/?$/.test(s), {
      error: 'APP_PUBLIC_URL must be the origin users open, like https://designer.example.com (no path)',
    }),
    // With several instances: where the others reach this one (the instance holding a test conversation's guest socket).
    INSTANCE_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/[^\s/]+\/?$/.test(s), {
      error: 'INSTANCE_URL must be the base URL other instances reach this one at, like http://10.0.0.5:3000 (no path)',
    }),
    ALLOWED_HOSTS: optionalString.refine((s) => s === undefined || s.split(',').every((h) => /^[\w.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(h.trim())), {
      error: 'ALLOWED_HOSTS must be comma-separated host names, each optionally with :port (no scheme, no path)',
    }),
    GENESYS_SIGNIN_CLIENT_ID: optionalString,
    GENESYS_SIGNIN_CLIENT_SECRET: optionalString,
    GENESYS_SIGNIN_GROUP_ID: optionalString,
    SESSION_IDLE_MINUTES: optionalInt('SESSION_IDLE_MINUTES', 1, 7 * 24 * 60),
    SESSION_MAX_HOURS: optionalInt('SESSION_MAX_HOURS', 1, 24 * 30),
    TEST_CONVERSATION_IDLE_MINUTES: optionalInt('TEST_CONVERSATION_IDLE_MINUTES', 1, 7 * 24 * 60),
    GENESYS_RATE_LIMIT_PER_MINUTE: optionalInt('GENESYS_RATE_LIMIT_PER_MINUTE', 1, 100_000),
    GENESYS_MAX_429_RETRIES: optionalInt('GENESYS_MAX_429_RETRIES', 0, 10),
  })
  .superRefine((env, ctx) => {
    if (env.GENESYS_CLIENT_ID && !env.GENESYS_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['GENESYS_CLIENT_SECRET'],
        message: 'GENESYS_CLIENT_SECRET is required when GENESYS_CLIENT_ID is set (live mode)',
      });
    }
    // Either way of signing in guards the API: the shared token, or Genesys Cloud sign-in.
    const signIn = Boolean(env.APP_ACCESS_TOKEN || env.GENESYS_SIGNIN_CLIENT_ID);
    if (env.APP_PUBLIC_URL && !signIn) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_ACCESS_TOKEN'],
        message: 'APP_ACCESS_TOKEN or GENESYS_SIGNIN_CLIENT_ID is required when APP_PUBLIC_URL is set: a proxy in front makes /api reachable from outside this machine',
      });
    }
    if (env.HOST && !isLoopback(env.HOST) && !signIn) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_ACCESS_TOKEN'],
        message: `binding ${env.HOST} (not 127.0.0.1) requires APP_ACCESS_TOKEN or GENESYS_SIGNIN_CLIENT_ID; users sign in with it`,
      });
    }
    if (env.GENESYS_CLIENT_ID && !env.BOT_CONNECTOR_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_CONNECTOR_SECRET'],
        message:
          'BOT_CONNECTOR_SECRET is required in live mode: Genesys sends it in the connection-secret header and the bot refuses calls without it',
      });
    }
  });

/** Whether the server talks to its embedded sandbox or a real org (the contract's ServerMode). */
export type Mode = ServerMode;

export type GenesysConfig = Readonly<{
  region: Region;
  domain: string;
  clientId?: string;
  clientSecret?: string;
  /** https://api.{domain}; undefined in sandbox mode, where the embedded sandbox answers. */
  apiBaseUrl?: string;
  loginBaseUrl?: string;
  /** wss://webmessaging.{domain}/v1 */
  webMessagingUrl?: string;
}>;

export type BotConnectorConfig = Readonly<{
  botId: string;
  botName: string;
  botVersion: string;
  secretHeader: string;
  secret: string;
}>;

export type Config = Readonly<{
  mode: Mode;
  host: string;
  port: number;
  /** Absolute: where app.db lives (SQLite, when no databaseUrl). */
  dataDir: string;
  /** postgres://…: every store on PostgreSQL, shared by every instance. */
  databaseUrl?: string;
  /** The built client served at /; null serves a placeholder page. */
  clientDist: string | null;
  appAccessToken?: string;
  analyticsWebhookUrl?: string;
  /** The origin users open through a reverse proxy (https://…): writes from it pass the
   * cross-site check, cookies become Secure on https, and X-Forwarded-For from a proxy on
   * this machine is trusted for rate limiting. */
  publicOrigin?: string;
  /**
   * INSTANCE_URL's origin: where the other instances on the database reach this one, to
   * forward requests about the test conversations whose guest socket this one holds. Unset:
   * compose.ts derives it from the listening address (instanceUrlFor).
   */
  instanceUrl?: string;
  /** Host names (optionally name:port) the server answers to besides loopback and APP_PUBLIC_URL's host. */
  allowedHosts: readonly string[];
  /** Sign in with Genesys Cloud: a Code Authorization client of the org (sandbox mode: of the sandbox). */
  signin?: Readonly<{ clientId: string; clientSecret?: string; groupId?: string }>;
  /** Idle and absolute limits of a signed-in session (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
  session: SessionLimits;
  /** Minutes without a message before a test conversation is ended (TEST_CONVERSATION_IDLE_MINUTES). */
  testConversationIdleMinutes: number;
  /** Upstream calls per minute the send path paces itself to (and the embedded sandbox enforces). */
  sendRatePerMinute: number;
  /** Retries after a 429; raise it for orgs whose limits are tight. */
  max429Retries: number;
  /** Per client address on /api and /botconnector; false turns limiting off (tests and bench). */
  requestRateLimit: RequestRateLimits | false;
  genesys: GenesysConfig;
  botConnector: BotConnectorConfig;
  messenger: Readonly<{ deploymentId?: string; origin: string }>;
}>;

/** What code (tests, the bench) may set that has no environment variable. */
export type ConfigOverrides = { clientDist?: string | null; requestRateLimit?: RequestRateLimits | false };

export class ConfigError extends Error {
  readonly issues: { variable: string; message: string }[];
  constructor(issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Makes `obj` print its secret-bearing keys as [REDACTED] in JSON.stringify and
 * util.inspect / console.log, without changing property access.
 */
export function redactSecrets<T extends object>(obj: T, secretKeys: readonly string[]): T {
  const redacted = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      out[k] = secretKeys.includes(k) && v !== undefined ? REDACTED : v;
    }
    return out;
  };
  Object.defineProperty(obj, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(obj, inspect.custom, {
    value: (depth: number, options: object) => inspect(redacted(), { ...options, depth }),
    enumerable: false,
  });
  return obj;
}

/** Derives the three Genesys hosts of a region (genesys-messaging.md, "Region domains"). */
export function regionUrls(region: Region): { apiBaseUrl: string; loginBaseUrl: string; webMessagingUrl?: string } {
  const domain = REGION_DOMAINS[region];
  return {
    apiBaseUrl: `https://api.${domain}`,
    loginBaseUrl: `https://login.${domain}`,
    // genesys-messaging.md lists no WebSocket host for some regions; leave it to the override.
    webMessagingUrl: REGIONS_WITHOUT_WEBSOCKET_HOST.includes(region) ? undefined : `wss://webmessaging.${domain}/v1`,
  };
}

/**
 * Reads configuration. Without an explicit `env`, `.env` in the working directory is loaded
 * first (it never overrides variables already set).
 */
export function loadConfig(env?: Record<string, string | undefined>, overrides: ConfigOverrides = {}): Config {
  if (!env) {
    dotenv.config({ quiet: true });
    env = process.env;
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  const mode: Mode = e.GENESYS_CLIENT_ID ? 'live' : 'sandbox';
  const urls = regionUrls(e.GENESYS_REGION);
  const genesys: GenesysConfig = redactSecrets(
    {
      region: e.GENESYS_REGION,
      domain: REGION_DOMAINS[e.GENESYS_REGION],
      clientId: e.GENESYS_CLIENT_ID,
      clientSecret: e.GENESYS_CLIENT_SECRET,
      // In sandbox mode the region hosts are never called: the sandbox's URLs replace them.
      apiBaseUrl: e.GENESYS_API_BASE_URL ?? (mode === 'live' ? urls.apiBaseUrl : undefined),
      loginBaseUrl: e.GENESYS_LOGIN_BASE_URL ?? (mode === 'live' ? urls.loginBaseUrl : undefined),
      webMessagingUrl: e.GENESYS_WEBMESSAGING_URL ?? (mode === 'live' ? urls.webMessagingUrl : undefined),
    },
    ['clientSecret'],
  );
  const botConnector: BotConnectorConfig = redactSecrets(
    {
      botId: e.BOT_CONNECTOR_BOT_ID ?? DEFAULT_BOT_ID,
      botName: e.BOT_CONNECTOR_BOT_NAME ?? DEFAULT_BOT_NAME,
      botVersion: e.BOT_CONNECTOR_BOT_VERSION ?? DEFAULT_BOT_VERSION,
      secretHeader: e.BOT_CONNECTOR_SECRET_HEADER ?? DEFAULT_SECRET_HEADER,
      // Sandbox mode without a configured secret: a random one per process; the embedded
      // sandbox is configured with the same value, so the header check still runs.
      secret: e.BOT_CONNECTOR_SECRET ?? randomBytes(24).toString('base64url'),
    },
    ['secret'],
  );
  const config: Config = {
    mode,
    host: e.HOST ?? DEFAULT_HOST,
    port: e.PORT ?? DEFAULT_PORT,
    dataDir: path.resolve(REPO_ROOT, e.DATA_DIR ?? DEFAULT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    clientDist: overrides.clientDist === undefined ? DEFAULT_CLIENT_DIST : overrides.clientDist,
    appAccessToken: e.APP_ACCESS_TOKEN,
    analyticsWebhookUrl: e.ANALYTICS_WEBHOOK_URL,
    publicOrigin: e.APP_PUBLIC_URL ? new URL(e.APP_PUBLIC_URL).origin : undefined,
    instanceUrl: e.INSTANCE_URL ? new URL(e.INSTANCE_URL).origin : undefined,
    allowedHosts: (e.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    signin: e.GENESYS_SIGNIN_CLIENT_ID
      ? redactSecrets({ clientId: e.GENESYS_SIGNIN_CLIENT_ID, clientSecret: e.GENESYS_SIGNIN_CLIENT_SECRET, groupId: e.GENESYS_SIGNIN_GROUP_ID }, ['clientSecret'])
      : undefined,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES ?? DEFAULT_SESSION_LIMITS.idleMinutes,
      maxHours: e.SESSION_MAX_HOURS ?? DEFAULT_SESSION_LIMITS.maxHours,
    },
    testConversationIdleMinutes: e.TEST_CONVERSATION_IDLE_MINUTES ?? DEFAULT_TEST_CONVERSATION_IDLE_MINUTES,
    sendRatePerMinute: e.GENESYS_RATE_LIMIT_PER_MINUTE ?? DEFAULT_SEND_RATE_PER_MINUTE,
    max429Retries: e.GENESYS_MAX_429_RETRIES ?? DEFAULT_RETRY.maxRetries429,
    requestRateLimit: overrides.requestRateLimit ?? DEFAULT_REQUEST_RATE_LIMITS,
    genesys,
    botConnector,
    messenger: {
      deploymentId: e.MESSENGER_DEPLOYMENT_ID ?? (mode === 'sandbox' ? DEFAULT_SANDBOX_DEPLOYMENT_ID : undefined),
      origin: e.MESSENGER_ORIGIN ?? DEFAULT_MESSENGER_ORIGIN,
    },
  };
  return deepFreeze(redactSecrets(config, ['appAccessToken', 'databaseUrl']));
}

/**
 * The base URL other instances reach this one at: INSTANCE_URL, else the loopback address on
 * the port it listens on when HOST is loopback (every instance on this machine). Otherwise a
 * guess, with a warning to give when other instances share the database: the listening
 * address, or this machine's name when it listens on every interface.
 */
export function instanceUrlFor(config: Pick<Config, 'instanceUrl' | 'host' | 'databaseUrl'>, port: number, hostname: string): { url: string; warning?: string } {
  if (config.instanceUrl) return { url: config.instanceUrl };
  if (isLoopback(config.host)) return { url: `http://127.0.0.1:${port}` };
  const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '';
  const name = wildcard ? hostname : config.host;
  const url = `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
  return {
    url,
    ...(config.databaseUrl
      ? {
          warning: `INSTANCE_URL is not set: other instances will forward test conversation requests to ${url}, which may not reach this one; set INSTANCE_URL to the base URL the other instances reach this one at`,
        }
      : {}),
  };
}

function deepFreeze<T extends object>(obj: T): T {
  for (const v of Object.values(obj)) if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v as object);
  return Object.freeze(obj);
}
