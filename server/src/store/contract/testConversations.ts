/** The store contract for the shared record of test conversations (which instance holds each one). */
import { describe, expect, it } from 'vitest';
import type { CurrentStores } from './fixtures.ts';

const rec = (id: string, createdAt: string, owner = 'http://10.0.0.5:3000') => ({
  id,
  owner,
  deploymentId: 'dep-1',
  origin: 'http://127.0.0.1:3000',
  createdAt,
});

export function describeTestConversationContract(s: CurrentStores): void {
  describe('test conversations', () => {
    it('a registered conversation reads back with its owner, open', async () => {
      await s().testConversations.register(rec('tc-1', '2026-01-02T03:04:05.678Z'));
      expect(await s().testConversations.get('tc-1')).toEqual({
        id: 'tc-1',
        owner: 'http://10.0.0.5:3000',
        deploymentId: 'dep-1',
        origin: 'http://127.0.0.1:3000',
        createdAt: '2026-01-02T03:04:05.678Z',
        updatedAt: '2026-01-02T03:04:05.678Z',
        ended: null,
      });
      expect(await s().testConversations.get('nope')).toBeNull();
    });

    it('the first end stays: a second end and an unknown id change nothing', async () => {
      await s().testConversations.register(rec('tc-1', '2026-01-02T03:04:05.000Z'));
      expect(await s().testConversations.markEnded('tc-1', 'user', '2026-01-02T03:05:00.000Z')).toBe(true);
      expect(await s().testConversations.markEnded('tc-1', 'unload', '2026-01-02T03:06:00.000Z')).toBe(false);
      expect(await s().testConversations.markEnded('nope', 'user', '2026-01-02T03:06:00.000Z')).toBe(false);
      expect(await s().testConversations.get('tc-1')).toMatchObject({
        ended: { at: '2026-01-02T03:05:00.000Z', reason: 'user' },
        updatedAt: '2026-01-02T03:05:00.000Z',
      });
    });

    it('the recent ones list newest first, up to the limit', async () => {
      await s().testConversations.register(rec('old', '2026-01-01T00:00:00.000Z'));
      await s().testConversations.register(rec('new', '2026-01-03T00:00:00.000Z', 'http://10.0.0.6:3000'));
      await s().testConversations.register(rec('mid', '2026-01-02T00:00:00.000Z'));
      expect((await s().testConversations.listRecent(10)).map((r) => [r.id, r.owner])).toEqual([
        ['new', 'http://10.0.0.6:3000'],
        ['mid', 'http://10.0.0.5:3000'],
        ['old', 'http://10.0.0.5:3000'],
      ]);
      expect((await s().testConversations.listRecent(2)).map((r) => r.id)).toEqual(['new', 'mid']);
    });

    it('an id registers once', async () => {
      await s().testConversations.register(rec('tc-1', '2026-01-02T03:04:05.000Z'));
      await expect(s().testConversations.register(rec('tc-1', '2026-01-02T03:04:06.000Z'))).rejects.toThrow();
    });
  });
}
