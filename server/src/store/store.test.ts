import { afterEach, describe, expect, it } from 'vitest';
import type { Design } from '@grmd/shared';
import { MIGRATIONS, openDb, type Db } from './db.ts';
import { DesignConflictError, DesignStore } from './designs.ts';
import { SendStore } from './sends.ts';
import { OutboxStore } from './outbox.ts';
import { tempDir } from '../testing/tmp.ts';

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
  it('keeps a version for every save and refuses a stale expected version', () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    const created = store.create(design('d1', 'Flights'));
    expect(created.version).toBe(1);
    const v2 = store.update('d1', design('d1', 'Flights sale', 'Norway'), 1)!;
    expect(v2.version).toBe(2);
    expect(() => store.update('d1', design('d1', 'Other tab'), 1)).toThrow(DesignConflictError);
    expect(store.get('d1')!.name).toBe('Flights sale');
    expect(store.versions('d1')!.map((v) => v.version)).toEqual([2, 1]);
    expect(store.version('d1', 1)!.design.root.children[0]!.props.title).toBe('Hello');
  });

  it('searches by name case-insensitively and treats % as a literal', () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    store.create(design('a', 'Flight offers'));
    store.create(design('b', 'Hotel 50% off'));
    store.create(design('c', 'Cars'));
    expect(store.list({ q: 'flight' }).map((d) => d.id)).toEqual(['a']);
    expect(store.list({ q: '%' }).map((d) => d.id)).toEqual(['b']);
    expect(store.list().length).toBe(3);
  });

  it('rejects a second create with the same id and soft-deletes keeping versions', () => {
    const { db } = fresh();
    const store = new DesignStore(db);
    store.create(design('a', 'A'));
    expect(() => store.create(design('a', 'A again'))).toThrow(/already exists/);
    expect(store.delete('a')).toBe(true);
    expect(store.get('a')).toBeNull();
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

  it('answers replay, in-flight and mismatch for a reused idempotency key', () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const first = store.begin(input('k1'));
    expect(first.kind).toBe('new');
    expect(store.begin(input('k1')).kind).toBe('in-flight');
    expect(store.begin(input('k1', 'other')).kind).toBe('mismatch');
    store.complete(first.record.id, { status: 'sent', attempts: 1, latencyMs: 12, genesysMessageId: 'm1' });
    const again = store.begin(input('k1'));
    expect(again.kind).toBe('replay');
    expect(again.record.genesysMessageId).toBe('m1');
  });

  it('marks records left pending by a crash as unknown after reopening', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    const pending = new SendStore(db1).begin(input('crash')).record;
    db1.close();
    const db2 = openDb(t.dir);
    cleanups.push(() => db2.close());
    const store = new SendStore(db2);
    expect(store.recoverPending()).toBe(1);
    const rec = store.get(pending.id)!;
    expect(rec.status).toBe('unknown');
    expect(rec.error?.kind).toBe('unknown-outcome');
    expect(store.recoverPending()).toBe(0);
  });

  it('pages newest first with a cursor and filters by status', () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = store.begin(input(`k${i}`)).record;
      store.complete(r.id, { status: i % 2 ? 'failed' : 'sent', attempts: 1, latencyMs: i });
      ids.push(r.id);
    }
    const p1 = store.list({ limit: 2 });
    expect(p1.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const p2 = store.list({ limit: 2, cursor: p1.nextCursor! });
    expect(p2.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const p3 = store.list({ limit: 2, cursor: p2.nextCursor! });
    expect(p3.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(p3.nextCursor).toBeNull();
    expect(store.list({ status: 'failed' }).items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
  });

  it('searches the whole log by design name, ids and target, treating % and _ literally', () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const a = store.begin({ ...input('ka'), designName: 'Order confirmation' }).record;
    const b = store.begin({ ...input('kb'), designName: '100% off_sale', target: { kind: 'conversation' as const, conversationId: 'conv-77' } }).record;
    store.begin({ ...input('kc'), designName: 'Quick replies' });
    expect(store.list({ q: 'ORDER' }).items.map((r) => r.id)).toEqual([a.id]);
    expect(store.list({ q: 'conv-77' }).items.map((r) => r.id)).toEqual([b.id]);
    expect(store.list({ q: a.id.slice(0, 12) }).items.map((r) => r.id)).toEqual([a.id]);
    expect(store.list({ q: '%' }).items.map((r) => r.id)).toEqual([b.id]);
    expect(store.list({ q: 'f_s' }).items.map((r) => r.id)).toEqual([b.id]);
    expect(store.list({ q: '_' }).items.map((r) => r.id)).toEqual([b.id]);
    expect(store.list({ q: 'nothing like it' }).items).toEqual([]);
  });

  it('computes the success rate over sent, failed and unknown and latency percentiles of sent ones', () => {
    const { db } = fresh();
    const store = new SendStore(db);
    const statuses = ['sent', 'sent', 'sent', 'failed', 'unknown'] as const;
    statuses.forEach((s, i) => {
      const r = store.begin(input(`k${i}`)).record;
      store.complete(r.id, { status: s, attempts: 1, latencyMs: (i + 1) * 10 });
    });
    store.begin(input('still-pending'));
    const stats = store.stats();
    expect(stats.counts).toEqual({ pending: 1, sent: 3, failed: 1, unknown: 1 });
    expect(stats.successRate).toBeCloseTo(60);
    expect(stats.latencyMs).toEqual({ p50: 20, p95: 30 });
  });
});

describe('OutboxStore', () => {
  it('hands out due items and retires them as delivered or dead', () => {
    const { db } = fresh();
    let now = 1000;
    const outbox = new OutboxStore(db, () => now);
    const a = outbox.enqueue('send.completed', { id: 'x' });
    const b = outbox.enqueue('send.completed', { id: 'y' });
    expect(outbox.due().map((i) => i.id)).toEqual([a, b]);
    outbox.delivered(a);
    outbox.failed(b, 'HTTP 500', 5000);
    expect(outbox.due()).toEqual([]);
    now = 5000;
    expect(outbox.due().map((i) => i.payload)).toEqual([{ id: 'y' }]);
    outbox.failed(b, 'HTTP 500', null);
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 1, dead: 1 });
  });
});
