/** ActivityRepo on PostgreSQL: design saves and deletes, connection changes, armed replies. */
import type pg from 'pg';
import type { ActivityListQuery } from '@grmd/shared';
import { decodeCursor, encodeCursor } from '../errors.ts';
import type { ActivityAction, ActivityInput, ActivityRecord, ActivityRepo } from '../ports.ts';
import { iso } from './pool.ts';

type Row = { seq: string; at: Date; action: ActivityAction; subject: string; subject_name: string | null; actor: string | null; detail: Record<string, unknown> };

function toRecord(r: Row): ActivityRecord {
  return { id: Number(r.seq), at: iso(r.at)!, action: r.action, subject: r.subject, subjectName: r.subject_name, actor: r.actor, detail: r.detail };
}

export class PgActivityRepo implements ActivityRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: ActivityInput): Promise<ActivityRecord> {
    const { rows } = await this.pool.query<Row>(
      'INSERT INTO activity (at, action, subject, subject_name, actor, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [this.now(), entry.action, entry.subject, entry.subjectName ?? null, entry.actor, JSON.stringify(entry.detail ?? {})],
    );
    return toRecord(rows[0]!);
  }

  async list(opts: ActivityListQuery = {}): Promise<{ items: ActivityRecord[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (opts.cursor) where.push(`seq < ${arg(decodeCursor(opts.cursor))}`);
    if (opts.actor) where.push(`actor = ${arg(opts.actor)}`);
    if (opts.action) where.push(`action = ${arg(opts.action)}`);
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM activity ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${arg(limit + 1)}`,
      args,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toRecord), nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1]!.seq)) : null };
  }
}
