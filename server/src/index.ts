import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, whatever the working directory (`npm start` runs from server/). */
export const REPO_ROOT = path.resolve(here, '../..');

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function main(): Promise<void> {
  const env = process.env;
  const host = env.HOST || '127.0.0.1';
  const port = Number(env.PORT || 3000);
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR || './data');
  const accessToken = env.APP_ACCESS_TOKEN || null;
  const mode: 'sandbox' | 'live' = env.GENESYS_CLIENT_ID ? 'live' : 'sandbox';
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const logger = createLogger({ secrets: () => [env.GENESYS_CLIENT_SECRET, env.BOT_CONNECTOR_SECRET, accessToken] });

  if (!isLoopback(host) && !accessToken) {
    logger.fatal(`Refusing to bind ${host}: binding anything but 127.0.0.1 requires APP_ACCESS_TOKEN`);
    console.error(`Refusing to bind ${host}: set APP_ACCESS_TOKEN (users log in with it) or bind 127.0.0.1.`);
    process.exit(1);
  }
  mkdirSync(dataDir, { recursive: true });

  const app = createApp({
    mode,
    version,
    logger,
    clientDist: path.join(REPO_ROOT, 'client/dist'),
    accessToken,
  });
  const server = app.listen(port, host, () => {
    logger.info({ host, port, dataDir, mode }, `listening on http://${host}:${port}` + (mode === 'sandbox' ? ' (sandbox mode: no Genesys org, the embedded simulator stands in)' : ''));
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('Failed to start:', e instanceof Error ? e.message : String(e));
  process.exit(1);
});
