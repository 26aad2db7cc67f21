/**
 * OutboxRepo on PostgreSQL. Workers on every instance share the queue: claimDue locks the due
 * rows it takes (FOR UPDATE SKIP LOCKED) and moves their next attempt past the lease in the
 * same statement, so no other worker takes them while the lease runs.
 *
 * Due times are the application's clock, as on SQLite: the worker schedules itself from
 * nextDueAt with Date.now(), and a database clock ahead of it would make the worker wake,
 * find nothing due and wake again at once. Instances' clocks differ by far less than a lease.
 */
import type pg from 'pg';
import type { OutboxItem, OutboxRepo } from '../ports.ts';
import type { Queryable } from './pool.ts';

/** Inserts an outbox row due at `at` (ms) on `db` (a transaction's client, so it commits with what it describes). */
export async function enqueueOn(db: Queryable, topic: string, payload: unknown, at: number): Promise<number> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO outbox (topic, payload, next_attempt_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
    topic,
    JSON.stringify(payload),
    Math.round(at),
    new Date(at),
  ]);
  return Number(rows[0]!.id);
}

export class PgOutboxRepo implements OutboxRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number = Date.now,
  ) {}

  enqueue(topic: string, payload: unknown): Promise<number> {
    return enqueueOn(this.pool, topic, payload, this.clock());
  }

  async claimDue(limit: number, leaseMs: number): Promise<OutboxItem[]> {
    // One statement, so one transaction: the row locks last until the lease is written.
    const now = Math.round(this.clock());
    const { rows } = await this.pool.query<{ id: string; topic: string; payload: string; attempts: number }>(
      `WITH due AS (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $3::bigint
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox o SET next_attempt_at = $3::bigint + $2::bigint FROM due WHERE o.id = due.id
       RETURNING o.id, o.topic, o.payload, o.attempts`,
      [Math.max(0, Math.floor(limit)), Math.max(0, Math.ceil(leaseMs)), now],
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
    await this.pool.query(`UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $2 WHERE id = $1`, [id, new Date(this.clock())]);
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
