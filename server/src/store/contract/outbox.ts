/** The OutboxRepo part of the store contract. */
import { describe, expect, it } from 'vitest';
import { sleep, type CurrentStores } from './fixtures.ts';

export function describeOutboxContract(s: CurrentStores): void {
  describe('outbox', () => {
    it('claimed items are not due again until their lease ends, then come back', async () => {
      const ids = [await s().outbox.enqueue('t', { n: 1 }), await s().outbox.enqueue('t', { n: 2 }), await s().outbox.enqueue('u', { n: 3 })];
      expect(await s().outbox.nextDueAt()).toBeLessThanOrEqual(Date.now() + 50);
      const before = Date.now();
      const claimed = await s().outbox.claimDue(10, 300);
      expect(claimed).toEqual([
        { id: ids[0], topic: 't', payload: { n: 1 }, attempts: 0 },
        { id: ids[1], topic: 't', payload: { n: 2 }, attempts: 0 },
        { id: ids[2], topic: 'u', payload: { n: 3 }, attempts: 0 },
      ]);
      expect(await s().outbox.claimDue(10, 300)).toEqual([]);
      const next = await s().outbox.nextDueAt();
      expect(next).toBeGreaterThanOrEqual(before + 250);
      expect(next).toBeLessThanOrEqual(Date.now() + 350);
      await sleep(Math.max(0, next! - Date.now()) + 30);
      expect((await s().outbox.claimDue(2, 300)).map((i) => i.id)).toEqual(ids.slice(0, 2));
    });

    it('workers claiming at once never get the same item', async () => {
      for (let i = 0; i < 30; i++) await s().outbox.enqueue('t', { i });
      const batches = await Promise.all(Array.from({ length: 5 }, () => s().outbox.claimDue(8, 60_000)));
      const ids = batches.flat().map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(30);
      expect(await s().outbox.claimDue(8, 60_000)).toEqual([]);
    });

    it('delivered, failed with a retry time, and dead items are counted and retried as told', async () => {
      const a = await s().outbox.enqueue('t', 'a');
      const b = await s().outbox.enqueue('t', 'b');
      const c = await s().outbox.enqueue('t', 'c');
      await s().outbox.claimDue(10, 60_000);
      await s().outbox.delivered(a);
      await s().outbox.failed(b, 'HTTP 500', Date.now() - 1);
      await s().outbox.failed(c, 'x'.repeat(2000), null);
      expect(await s().outbox.counts()).toEqual({ pending: 1, delivered: 1, dead: 1 });
      expect(await s().outbox.claimDue(10, 60_000)).toEqual([{ id: b, topic: 't', payload: 'b', attempts: 1 }]);
      await s().outbox.failed(b, 'HTTP 500', Date.now() + 60_000);
      expect(await s().outbox.claimDue(10, 60_000)).toEqual([]);
      expect(await s().outbox.nextDueAt()).toBeGreaterThan(Date.now() + 50_000);
      await s().outbox.delivered(b);
      expect(await s().outbox.counts()).toEqual({ pending: 0, delivered: 2, dead: 1 });
      expect(await s().outbox.nextDueAt()).toBeNull();
    });
  });
}
