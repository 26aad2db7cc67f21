/**
 * The store contract on PostgreSQL, plus what only a shared database has: instances starting
 * together, two instances on one database, a wrong DATABASE_URL. Needs TEST_DATABASE_URL
 * (password authentication); `npm run test:postgres` starts a throwaway PostgreSQL and sets it.
 * Each test works in a schema of its own, so runs and parallel files never collide.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contract.ts';
import { inbound, REPLY, sendInput, settlesWithin } from '../contract/fixtures.ts';
import type { Stores } from '../ports.ts';
import { migrate, PG_MIGRATIONS } from './migrations.ts';
import { DatabaseUnavailableError, openPostgresStores } from './index.ts';

const URL_ = process.env.TEST_DATABASE_URL;
const admin = URL_ ? new pg.Pool({ connectionString: URL_, max: 2 }) : null;
afterAll(async () => {
  await admin?.end();
});

/** A fresh empty schema and a DATABASE_URL whose connections work in it. */
async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `contract_${randomBytes(6).toString('hex')}`;
  await admin!.query(`CREATE SCHEMA ${schema}`);
  const u = new URL(URL_!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: async () => void (await admin!.query(`DROP SCHEMA ${schema} CASCADE`)) };
}

async function openFresh(): Promise<{ stores: Stores; cleanup(): Promise<void> }> {
  const { url, drop } = await freshSchema();
  const stores = await openPostgresStores(url);
  return {
    stores,
    cleanup: async () => {
      await stores.close();
      await drop();
    },
  };
}

const title = URL_
  ? 'PostgreSQL'
  : 'PostgreSQL (SKIPPED: TEST_DATABASE_URL is not set; `npm run test:postgres` starts a throwaway PostgreSQL and runs these)';

describe.skipIf(!URL_)(title, () => {
  describeStoreContract('postgres', openFresh);

  it('instances starting at once all open, and each migration runs exactly once', async () => {
    const { url, drop } = await freshSchema();
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      const ran = await Promise.all(pools.map((p) => migrate(p)));
      expect(ran.map((r) => r.length).sort()).toEqual([0, 0, PG_MIGRATIONS.length]);
      expect(ran.find((r) => r.length)).toEqual(PG_MIGRATIONS.map((m) => m.id));
      const both = await Promise.all([openPostgresStores(url), openPostgresStores(url)]);
      const { rows } = await pools[0]!.query<{ id: number; name: string }>('SELECT id, name FROM migrations ORDER BY id');
      expect(rows).toEqual(PG_MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
      await Promise.all(both.map((s) => s.close()));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await drop();
    }
  });

  it('a fresh schema opened by two stores at once migrates without error', async () => {
    const { url, drop } = await freshSchema();
    try {
      const both = await Promise.all([openPostgresStores(url), openPostgresStores(url)]);
      expect(await both[0]!.isWritable()).toBe(true);
      await Promise.all(both.map((s) => s.close()));
    } finally {
      await drop();
    }
  });

  it('a closed store is not writable', async () => {
    const { stores, cleanup } = await openFresh();
    expect(await stores.isWritable()).toBe(true);
    await cleanup();
    expect(await stores.isWritable()).toBe(false);
  });

  describe('two instances on one database', () => {
    async function twoInstances() {
      const { url, drop } = await freshSchema();
      const a = await openPostgresStores(url);
      const b = await openPostgresStores(url);
      const done = async () => {
        await Promise.all([a.close(), b.close()]);
        await drop();
      };
      return { a, b, done };
    }

    it('one idempotency key sent to both at once is new on exactly one', async () => {
      const { a, b, done } = await twoInstances();
      try {
        const results = await Promise.all([a, b, a, b].map((s) => s.sends.begin(sendInput('k-shared'))));
        expect(results.filter((r) => r.kind === 'new')).toHaveLength(1);
        expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
      } finally {
        await done();
      }
    });

    it('a session opened through one is known to the other, and its armed reply is taken once', async () => {
      const { a, b, done } = await twoInstances();
      try {
        await a.botSessions.recordInbound(inbound('b-1'));
        const by = { actor: 'Ada Lovelace', designId: 'd-1', designName: 'Welcome card', channel: null };
        expect(await b.botSessions.arm('b-1', REPLY, by)).toBe(true);
        const taken = await Promise.all([a.botSessions.recordInbound(inbound('b-1')), b.botSessions.recordInbound(inbound('b-1'))]);
        expect(taken.map((t) => t.replyMessages.length).sort()).toEqual([0, 1]);
        // Whichever instance took it knows who armed it on the other.
        expect(taken.find((t) => t.replyMessages.length)?.armedBy).toEqual(by);
      } finally {
        await done();
      }
    });

    it('outbox workers on both never claim one item twice', async () => {
      const { a, b, done } = await twoInstances();
      try {
        for (let i = 0; i < 40; i++) await (i % 2 ? a : b).outbox.enqueue('t', { i });
        const batches = await Promise.all([a, b, a, b].map((s) => s.outbox.claimDue(15, 60_000)));
        const ids = batches.flat().map((x) => x.id);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
      } finally {
        await done();
      }
    });

    it('their rate limiters of one key share the limit', async () => {
      const { a, b, done } = await twoInstances();
      const la = a.rateLimiter('client-1', 2, 300);
      const lb = b.rateLimiter('client-1', 2, 300);
      try {
        const held = [await la.acquire(), await lb.acquire()];
        const waiting = lb.acquire();
        expect(await settlesWithin(waiting, 400)).toBe(false);
        const releasedAt = performance.now();
        held[0]!();
        (await waiting)();
        expect(performance.now() - releasedAt).toBeGreaterThanOrEqual(280);
        held[1]!();
      } finally {
        la.close();
        lb.close();
        await done();
      }
    });
  });

  describe('a DATABASE_URL that does not work', () => {
    it('a wrong password fails the start with one line naming host, port and database, never a password', async () => {
      const u = new URL(URL_!);
      const right = decodeURIComponent(u.password);
      u.password = 'not-the-password-4f7a';
      const err = await openPostgresStores(u.toString()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      const msg = (err as Error).message;
      expect(msg).not.toContain('\n');
      expect(msg).toContain(`host ${u.hostname}`);
      expect(msg).toContain(`port ${u.port || '5432'}`);
      expect(msg).toContain(`database ${u.pathname.slice(1)}`);
      expect(msg).toContain('password authentication failed');
      expect(msg).not.toContain('not-the-password-4f7a');
      if (right) expect(msg).not.toContain(right);
    });

    it('a database that does not exist is named in the one line', async () => {
      const u = new URL(URL_!);
      u.pathname = '/no_such_database_here';
      const err = await openPostgresStores(u.toString()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as Error).message).toMatch(/database no_such_database_here.*: the database does not exist$/);
    });
  });
});
