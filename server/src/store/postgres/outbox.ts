/**
 * OutboxRepo on PostgreSQL. Workers on every instance share the queue: claimDue locks the due
 * rows it takes (FOR UPDATE SKIP LOCKED) and moves their next attempt past the lease in the
 * same statement, so no other worker takes them while the lease runs.
 */
import type pg from 'pg';
import type { OutboxItem, OutboxRepo } from '../ports.ts';
import type { Queryable } from './pool.ts';

/** The database's clock in epoch milliseconds: one clock for every instance's leases. */
const DB_NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/** Inserts an outbox row on `db` (a transaction's client, so it commits with what it describes). */
export async function enqueueOn(db: Queryable, topic: string, payload: unknown): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO outbox (topic, payload, next_attempt_at, created_at) VALUES ($1, $2, ${DB_NOW_MS}, clock_timestamp()) RETURNING id`,
    [topic, JSON.stringify(payload)],
  );
  return Number(rows[0]!.id);
}

export class PgOutboxRepo implements OutboxRepo {
  constructor(private readonly pool: pg.Pool) {}

  enqueue(topic: string, payload: unknown): Promise<number> {
    return enqueueOn(this.pool, topic, payload);
  }

  async claimDue(limit: number, leaseMs: number): Promise<OutboxItem[]> {
    // One statement, so one transaction: the row locks last until the lease is written.
    const { rows } = await this.pool.query<{ id: string; topic: string; payload: string; attempts: number }>(
      `WITH due AS (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${DB_NOW_MS}
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox o SET next_attempt_at = ${DB_NOW_MS} + $2 FROM due WHERE o.id = due.id
       RETURNING o.id, o.topic, o.payload, o.attempts`,
      [Math.max(0, Math.floor(limit)), Math.max(0, Math.ceil(leaseMs))],
    );
    return rows
      .map((r) => ({ id: Number(r.id), topic: r.topic, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts }))
      .sort((a, b) => a.id - b.id);
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.pool.query<{ t: string | null }>(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`);
    return rows[0]?.t == null ? null : Number(rows[0].t);
  }

  async delivered(id: number): Promise<void> {
    await this.pool.query(`UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = clock_timestamp() WHERE id = $1`, [id]);
  }

  async failed(id: number, error: string, retryAt: number | null): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = COALESCE($2::bigint, next_attempt_at),
         status = CASE WHEN $2::bigint IS NULL THEN 'dead' ELSE 'pending' END WHERE id = $3`,
      [error.slice(0, 500), retryAt === null ? null : Math.round(retryAt), id],
    );
  }

  async counts(): Promise<Record<'pending' | 'delivered' | 'dead', number>> {
    const out = { pending: 0, delivered: 0, dead: 0 };
    const { rows } = await this.pool.query<{ status: keyof typeof out; n: string }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }
}
