/** SigninSessionRepo on PostgreSQL: a sign-in made on one instance holds on every other. */
import type pg from 'pg';
import type { SigninSession, SigninSessionRepo } from '../ports.ts';

type Row = { who: string; user_id: string | null; created_at: string; last_seen_at: string };

export class PgSigninSessionRepo implements SigninSessionRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(idHash: string, s: SigninSession): Promise<void> {
    await this.pool.query('INSERT INTO signin_sessions (id_hash, who, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)', [
      idHash,
      s.who,
      s.userId,
      Math.round(s.createdAt),
      Math.round(s.lastSeenAt),
    ]);
  }

  async get(idHash: string): Promise<SigninSession | null> {
    const { rows } = await this.pool.query<Row>('SELECT who, user_id, created_at, last_seen_at FROM signin_sessions WHERE id_hash = $1', [idHash]);
    const r = rows[0];
    return r ? { who: r.who, userId: r.user_id, createdAt: Number(r.created_at), lastSeenAt: Number(r.last_seen_at) } : null;
  }

  async touch(idHash: string, lastSeenAt: number): Promise<void> {
    // GREATEST: two instances touching at once never move the idle clock back.
    await this.pool.query('UPDATE signin_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id_hash = $1', [idHash, Math.round(lastSeenAt)]);
  }

  async delete(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM signin_sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpired(idleBefore: number, createdBefore: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM signin_sessions WHERE last_seen_at < $1 OR created_at < $2', [Math.round(idleBefore), Math.round(createdBefore)]);
    return r.rowCount ?? 0;
  }
}
