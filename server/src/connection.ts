import type { ConnectionResponse } from '@grmd/shared';
import type { Config } from './config.ts';
import { GenesysApiError, type GenesysClient } from './genesys/index.ts';
import type { OutboxRepo } from './store/ports.ts';

/** A client id as the UI may show it: enough to recognise, not enough to use. */
export function maskId(id: string | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return `${id.slice(0, 1)}…`;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** How long one token check answers for the connection panel before the next asks again. */
export const CHECK_REUSE_MS = 10_000;

/**
 * GET /api/connection: what the server is connected to and whether Genesys accepts its
 * credentials now (a token request), so the user can tell a configuration problem from a
 * problem with the message.
 */
export function connectionStatus(deps: {
  config: Config;
  genesys: GenesysClient;
  /** The OAuth client in use: the configured one, or the embedded sandbox's. */
  clientId: string | undefined;
  outbox: OutboxRepo;
  now?: () => number;
}): () => Promise<ConnectionResponse> {
  const { config, genesys, clientId, outbox } = deps;
  const now = deps.now ?? Date.now;
  let lastSucceededAt: number | null = null;
  let last: { at: number; token: ConnectionResponse['token'] } | null = null;
  return async () => {
    // A cached token says nothing once Genesys has revoked the client: ask for a new one,
    // at most once per CHECK_REUSE_MS so that a page load does not become a token request each.
    if (!last || now() - last.at >= CHECK_REUSE_MS) {
      let token: ConnectionResponse['token'];
      try {
        genesys.tokenCache.invalidate();
        await genesys.tokenCache.getToken();
        lastSucceededAt = now();
        token = { ok: true };
      } catch (e) {
        token = e instanceof GenesysApiError ? { ok: false, error: e.message, hint: e.hint } : { ok: false, error: 'Token request failed' };
      }
      last = { at: now(), token };
    }
    const token = { ...last.token, lastSucceededAt: lastSucceededAt === null ? null : new Date(lastSucceededAt).toISOString() };
    const { deploymentId, origin } = config.messenger;
    return {
      mode: config.mode,
      region: config.mode === 'sandbox' ? 'sandbox' : config.genesys.region,
      clientId: maskId(clientId),
      token,
      botConnector: {
        botId: config.botConnector.botId,
        botName: config.botConnector.botName,
        botVersion: config.botConnector.botVersion,
        secretHeader: config.botConnector.secretHeader,
        path: '/botconnector',
      },
      guest: { configured: Boolean(deploymentId), deploymentId: deploymentId ?? null, origin: origin ?? null },
      analyticsWebhook: { configured: Boolean(config.analyticsWebhookUrl), ...(await outbox.counts()) },
      sendRate: { perMinute: config.sendRatePerMinute },
    };
  };
}
