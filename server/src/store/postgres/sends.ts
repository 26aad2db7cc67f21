/**
 * SendRepo on PostgreSQL: the audit log of sends. The unique idempotency_key makes a key
 * claimable once across every instance: begin inserts with ON CONFLICT DO NOTHING (a
 * concurrent insert of the same key waits for the other transaction, then does nothing) and
 * reads what holds the key.
 */
import { randomUUID } from 'node:crypto';
import type { SendError, SendRecord, SendStatsResponse, SendRecordTarget, SendStatus } from '@grmd/shared';
import type pg from 'pg';
import { DomainError } from '../../errors.ts';
import { decodeCursor, encodeCursor, likeAnywhere, percentile, UNKNOWN_OUTCOME } from '../errors.ts';
import type { BeginInput, BeginResult, CompleteInput, OutboxFor, SendListOptions, SendRepo } from '../ports.ts';
import { enqueueOn } from './outbox.ts';
import { inTransaction, iso, type Queryable } from './pool.ts';

type Row = {
  seq: string;
  id: string;
  idempotency_key: string;
  request_hash: string;
  status: SendStatus;
  target: string;
  channel: string | null;
  design_id: string | null;
  design_name: string | null;
  message: string | null;
  text: string | null;
  request_id: string;
  genesys_message_id: string | null;
  attempts: number;
  latency_ms: number | null;
  error: string | null;
  created_at: Date;
  completed_at: Date | null;
  actor: string | null;
};

function toRecord(r: Row): SendRecord {
  return {
    id: r.id,
    status: r.status,
    target: JSON.parse(r.target) as SendRecordTarget,
    channel: r.channel,
    designId: r.design_id,
    designName: r.design_name,
    message: r.message === null ? null : (JSON.parse(r.message) as unknown),
    text: r.text,
    requestId: r.request_id,
    genesysMessageId: r.genesys_message_id,
    attempts: r.attempts,
    latencyMs: r.latency_ms,
    error: r.error === null ? null : (JSON.parse(r.error) as SendError),
    createdAt: iso(r.created_at)!,
    completedAt: iso(r.completed_at),
    actor: r.actor,
  };
}

type NewSend = Omit<BeginInput, 'idempotencyKey' | 'requestHash'>;

/** The insert's columns and values for a new record ($1 = key, $2 = hash, $3 = status). */
function insertArgs(input: NewSend, key: string, hash: string, status: SendStatus, at: Date): unknown[] {
  return [
    key,
    hash,
    status,
    randomUUID(),
    input.target.kind,
    JSON.stringify(input.target),
    input.channel ?? null,
    input.designId ?? null,
    input.designName ?? null,
    input.message === undefined ? null : JSON.stringify(input.message),
    input.text,
    randomUUID(),
    at,
    input.actor ?? null,
  ];
}
const INSERT = `INSERT INTO sends (idempotency_key, request_hash, status, id, target_kind, target, channel, design_id,
    design_name, message, text, request_id, created_at, actor)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

async function writeOutbox(c: Queryable, record: SendRecord, outbox: OutboxFor | undefined, at: Date): Promise<void> {
  const row = outbox?.(record);
  if (row) await enqueueOn(c, row.topic, row.payload, at.getTime());
}

export class PgSendRepo implements SendRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async begin(input: BeginInput): Promise<BeginResult> {
    // Autocommit statements: the insert commits on its own, and the read after a conflict sees
    // the row that won (READ COMMITTED takes a new snapshot per statement).
    const inserted = await this.pool.query<Row>(`${INSERT} ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`, insertArgs(input, input.idempotencyKey, input.requestHash, 'pending', this.now()));
    if (inserted.rows[0]) return { kind: 'new', record: toRecord(inserted.rows[0]) };
    const { rows } = await this.pool.query<Row>('SELECT * FROM sends WHERE idempotency_key = $1', [input.idempotencyKey]);
    const existing = rows[0];
    if (!existing) throw new Error(`Idempotency key ${input.idempotencyKey} conflicted but holds no send`);
    const record = toRecord(existing);
    if (existing.request_hash !== input.requestHash) return { kind: 'mismatch', record };
    if (existing.status === 'pending') return { kind: 'in-flight', record };
    return { kind: 'replay', record };
  }

  async complete(id: string, result: CompleteInput, outbox?: OutboxFor): Promise<SendRecord> {
    const at = this.now();
    return inTransaction(this.pool, async (c) => {
      const updated = await c.query<Row>(
        `UPDATE sends SET status = $1, genesys_message_id = $2, attempts = $3, latency_ms = $4, error = $5, completed_at = $6
         WHERE id = $7 AND status = 'pending' RETURNING *`,
        [result.status, result.genesysMessageId ?? null, result.attempts, result.latencyMs, result.error ? JSON.stringify(result.error) : null, at, id],
      );
      if (updated.rows[0]) {
        const record = toRecord(updated.rows[0]);
        await writeOutbox(c, record, outbox, at);
        return record;
      }
      // Already completed (by this or another instance): nothing changes, no second outbox row.
      const current = await this.#get(c, id);
      if (!current) throw new DomainError('not_found', 'send_not_found', `There is no send ${id} to complete`);
      return current;
    });
  }

  async refused(input: NewSend, error: SendError, outbox?: OutboxFor): Promise<SendRecord> {
    const at = this.now();
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<Row>(`${INSERT} RETURNING *`, insertArgs(input, `refused:${randomUUID()}`, '', 'failed', at));
      const done = await c.query<Row>('UPDATE sends SET attempts = 0, latency_ms = NULL, error = $1, completed_at = $2 WHERE seq = $3 RETURNING *', [
        JSON.stringify(error),
        at,
        rows[0]!.seq,
      ]);
      const record = toRecord(done.rows[0]!);
      await writeOutbox(c, record, outbox, at);
      return record;
    });
  }

  async recoverPending(olderThan: string, outbox?: OutboxFor): Promise<number> {
    const cutoff = new Date(olderThan);
    if (Number.isNaN(cutoff.getTime())) throw new Error(`recoverPending: ${olderThan} is not an ISO time`);
    const at = this.now();
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<Row>(
        `UPDATE sends SET status = 'unknown', error = $1, completed_at = $2 WHERE status = 'pending' AND created_at < $3 RETURNING *`,
        [JSON.stringify(UNKNOWN_OUTCOME), at, cutoff],
      );
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      for (const r of rows) await writeOutbox(c, toRecord(r), outbox, at);
      return rows.length;
    });
  }

  async findByKey(idempotencyKey: string): Promise<{ hash: string; record: SendRecord } | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM sends WHERE idempotency_key = $1', [idempotencyKey]);
    return rows[0] ? { hash: rows[0].request_hash, record: toRecord(rows[0]) } : null;
  }

  get(id: string): Promise<SendRecord | null> {
    return this.#get(this.pool, id);
  }

  async #get(db: Queryable, id: string): Promise<SendRecord | null> {
    const { rows } = await db.query<Row>('SELECT * FROM sends WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(opts: SendListOptions = {}): Promise<{ items: SendRecord[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (opts.cursor) where.push(`seq < ${arg(decodeCursor(opts.cursor))}`);
    if (opts.status) where.push(`status = ${arg(opts.status)}`);
    if (opts.actor) where.push(`actor = ${arg(opts.actor)}`);
    const q = opts.q?.trim();
    if (q) {
      const like = arg(likeAnywhere(q));
      where.push(`(design_name ILIKE ${like} ESCAPE '\\' OR id ILIKE ${like} ESCAPE '\\' OR genesys_message_id ILIKE ${like} ESCAPE '\\' OR target ILIKE ${like} ESCAPE '\\')`);
    }
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM sends ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${arg(limit + 1)}`,
      args,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toRecord), nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1]!.seq)) : null };
  }

  async stats(): Promise<SendStatsResponse> {
    const counts: Record<SendStatus, number> = { pending: 0, sent: 0, failed: 0, unknown: 0 };
    const grouped = await this.pool.query<{ status: SendStatus; n: string }>('SELECT status, COUNT(*) AS n FROM sends GROUP BY status');
    for (const r of grouped.rows) counts[r.status] = Number(r.n);
    const completed = counts.sent + counts.failed + counts.unknown;
    const { rows } = await this.pool.query<{ latency_ms: number }>(
      `SELECT latency_ms FROM sends WHERE status = 'sent' AND latency_ms IS NOT NULL ORDER BY seq DESC LIMIT 10000`,
    );
    const latencies = rows.map((r) => r.latency_ms).sort((a, b) => a - b);
    return {
      total: completed + counts.pending,
      counts,
      successRate: completed === 0 ? null : (counts.sent / completed) * 100,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  }
}
