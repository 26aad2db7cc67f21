import { afterEach, describe, expect, it } from 'vitest';
import type { Design } from '@grmd/shared';
import { MIGRATIONS, openDb, type Db } from './db.ts';
import { DesignConflictError } from '../errors.ts';
import { SqliteDesignRepo as DesignStore } from './designs.ts';
import { SqliteSendRepo as SendStore } from './sends.ts';
import { SqliteOutboxRepo as OutboxStore } from './outbox.ts';
import { tempDir } from '../../testing/tmp.ts';

function design(id: string, name: string, title = 'Hello'): Design {
  return {
    formatVersion: 1,
    id,
    name,
    channel: 'webmessaging',
    variables: [],
    root: { id: 'root', kind: 'message', props: {}, children: [{ id: 'c1', kind: 'card', props: { title }, children: [] }] },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function fresh(): { db: Db; dir: string } {
  const t = tempDir();
  const db = openDb(t.dir);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return { db, dir: t.dir };
}

describe('openDb', () => {
  it('creates a WAL database and records every migration once', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    expect(db1.pragma('journal_mode', { simple: true })).toBe('wal');
    const ids = (db1.prepare('SELECT id FROM migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    db1.close();
    const db2 = openDb(t.dir);
    expect((db2.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    db2.close();
  });

  it('takes over a database whose session tables were created before they joined the numbered list', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    // What a database of that time looked like: migrations 1-3 recorded, the session tables present.
    db1.prepare('DELETE FROM migrations WHERE id = 4').run();
    db1.prepare(`INSERT INTO bot_sessions (bot_session_id, genesys_conversation_id, language_code, channel, bot_id, bot_version,
      timeout_minutes, created_at, updated_at, last_inbound_at) VALUES ('b-1', 'c-1', 'en-us', 'webmessaging', 'bot', 'v1', 60, 'x', 'x', 'x')`).run();
    db1.close();
    const db2 = openDb(t.dir);
    expect((db2.prepare('SELECT id FROM migrations WHERE id = 4').get() as { id: number } | undefined)?.id).toBe(4);
    expect((db2.prepare('SELECT COUNT(*) AS n FROM bot_sessions').get() as { n: number }).n).toBe(1);
    db2.close();
  });
});

describe('DesignStore', () => {
  it('keeps a version for every save and refuses a stale expected version', async () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    const created = (await store.create(design('d1', 'Flights')));
    expect(created.version).toBe(1);
    const v2 = (await store.update('d1', design('d1', 'Flights sale', 'Norway'), 1))!;
    expect(v2.version).toBe(2);
    await expect(store.update('d1', design('d1', 'Other tab'), 1)).rejects.toThrow(DesignConflictError);
    expect((await store.get('d1'))!.name).toBe('Flights sale');
    expect((await store.versions('d1'))!.map((v) => v.version)).toEqual([2, 1]);
    expect((await store.version('d1', 1))!.design.root.children[0]!.props.title).toBe('Hello');
  });

  it('searches by name case-insensitively and treats % as a literal', async () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    await store.create(design('a', 'Flight offers'));
    await store.create(design('b', 'Hotel 50% off'));
    await store.create(design('c', 'Cars'));
    expect((await store.list({ q: 'flight' })).map((d) => d.id)).toEqual(['a']);
    expect((await store.list({ q: '%' })).map((d) => d.id)).toEqual(['b']);
    expect((await store.list()).length).toBe(3);
  });

  it('rejects a second create with the same id and soft-deletes keeping versions', async () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    await store.create(design('a', 'A'));
    await expect(store.create(design('a', 'A again'))).rejects.toThrow(/already exists/);
    expect((await store.delete('a'))).toBe(true);
    expect((await store.get('a'))).toBeNull();
    expect((db.prepare('SELECT COUNT(*) AS n FROM design_versions WHERE design_id = ?').get('a') as { n: number }).n).toBe(1);
  });
});

describe('SendStore', () => {
  const input = (key: string, hash = 'h1') => ({
    idempotencyKey: key,
    requestHash: hash,
    target: { kind: 'botSession' as const, botSessionId: 's1' },
    message: { type: 'Text', text: 'hi' },
    text: 'hi',
  });

  it('answers replay, in-flight and mismatch for a reused idempotency key', async () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const first = (await store.begin(input('k1')));
    expect(first.kind).toBe('new');
    expect((await store.begin(input('k1'))).kind).toBe('in-flight');
    expect((await store.begin(input('k1', 'other'))).kind).toBe('mismatch');
    await store.complete(first.record.id, { status: 'sent', attempts: 1, latencyMs: 12, genesysMessageId: 'm1' });
    const again = (await store.begin(input('k1')));
    expect(again.kind).toBe('replay');
    expect(again.record.genesysMessageId).toBe('m1');
  });

  it('marks records left pending by a crash as unknown after reopening', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    const pending = (await new SendStore(db1).begin(input('crash'))).record;
    db1.close();
    const db2 = openDb(t.dir);
    cleanups.push(() => db2.close());
    const store = new SendStore(db2);
    expect(await store.recoverPending(new Date(Date.now() + 1).toISOString())).toBe(1);
    const rec = (await store.get(pending.id))!;
    expect(rec.status).toBe('unknown');
    expect(rec.error?.kind).toBe('unknown-outcome');
    expect(await store.recoverPending(new Date(Date.now() + 1).toISOString())).toBe(0);
  });

  it('pages newest first with a cursor and filters by status', async () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = (await store.begin(input(`k${i}`))).record;
      await store.complete(r.id, { status: i % 2 ? 'failed' : 'sent', attempts: 1, latencyMs: i });
      ids.push(r.id);
    }
    const p1 = (await store.list({ limit: 2 }));
    expect(p1.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const p2 = (await store.list({ limit: 2, cursor: p1.nextCursor! }));
    expect(p2.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const p3 = (await store.list({ limit: 2, cursor: p2.nextCursor! }));
    expect(p3.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(p3.nextCursor).toBeNull();
    expect((await store.list({ status: 'failed' })).items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
  });

  it('searches the whole log by design name, ids and target, treating % and _ literally', async () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const a = (await store.begin({ ...input('ka'), designName: 'Order confirmation' })).record;
    const b = (await store.begin({ ...input('kb'), designName: '100% off_sale', target: { kind: 'conversation' as const, conversationId: 'conv-77' } })).record;
    await store.begin({ ...input('kc'), designName: 'Quick replies' });
    expect((await store.list({ q: 'ORDER' })).items.map((r) => r.id)).toEqual([a.id]);
    expect((await store.list({ q: 'conv-77' })).items.map((r) => r.id)).toEqual([b.id]);
    expect((await store.list({ q: a.id.slice(0, 12) })).items.map((r) => r.id)).toEqual([a.id]);
    expect((await store.list({ q: '%' })).items.map((r) => r.id)).toEqual([b.id]);
    expect((await store.list({ q: 'f_s' })).items.map((r) => r.id)).toEqual([b.id]);
    expect((await store.list({ q: '_' })).items.map((r) => r.id)).toEqual([b.id]);
    expect((await store.list({ q: 'nothing like it' })).items).toEqual([]);
  });

  it('computes the success rate over sent, failed and unknown and latency percentiles of sent ones', async () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const statuses = ['sent', 'sent', 'sent', 'failed', 'unknown'] as const;
    for (const [i, s] of statuses.entries()) {
      const r = (await store.begin(input(`k${i}`))).record;
      await store.complete(r.id, { status: s, attempts: 1, latencyMs: (i + 1) * 10 });
    }
    await store.begin(input('still-pending'));
    const stats = (await store.stats());
    expect(stats.counts).toEqual({ pending: 1, sent: 3, failed: 1, unknown: 1 });
    expect(stats.successRate).toBeCloseTo(60);
    expect(stats.latencyMs).toEqual({ p50: 20, p95: 30 });
  });
});

describe('OutboxStore', () => {
  it('hands out due items and retires them as delivered or dead', async () => {
    const { db } = fresh();
    let now = 1000;
    const outbox = new OutboxStore(db, () => now);
    const a = (await outbox.enqueue('send.completed', { id: 'x' }));
    const b = (await outbox.enqueue('send.completed', { id: 'y' }));
    expect((await outbox.claimDue(20, 0)).map((i) => i.id)).toEqual([a, b]);
    await outbox.delivered(a);
    await outbox.failed(b, 'HTTP 500', 5000);
    expect((await outbox.claimDue(20, 0))).toEqual([]);
    now = 5000;
    expect((await outbox.claimDue(20, 0)).map((i) => i.payload)).toEqual([{ id: 'y' }]);
    await outbox.failed(b, 'HTTP 500', null);
    expect((await outbox.counts())).toEqual({ pending: 0, delivered: 1, dead: 1 });
  });
});
