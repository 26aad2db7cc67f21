import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStores, type SqliteStores } from '../store/sqlite/index.ts';
import { tempDir } from '../testing/tmp.ts';
import { FailureThrottle, SessionRegistry } from './sessions.ts';

const open: { stores: SqliteStores; cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.stores.db.close();
    o.cleanup();
  }
});
function signins() {
  const t = tempDir();
  const stores = openSqliteStores(t.dir);
  open.push({ stores, cleanup: t.cleanup });
  return stores.signins;
}

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionRegistry', () => {
  it('ends a session left idle past the idle limit', async () => {
    const c = clock();
    const r = new SessionRegistry(signins(), { idleMinutes: 30, maxHours: 12 }, c.now);
    const id = await r.create('access token');
    c.advance(29 * 60_000);
    expect((await r.touch(id))?.who).toBe('access token');
    c.advance(29 * 60_000); // 58 minutes old, but used 29 minutes ago
    expect(await r.touch(id)).not.toBeNull();
    c.advance(30 * 60_000);
    expect(await r.touch(id)).toBeNull();
    expect(await r.touch(id)).toBeNull();
  });

  it('ends a busy session at the absolute limit', async () => {
    const c = clock();
    const r = new SessionRegistry(signins(), { idleMinutes: 60, maxHours: 2 }, c.now);
    const id = await r.create('access token');
    for (let i = 0; i < 7; i++) {
      c.advance(15 * 60_000);
      expect(await r.touch(id)).not.toBeNull();
    }
    c.advance(15 * 60_000);
    expect(await r.touch(id)).toBeNull();
  });

  it('refuses an ended or unknown id', async () => {
    const r = new SessionRegistry(signins(), { idleMinutes: 60, maxHours: 2 });
    const id = await r.create('access token');
    await r.end(id);
    expect(await r.touch(id)).toBeNull();
    expect(await r.touch('made-up')).toBeNull();
    expect(await r.touch(undefined)).toBeNull();
  });

  it('keeps only a hash of the cookie id, and a second registry on the same store (a restart, another instance) knows the session', async () => {
    const repo = signins();
    const r1 = new SessionRegistry(repo, { idleMinutes: 60, maxHours: 2 });
    const id = await r1.create('Ada Lovelace', 'user-1');
    const db = open[open.length - 1]!.stores.db;
    const rows = db.prepare('SELECT * FROM signin_sessions').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(id);
    const r2 = new SessionRegistry(repo, { idleMinutes: 60, maxHours: 2 });
    expect(await r2.touch(id)).toMatchObject({ who: 'Ada Lovelace', userId: 'user-1' });
    await r2.end(id);
    expect(await r1.touch(id)).toBeNull();
  });
});

describe('FailureThrottle', () => {
  it('lets an address fail the limit times a minute, then names the wait until the oldest failure expires', () => {
    const c = clock();
    const t = new FailureThrottle(3, c.now);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('203.0.113.1')).toBe(0);
      t.fail('203.0.113.1');
      c.advance(10_000);
    }
    expect(t.retryAfter('203.0.113.1')).toBe(30);
    expect(t.retryAfter('203.0.113.2')).toBe(0);
    c.advance(30_000);
    expect(t.retryAfter('203.0.113.1')).toBe(0);
  });
});
