import type { Db } from './db.ts';

export type OutboxItem = { id: number; topic: string; payload: unknown; attempts: number };

/**
 * Durable queue for the analytics webhook: rows are written in the same transaction as the
 * send they describe, and delivered later by OutboxWorker, so a slow or dead webhook never
 * blocks or loses a send result.
 */
export class OutboxStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  enqueue(topic: string, payload: unknown): number {
    const r = this.db
      .prepare('INSERT INTO outbox (topic, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?)')
      .run(topic, JSON.stringify(payload), this.now(), new Date(this.now()).toISOString());
    return Number(r.lastInsertRowid);
  }

  due(limit = 20): OutboxItem[] {
    return (
      this.db
        .prepare(
          `SELECT id, topic, payload, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
           ORDER BY id LIMIT ?`,
        )
        .all(this.now(), limit) as { id: number; topic: string; payload: string; attempts: number }[]
    ).map((r) => ({ id: r.id, topic: r.topic, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts }));
  }

  nextDueAt(): number | null {
    const r = this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`).get() as {
      t: number | null;
    };
    return r.t;
  }

  delivered(id: number): void {
    this.db
      .prepare(`UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ? WHERE id = ?`)
      .run(new Date(this.now()).toISOString(), id);
  }

  failed(id: number, error: string, retryAt: number | null): void {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
           status = CASE WHEN ? IS NULL THEN 'dead' ELSE 'pending' END WHERE id = ?`,
      )
      .run(error.slice(0, 500), retryAt, retryAt, id);
  }

  counts(): Record<'pending' | 'delivered' | 'dead', number> {
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
