import type { ConnectionResponse } from '@grmd/shared';
import type { Config } from './config.ts';
import { GenesysApiError, type GenesysClient } from './genesys/index.ts';
import type { OutboxStore } from './store/outbox.ts';

/** A client id as the UI may show it: enough to recognise, not enough to use. */
export function maskId(id: string | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return `${id.slice(0, 1)}…`;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

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
  outbox: OutboxStore;
}): () => Promise<ConnectionResponse> {
  const { config, genesys, clientId, outbox } = deps;
  return async () => {
    let token: ConnectionResponse['token'];
    try {
      await genesys.tokenCache.getToken();
      token = { ok: true };
    } catch (e) {
      token = e instanceof GenesysApiError ? { ok: false, error: e.message, hint: e.hint } : { ok: false, error: 'Token request failed' };
    }
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
      analyticsWebhook: { configured: Boolean(config.analyticsWebhookUrl), ...outbox.counts() },
      sendRate: { perMinute: config.sendRatePerMinute },
    };
  };
}
