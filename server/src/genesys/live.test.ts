/**
 * The same client calls against a real Genesys Cloud org. Skipped unless these are set:
 *   GENESYS_TEST_REGION, GENESYS_TEST_CLIENT_ID, GENESYS_TEST_CLIENT_SECRET
 *   (+ GENESYS_TEST_DEPLOYMENT_ID and GENESYS_TEST_ORIGIN for the guest socket part).
 * The sandbox versions of every check live next to it and always run.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { REGION_DOMAINS, type Region } from '@grmd/shared';
import { liveOrgEnv } from '../testing/sandbox.ts';
import { regionUrls } from '../config.ts';
import { createGenesysClient, GenesysApiError } from './index.ts';
import { createGuestClient, guestWebSocketUrl } from '../guest/index.ts';

const live = liveOrgEnv();

describe.skipIf(!live)('against a real org (GENESYS_TEST_* set)', () => {
  const region = (live?.region ?? 'us_east_1') as Region;
  const urls = () => {
    if (!(region in REGION_DOMAINS)) throw new Error(`GENESYS_TEST_REGION ${region} is not a region key`);
    return regionUrls(region);
  };
  const client = () => createGenesysClient({ ...urls(), clientId: live!.clientId, clientSecret: live!.clientSecret });

  it('gets a client-credentials token', async () => {
    expect(await client().checkToken()).toBe(true);
  });

  it('maps a push to an unknown bot session to a typed error', async () => {
    const e = await client()
      .postOutgoingMessage({ botId: 'grmd-live-test', botVersion: 'v1', botSessionId: randomUUID(), languageCode: 'en-us', botState: 'MoreData', replyMessages: [] })
      .catch((err) => err);
    expect(e).toBeInstanceOf(GenesysApiError);
    expect(['conflict', 'forbidden', 'not-found', 'bad-request']).toContain((e as GenesysApiError).kind);
  });

  it('maps an unknown conversation to a typed error', async () => {
    const e = await client().getConversation(randomUUID()).catch((err) => err);
    expect(e).toBeInstanceOf(GenesysApiError);
    expect(['not-found', 'forbidden']).toContain((e as GenesysApiError).kind);
  });

  it.skipIf(!live?.deploymentId || !live?.origin)('configures a guest session on the region web messaging host', async () => {
    const g = createGuestClient({ url: guestWebSocketUrl({ region }), deploymentId: live!.deploymentId!, origin: live!.origin! });
    try {
      const s = await g.connect();
      expect(s.connected).toBe(true);
    } finally {
      await g.close();
    }
  });
});

describe('region hosts', () => {
  it('builds the guest socket URL from the region and refuses regions without a listed host', () => {
    expect(guestWebSocketUrl({ region: 'eu_central_1' })).toBe('wss://webmessaging.mypurecloud.de/v1');
    expect(guestWebSocketUrl({ region: 'sa_east_1', override: 'wss://x/v1' })).toBe('wss://x/v1');
    expect(() => guestWebSocketUrl({ region: 'sa_east_1' })).toThrow(/GENESYS_WEBMESSAGING_URL/);
  });
});
