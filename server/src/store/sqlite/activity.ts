import type { ActivityListQuery } from '@grmd/shared';
import { decodeCursor, encodeCursor } from '../errors.ts';
import type { ActivityAction, ActivityInput, ActivityRecord, ActivityRepo } from '../ports.ts';
import type { Db } from './db.ts';

type Row = { seq: number; at: string; action: ActivityAction; subject: string; subject_name: string | null; actor: string | null; detail: string };

function toRecord(r: Row): ActivityRecord {
  return {
    id: r.seq,
    at: r.at,
    action: r.action,
    subject: r.subject,
    subjectName: r.subject_name,
    actor: r.actor,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

export class SqliteActivityRepo implements ActivityRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(e: ActivityInput): Promise<ActivityRecord> {
    const info = this.db
      .prepare('INSERT INTO activity (at, action, subject, subject_name, actor, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), e.action, e.subject, e.subjectName ?? null, e.actor, JSON.stringify(e.detail ?? {}));
    return toRecord(this.db.prepare('SELECT * FROM activity WHERE seq = ?').get(info.lastInsertRowid) as Row);
  }

  async list(opts: ActivityListQuery = {}) {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.cursor) {
      where.push('seq < ?');
      args.push(decodeCursor(opts.cursor));
    }
    if (opts.actor) {
      where.push('actor = ?');
      args.push(opts.actor);
    }
    if (opts.action) {
      where.push('action = ?');
      args.push(opts.action);
    }
    const rows = this.db
      .prepare(`SELECT * FROM activity ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...args, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    return { items: page.map(toRecord), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.seq) : null };
  }
}
