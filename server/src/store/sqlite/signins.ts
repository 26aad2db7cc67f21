import type { SigninSession, SigninSessionRepo } from '../ports.ts';
import type { Db } from './db.ts';

type Row = { who: string; user_id: string | null; created_at: number; last_seen_at: number };

export class SqliteSigninSessionRepo implements SigninSessionRepo {
  constructor(private readonly db: Db) {}

  async create(idHash: string, s: SigninSession): Promise<void> {
    this.db
      .prepare('INSERT INTO signin_sessions (id_hash, who, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)')
      .run(idHash, s.who, s.userId, s.createdAt, s.lastSeenAt);
  }

  async get(idHash: string): Promise<SigninSession | null> {
    const r = this.db.prepare('SELECT who, user_id, created_at, last_seen_at FROM signin_sessions WHERE id_hash = ?').get(idHash) as Row | undefined;
    return r ? { who: r.who, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at } : null;
  }

  async touch(idHash: string, lastSeenAt: number): Promise<void> {
    this.db.prepare('UPDATE signin_sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id_hash = ?').run(lastSeenAt, idHash);
  }

  async delete(idHash: string): Promise<void> {
    this.db.prepare('DELETE FROM signin_sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteExpired(idleBefore: number, createdBefore: number): Promise<number> {
    return this.db.prepare('DELETE FROM signin_sessions WHERE last_seen_at <= ? OR created_at <= ?').run(idleBefore, createdBefore).changes;
  }
}
