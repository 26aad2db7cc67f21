/** The store contract for sign-in sessions, activity, the shared rate limiter and readiness. */
import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../errors.ts';
import { settlesWithin, type CurrentStores } from './fixtures.ts';

export function describeMiscContract(s: CurrentStores): void {
  describe('sign-in sessions', () => {
    it('a sign-in session is created, read, touched and deleted by the hash of its id', async () => {
      await s().signins.create('h-1', { who: 'Ada', userId: 'u-1', createdAt: 1_000, lastSeenAt: 1_000 });
      await s().signins.create('h-2', { who: 'access token', userId: null, createdAt: 2_000, lastSeenAt: 2_000 });
      expect(await s().signins.get('h-1')).toEqual({ who: 'Ada', userId: 'u-1', createdAt: 1_000, lastSeenAt: 1_000 });
      await s().signins.touch('h-1', 1_700_000_000_123);
      expect((await s().signins.get('h-1'))?.lastSeenAt).toBe(1_700_000_000_123);
      expect(await s().signins.get('h-2')).toEqual({ who: 'access token', userId: null, createdAt: 2_000, lastSeenAt: 2_000 });
      await s().signins.delete('h-1');
      expect(await s().signins.get('h-1')).toBeNull();
      await s().signins.touch('h-1', 5_000);
      expect(await s().signins.get('h-1')).toBeNull();
    });

    it('deleteExpired removes sessions idle too long or created too long ago, and only those', async () => {
      await s().signins.create('idle', { who: 'a', userId: null, createdAt: 5_000, lastSeenAt: 5_000 });
      await s().signins.create('old', { who: 'b', userId: null, createdAt: 1_000, lastSeenAt: 9_000 });
      await s().signins.create('fine', { who: 'c', userId: null, createdAt: 5_000, lastSeenAt: 9_000 });
      expect(await s().signins.deleteExpired(8_000, 4_000)).toBe(2);
      expect(await s().signins.get('idle')).toBeNull();
      expect(await s().signins.get('old')).toBeNull();
      expect(await s().signins.get('fine')).not.toBeNull();
    });
  });

  describe('activity', () => {
    it('recorded entries read back newest first with their details', async () => {
      const first = await s().activity.record({ action: 'design.create', subject: 'd-1', subjectName: 'Welcome', actor: 'Ada', detail: { version: 1 } });
      expect(first).toMatchObject({ action: 'design.create', subject: 'd-1', subjectName: 'Welcome', actor: 'Ada', detail: { version: 1 } });
      expect(first.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      const second = await s().activity.record({ action: 'connection.change', subject: 'connection', actor: null });
      expect(second).toMatchObject({ subjectName: null, actor: null, detail: {} });
      expect(second.id).toBeGreaterThan(first.id);
      expect(await s().activity.list()).toEqual({ items: [second, first], nextCursor: null });
    });

    it('activity pages with a cursor, filters by actor and action, and refuses a foreign cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await s().activity.record({ action: i % 2 ? 'design.save' : 'design.delete', subject: `d-${i}`, actor: i < 3 ? 'Ada' : 'Bob', detail: { i } });
      }
      const page1 = await s().activity.list({ limit: 2 });
      expect(page1.items.map((e) => e.subject)).toEqual(['d-4', 'd-3']);
      const page2 = await s().activity.list({ limit: 2, cursor: page1.nextCursor! });
      const page3 = await s().activity.list({ limit: 2, cursor: page2.nextCursor! });
      expect([...page2.items, ...page3.items].map((e) => e.subject)).toEqual(['d-2', 'd-1', 'd-0']);
      expect(page3.nextCursor).toBeNull();
      expect((await s().activity.list({ actor: 'Ada', action: 'design.save' })).items.map((e) => e.subject)).toEqual(['d-1']);
      expect((await s().activity.list({ actor: 'Bob' })).items.map((e) => e.subject)).toEqual(['d-4', 'd-3']);
      await expect(s().activity.list({ cursor: '!!' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe('rate limiter', () => {
    it('lets limit calls start at once; the next waits until a release plus the window', async () => {
      const limiter = s().rateLimiter('client-1', 2, 300);
      try {
        const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
        const third = limiter.acquire();
        // Calls in flight hold their slots however long they take: longer than the window here.
        expect(await settlesWithin(third, 450)).toBe(false);
        const releasedAt = performance.now();
        releases[0]!();
        releases[0]!();
        const release3 = await third;
        const waited = performance.now() - releasedAt;
        expect(waited).toBeGreaterThanOrEqual(280);
        expect(waited).toBeLessThan(2_000);
        releases[1]!();
        release3();
      } finally {
        limiter.close();
      }
    });

    it('limiters of one key share its limit; another key has its own', async () => {
      const a = s().rateLimiter('client-1', 1, 300);
      const b = s().rateLimiter('client-1', 1, 300);
      const other = s().rateLimiter('client-2', 1, 300);
      try {
        const release = await a.acquire();
        const waiting = b.acquire();
        expect(await settlesWithin(other.acquire(), 200)).toBe(true);
        expect(await settlesWithin(waiting, 0)).toBe(false);
        const releasedAt = performance.now();
        release();
        (await waiting)();
        expect(performance.now() - releasedAt).toBeGreaterThanOrEqual(280);
      } finally {
        for (const l of [a, b, other]) l.close();
      }
    });
  });

  describe('readiness', () => {
    it('an open store is writable', async () => {
      expect(await s().isWritable()).toBe(true);
      expect(['sqlite', 'postgres']).toContain(s().engine);
    });
  });
}
