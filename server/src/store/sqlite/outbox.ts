import type { OutboxItem, OutboxRepo } from '../ports.ts';
import type { Db } from './db.ts';

/** Writes one outbox row (callers inside a send's transaction use it directly). */
export function insertOutbox(db: Db, topic: string, payload: unknown, now: number): number {
  const r = db
    .prepare('INSERT INTO outbox (topic, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?)')
    .run(topic, JSON.stringify(payload), now, new Date(now).toISOString());
  return Number(r.lastInsertRowid);
}

/**
 * Durable queue for the analytics webhook: rows are written in the same transaction as the
 * send they describe, and delivered later by OutboxWorker, so a slow or dead webhook never
 * blocks or loses a send result.
 */
export class SqliteOutboxRepo implements OutboxRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue(topic: string, payload: unknown): Promise<number> {
    return insertOutbox(this.db, topic, payload, this.now());
  }

  async claimDue(limit: number, leaseMs: number): Promise<OutboxItem[]> {
    return this.db.transaction(() => {
      const now = this.now();
      const rows = this.db
        .prepare(
          `SELECT id, topic, payload, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
           ORDER BY id LIMIT ?`,
        )
        .all(now, limit) as { id: number; topic: string; payload: string; attempts: number }[];
      const lease = this.db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?');
      for (const r of rows) lease.run(now + leaseMs, r.id);
      return rows.map((r) => ({ id: r.id, topic: r.topic, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts }));
    })();
  }

  async nextDueAt(): Promise<number | null> {
    const r = this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`).get() as {
      t: number | null;
    };
    return r.t;
  }

  async delivered(id: number): Promise<void> {
    this.db
      .prepare(`UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ? WHERE id = ?`)
      .run(new Date(this.now()).toISOString(), id);
  }

  async failed(id: number, error: string, retryAt: number | null): Promise<void> {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
           status = CASE WHEN ? IS NULL THEN 'dead' ELSE 'pending' END WHERE id = ?`,
      )
      .run(error.slice(0, 500), retryAt, retryAt, id);
  }

  async counts(): Promise<Record<'pending' | 'delivered' | 'dead', number>> {
    const out = { pending: 0, delivered: 0, dead: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as {
      status: keyof typeof out;
      n: number;
    }[]) {
      out[r.status] = r.n;
    }
    return out;
  }
}
