import { describe, expect, it } from 'vitest';
import { connectionStatus, CHECK_REUSE_MS } from './connection.ts';
import { loadConfig } from './config.ts';
import type { GenesysClient } from './genesys/index.ts';
import type { OutboxRepo } from './store/ports.ts';

/** A token cache whose client Genesys accepts until `revoked` is set; the cached token stays. */
function fakeGenesys() {
  const state = { revoked: false, cached: null as string | null, requests: 0 };
  const tokenCache = {
    invalidate: () => void (state.cached = null),
    getToken: async () => {
      if (state.cached) return state.cached;
      state.requests++;
      if (state.revoked) throw new Error('invalid_client');
      return (state.cached = `token-${state.requests}`);
    },
  };
  return { state, genesys: { tokenCache } as unknown as GenesysClient };
}

describe('connectionStatus', () => {
  it('asks Genesys for a token instead of trusting the cache, and says when it last succeeded', async () => {
    let t = Date.parse('2026-01-02T03:04:05.000Z');
    const { state, genesys } = fakeGenesys();
    const outbox = { counts: async () => ({ pending: 0, delivered: 0, dead: 0 }) } as unknown as OutboxRepo;
    const check = connectionStatus({ config: loadConfig({}), genesys, clientId: 'client-1', outbox, now: () => t });
    const first = await check();
    expect(first.token).toEqual({ ok: true, lastSucceededAt: '2026-01-02T03:04:05.000Z' });
    state.revoked = true;
    t += CHECK_REUSE_MS;
    const after = await check();
    expect(after.token.ok).toBe(false);
    expect(after.token.lastSucceededAt).toBe('2026-01-02T03:04:05.000Z');
    expect(state.requests).toBe(2);
    await check(); // within the reuse window: no new token request
    expect(state.requests).toBe(2);
  });
});
