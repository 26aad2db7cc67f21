import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer, type StartOptions } from '../compose.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { tempDir } from './tmp.ts';
import type { Sandbox } from '../sandbox/index.ts';

export type Harness = RunningServer & { dataDir: string; logs: () => string; cleanup: () => Promise<void> };

/**
 * The real server on 127.0.0.1:0 in sandbox mode (unless `env` says live), with a temp
 * DATA_DIR, no request rate limits, no built client, and the log captured in memory through
 * the same scrubbing logger the server uses.
 */
export async function startHarness(
  env: Record<string, string> = {},
  opts: Omit<StartOptions, 'log'> & { dataDir?: string; config?: ConfigOverrides } = {},
): Promise<Harness> {
  const t = opts.dataDir ? { dir: opts.dataDir, cleanup: () => {} } : tempDir();
  const config = loadConfig(
    { DATA_DIR: t.dir, PORT: '0', HOST: '127.0.0.1', ...env },
    { clientDist: null, requestRateLimit: false, ...opts.config },
  );
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const r = await startServer(config, { ...opts, log: { level: 'debug', destination: sink } });
  return Object.assign(r, {
    dataDir: t.dir,
    logs: () => chunks.join(''),
    cleanup: async () => {
      await r.close();
      t.cleanup();
    },
  });
}

/** What ties a live-mode instance to a standalone sandbox playing the org. */
export interface LiveOrg {
  sandbox: Sandbox;
  listening: { url: string; wsUrl: string };
  secret: string;
  deploymentId: string;
  origin: string;
  bot: { botId: string; botVersion: string };
}

/** The environment of a live-mode instance whose Genesys is a standalone sandbox, as an org is. */
export function liveEnv(org: LiveOrg): Record<string, string> {
  return {
    GENESYS_REGION: 'us_east_1',
    GENESYS_CLIENT_ID: org.sandbox.defaultClient.clientId,
    GENESYS_CLIENT_SECRET: org.sandbox.defaultClient.clientSecret,
    GENESYS_API_BASE_URL: org.listening.url,
    GENESYS_LOGIN_BASE_URL: org.listening.url,
    GENESYS_WEBMESSAGING_URL: org.listening.wsUrl,
    BOT_CONNECTOR_SECRET: org.secret,
    BOT_CONNECTOR_BOT_ID: org.bot.botId,
    BOT_CONNECTOR_BOT_VERSION: org.bot.botVersion,
    MESSENGER_DEPLOYMENT_ID: org.deploymentId,
    MESSENGER_ORIGIN: org.origin,
  };
}

/** Points the org's Messenger deployment (its bot flow) at one instance's /botconnector. */
export function routeBotTo(org: LiveOrg, instance: RunningServer): void {
  org.sandbox.configureDeployment({
    deploymentId: org.deploymentId,
    allowedOrigins: [org.origin],
    botConnectorUri: `${instance.url}/botconnector`,
    secretHeaderName: instance.config.botConnector.secretHeader,
    secretHeaderValue: org.secret,
    ...org.bot,
  });
}

/** A Messenger guest on the sandbox's WebSocket: opens a conversation by saying hello. */
export async function openGuest(h: RunningServer, text = 'Hello') {
  const deploymentId = h.config.messenger.deploymentId!;
  const wsUrl = h.genesysUrls.webMessaging!;
  const ws = new WebSocket(`${wsUrl}?deploymentId=${encodeURIComponent(deploymentId)}`, {
    headers: { Origin: 'http://127.0.0.1:3000' },
  });
  const frames: { type: string; class: string; code: number; body: unknown }[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as (typeof frames)[number]));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const token = randomUUID();
  ws.send(JSON.stringify({ action: 'configureSession', token, deploymentId }));
  await waitFor(() => frames.some((f) => f.class === 'SessionResponse'));
  const before = new Set((await h.sessions.list()).map((s) => s.botSessionId));
  ws.send(JSON.stringify({ action: 'onMessage', token, message: { type: 'Text', text } }));
  const session = await waitFor(async () => (await h.sessions.list()).find((s) => !before.has(s.botSessionId)));
  return { ws, frames, token, session, close: () => ws.close() };
}

export async function waitFor<T>(fn: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const CARD_MESSAGE = {
  type: 'Structured',
  content: [
    {
      contentType: 'Card',
      card: {
        title: '50% off Flights to Norway',
        description: 'Valid September to November only',
        image: 'https://www.example.com/photo/1234.jpg',
        actions: [
          { type: 'Link', text: 'View Details', url: 'https://www.example.com/flights/norway' },
          { type: 'Postback', text: 'Book Now', payload: 'I want it' },
        ],
      },
    },
  ],
};

export type Guest = Awaited<ReturnType<typeof openGuest>>;

/**
 * One server and one guest conversation (so one open bot session) shared by the tests of a
 * file: started before the first test, closed after the last.
 */
export function serverWithGuest(): { readonly h: Harness; readonly guest: Guest } {
  const env = {} as { h: Harness; guest: Guest };
  beforeAll(async () => {
    env.h = await startHarness();
    env.guest = await openGuest(env.h);
  });
  afterAll(async () => {
    env.guest?.close();
    await env.h?.cleanup();
  });
  return env;
}
