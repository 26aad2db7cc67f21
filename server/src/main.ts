/**
 * The server process: reads the configuration from the environment, starts the server
 * (compose.ts), logs where it listens, and shuts down cleanly on SIGINT/SIGTERM.
 * `npm start` / `npm run dev` in server/ run this file.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startServer } from './compose.ts';

/** A stop that hangs (a socket that will not close) must not keep the process alive. */
const STOP_TIMEOUT_MS = 5000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error:\n${e.issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
      process.exit(1);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const running = await startServer(config);
  const { logger } = running;
  if (config.mode === 'sandbox') {
    const sandboxUrl = running.genesysUrls.api;
    logger.info(
      { sandbox: sandboxUrl, deploymentId: config.messenger.deploymentId },
      `SANDBOX MODE: no Genesys org configured; the embedded simulator at ${sandboxUrl} stands in and calls ${running.url}/botconnector`,
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
    setTimeout(() => process.exit(0), STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('Failed to start:', e instanceof Error ? e.message : String(e));
  process.exit(1);
});
