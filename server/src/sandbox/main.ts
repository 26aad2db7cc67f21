/**
 * Standalone sandbox: `npm run sandbox -- --port N [--host H] [--bot-uri URL]`.
 * Reads the same environment as the server (server/.env): the OAuth client it accepts is
 * GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET (or SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET),
 * the deployment is MESSENGER_DEPLOYMENT_ID with MESSENGER_ORIGIN allowed, and the flow calls
 * --bot-uri (default http://127.0.0.1:3000/botconnector) with the BOT_CONNECTOR_* secret.
 * Secrets are never printed.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SANDBOX_DEPLOYMENT_ID, loadConfig } from '../config.ts';
import { createSandbox } from './sandbox.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'bot-uri': { type: 'string' },
    'rate-limit': { type: 'string' },
    'token-lifetime': { type: 'string' },
  },
});

function whole(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) {
    console.error(`--${name} must be a whole number, got "${v}".`);
    process.exit(2);
  }
  return Number(v);
}
const rateLimitPerMinute = whole('rate-limit', values['rate-limit']);
const tokenLifetimeSeconds = whole('token-lifetime', values['token-lifetime']);
const port = whole('port', values.port) ?? 4010;

const config = loadConfig();
// Without a configured secret each process draws its own, and every flow call would get 403.
if (!process.env.BOT_CONNECTOR_SECRET) {
  console.error('Set BOT_CONNECTOR_SECRET (16+ characters) to the value the server uses too: the sandbox sends it on every call to the bot.');
  process.exit(2);
}
const clientId = process.env.SANDBOX_CLIENT_ID || config.genesys.clientId || 'sandbox-client';
const clientSecret = process.env.SANDBOX_CLIENT_SECRET || config.genesys.clientSecret;
if (!clientSecret) {
  console.error('Set SANDBOX_CLIENT_SECRET (or GENESYS_CLIENT_SECRET) to the secret the sandbox should accept.');
  process.exit(2);
}
// With GENESYS_CLIENT_* set the config reads as live mode, which has no default deployment.
const deploymentId = config.messenger.deploymentId ?? DEFAULT_SANDBOX_DEPLOYMENT_ID;
let sandbox: ReturnType<typeof createSandbox>;
try {
  sandbox = createSandbox({
    clients: [{ clientId, clientSecret, permissions: ['*'] }],
    rateLimitPerMinute,
    tokenLifetimeSeconds,
    deployments: [
      {
        deploymentId,
        allowedOrigins: [config.messenger.origin],
        botConnectorUri: values['bot-uri'] ?? `http://${config.host}:${config.port}/botconnector`,
        secretHeaderName: config.botConnector.secretHeader,
        secretHeaderValue: config.botConnector.secret,
        botId: config.botConnector.botId,
        botVersion: config.botConnector.botVersion,
      },
    ],
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
const { url, wsUrl } = await sandbox.listen(port, values.host);
console.log(`Genesys sandbox listening on ${url}`);
console.log(`  GENESYS_API_BASE_URL=${url} GENESYS_LOGIN_BASE_URL=${url} GENESYS_WEBMESSAGING_URL=${wsUrl}`);
console.log(`  OAuth client id: ${clientId}; deployment: ${deploymentId}; test controls under ${url}/__sandbox/`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
