/**
 * Test helpers: a sandbox on 127.0.0.1:0 with one deployment, and a Genesys client wired to
 * it. Tests that could also run against a real org read `liveOrgEnv()`.
 */
import { createSandbox, type SandboxOptions, type DeploymentConfig } from '../sandbox/index.ts';
import { createGenesysClient, type GenesysClientOptions } from '../genesys/index.ts';

export const TEST_BOT = { botId: 'test-bot', botVersion: 'v1' } as const;
export const TEST_ORIGIN = 'http://designer.test:5173';
export const TEST_DEPLOYMENT_ID = 'f1e2d3c4-0000-0000-0000-000000000000';

export async function startSandbox(opts: SandboxOptions & { deployment?: Partial<DeploymentConfig> } = {}) {
  const sandbox = createSandbox({
    botRetryDelayMs: 10,
    ...opts,
    deployments: opts.deployments ?? [
      {
        deploymentId: TEST_DEPLOYMENT_ID,
        allowedOrigins: [TEST_ORIGIN],
        ...TEST_BOT,
        ...opts.deployment,
      },
    ],
  });
  const { url, wsUrl } = await sandbox.listen(0, '127.0.0.1');
  const client = (o: Partial<GenesysClientOptions> = {}) =>
    createGenesysClient({
      apiBaseUrl: url,
      loginBaseUrl: url,
      clientId: sandbox.defaultClient.clientId,
      clientSecret: sandbox.defaultClient.clientSecret,
      ...o,
    });
  return { sandbox, url, wsUrl, client };
}

/** A sleep spy that records waits and returns at once (tests must not wait for backoff). */
export function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { waits, sleep };
}

/** Set these to run the real-org parts of the tests (never needed for sandbox tests). */
export function liveOrgEnv() {
  const e = process.env;
  if (!e.GENESYS_TEST_CLIENT_ID || !e.GENESYS_TEST_CLIENT_SECRET || !e.GENESYS_TEST_REGION) return undefined;
  return {
    clientId: e.GENESYS_TEST_CLIENT_ID,
    clientSecret: e.GENESYS_TEST_CLIENT_SECRET,
    region: e.GENESYS_TEST_REGION,
    deploymentId: e.GENESYS_TEST_DEPLOYMENT_ID,
    origin: e.GENESYS_TEST_ORIGIN,
  };
}
