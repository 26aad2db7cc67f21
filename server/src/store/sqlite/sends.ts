import { randomUUID } from 'node:crypto';
import type { SendError, SendRecord, SendStatsResponse, SendRecordTarget, SendStatus } from '@grmd/shared';
import { DomainError } from '../../errors.ts';
import { decodeCursor, encodeCursor, likeAnywhere, percentile, UNKNOWN_OUTCOME } from '../errors.ts';
import type { BeginInput, BeginResult, CompleteInput, OutboxFor, SendListOptions, SendRepo } from '../ports.ts';
import type { Db } from './db.ts';
import { insertOutbox } from './outbox.ts';

type Row = {
  seq: number;
  id: string;
  idempotency_key: string;
  request_hash: string;
  status: SendStatus;
  target_kind: string;
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
  created_at: string;
  completed_at: string | null;
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
    createdAt: r.created_at,
    completedAt: r.completed_at,
    actor: r.actor,
  };
}

/**
 * The audit log of sends. A record is written (pending) before the upstream call and
 * completed after it, so a crash leaves evidence; `recoverPending` marks such records
 * `unknown` on start and they are never resent automatically.
 */
export class SqliteSendRepo implements SendRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One SQLite transaction (and one process per file), so two requests with the same key cannot both get `new`. */
  async begin(input: BeginInput): Promise<BeginResult> {
    return this.#begin(input);
  }

  #begin(input: BeginInput): BeginResult {
    return this.db.transaction((): BeginResult => {
      const existing = this.db.prepare('SELECT * FROM sends WHERE idempotency_key = ?').get(input.idempotencyKey) as
        | Row
        | undefined;
      if (existing) {
        const record = toRecord(existing);
        if (existing.request_hash !== input.requestHash) return { kind: 'mismatch', record };
        if (existing.status === 'pending') return { kind: 'in-flight', record };
        return { kind: 'replay', record };
      }
      const id = randomUUID();
      this.db
        .prepare(
          `INSERT INTO sends (id, idempotency_key, request_hash, status, target_kind, target, channel, design_id,
             design_name, message, text, request_id, created_at, actor)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.idempotencyKey,
          input.requestHash,
          input.target.kind,
          JSON.stringify(input.target),
          input.channel ?? null,
          input.designId ?? null,
          input.designName ?? null,
          input.message === undefined ? null : JSON.stringify(input.message),
          input.text,
          randomUUID(),
          this.now().toISOString(),
          input.actor ?? null,
        );
      return { kind: 'new', record: this.#get(id)! };
    })();
  }

  async complete(id: string, result: CompleteInput, outbox?: OutboxFor): Promise<SendRecord> {
    return this.#complete(id, result, outbox);
  }

  #complete(id: string, result: CompleteInput, outbox?: OutboxFor): SendRecord {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE sends SET status = ?, genesys_message_id = ?, attempts = ?, latency_ms = ?, error = ?, completed_at = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .run(
          result.status,
          result.genesysMessageId ?? null,
          result.attempts,
          result.latencyMs,
          result.error ? JSON.stringify(result.error) : null,
          this.now().toISOString(),
          id,
        ).changes;
      const record = this.#get(id);
      if (!record) throw new DomainError('not_found', 'send_not_found', `No send ${id}`);
      // A record already completed keeps its outcome, and its outbox row was written then.
      if (changed) this.#outbox(record, outbox);
      return record;
    })();
  }

  async refused(input: Omit<BeginInput, 'idempotencyKey' | 'requestHash'>, error: SendError, outbox?: OutboxFor): Promise<SendRecord> {
    return this.db.transaction(() => {
      const begun = this.#begin({ ...input, idempotencyKey: `refused:${randomUUID()}`, requestHash: '' });
      return this.#complete(begun.record.id, { status: 'failed', attempts: 0, latencyMs: null, error }, outbox);
    })();
  }

  #outbox(record: SendRecord, outbox: OutboxFor | undefined): void {
    const row = outbox?.(record);
    if (row) insertOutbox(this.db, row.topic, row.payload, this.now().getTime());
  }

  async recoverPending(olderThan: string, outbox?: OutboxFor): Promise<number> {
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT * FROM sends WHERE status = 'pending' AND created_at < ?`).all(olderThan) as Row[];
      const error: SendError = { ...UNKNOWN_OUTCOME };
      const stmt = this.db.prepare(
        `UPDATE sends SET status = 'unknown', error = ?, completed_at = ? WHERE id = ? AND status = 'pending'`,
      );
      for (const r of rows) {
        stmt.run(JSON.stringify(error), this.now().toISOString(), r.id);
        this.#outbox(this.#get(r.id)!, outbox);
      }
      return rows.length;
    })();
  }

  async findByKey(idempotencyKey: string): Promise<{ hash: string; record: SendRecord } | null> {
    const row = this.db.prepare('SELECT * FROM sends WHERE idempotency_key = ?').get(idempotencyKey) as Row | undefined;
    return row ? { hash: row.request_hash, record: toRecord(row) } : null;
  }

  async get(id: string): Promise<SendRecord | null> {
    return this.#get(id);
  }

  #get(id: string): SendRecord | null {
    const row = this.db.prepare('SELECT * FROM sends WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** Newest first; the cursor is opaque to clients (the last row's sequence number). */
  async list(opts: SendListOptions = {}): Promise<{ items: SendRecord[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const before = opts.cursor ? decodeCursor(opts.cursor) : null;
    const where: string[] = [];
    const args: unknown[] = [];
    if (before !== null) {
      where.push('seq < ?');
      args.push(before);
    }
    if (opts.status) {
      where.push('status = ?');
      args.push(opts.status);
    }
    if (opts.actor) {
      where.push('actor = ?');
      args.push(opts.actor);
    }
    const q = opts.q?.trim();
    if (q) {
      // LIKE with our own escape character, so % and _ typed by the user match themselves.
      const like = likeAnywhere(q);
      where.push("(design_name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' OR genesys_message_id LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\')");
      args.push(like, like, like, like);
    }
    const rows = this.db
      .prepare(`SELECT * FROM sends ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...args, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const nextCursor =
      rows.length > limit ? encodeCursor(page[page.length - 1]!.seq) : null;
    return { items: page.map(toRecord), nextCursor };
  }

  async stats(): Promise<SendStatsResponse> {
    const counts: Record<SendStatus, number> = { pending: 0, sent: 0, failed: 0, unknown: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM sends GROUP BY status').all() as {
      status: SendStatus;
      n: number;
    }[]) {
      counts[r.status] = r.n;
    }
    const completed = counts.sent + counts.failed + counts.unknown;
    const latencies = (
      this.db
        .prepare(`SELECT latency_ms FROM sends WHERE status = 'sent' AND latency_ms IS NOT NULL ORDER BY seq DESC LIMIT 10000`)
        .all() as { latency_ms: number }[]
    )
      .map((r) => r.latency_ms)
      .sort((a, b) => a - b);
    return {
      total: completed + counts.pending,
      counts,
      successRate: completed === 0 ? null : (counts.sent / completed) * 100,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
  }
}
