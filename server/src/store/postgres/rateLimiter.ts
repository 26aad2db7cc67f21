/**
 * The upstream rate limit shared by every instance on the database (send/rateLimiter.ts is the
 * one-process original): a slot is a rate_slots row that counts from acquire until release +
 * window, on the database's clock so instances' clocks do not matter. Taking a slot is one
 * transaction under an advisory lock on the key, so two instances never both take the last
 * one. When the window is full the limiter waits for the earliest time a slot can free (a
 * released slot leaves the window at release + window; one still in flight cannot free
 * before now + window) and asks again: no notification between instances is needed.
 */
import type pg from 'pg';
import type { RateLimiter } from '../ports.ts';
import { inTransaction } from './pool.ts';

/** The first key of the two-key advisory locks the limiter takes ("grmd"); the second is hashtext(key). */
const LOCK_CLASS = 0x67726d64;

export type PgRateLimiterOptions = {
  /** A slot never released (its process died) stops counting this long after its acquire. */
  staleMs?: number;
  /** A slot could not be released (the database is away); it counts until staleMs. */
  onError?: (e: Error) => void;
};

type Waiter = { resolve: (release: () => void) => void; reject: (e: Error) => void };

export class PgRateLimiter implements RateLimiter {
  readonly #waiters: Waiter[] = [];
  readonly #staleMs: number;
  #timer: NodeJS.Timeout | null = null;
  #pumping = false;
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly key: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly opts: PgRateLimiterOptions = {},
  ) {
    if (!(limit > 0)) throw new Error('limit must be positive');
    this.#staleMs = opts.staleMs ?? Math.max(5 * 60_000, 5 * windowMs);
  }

  /** Resolves when one more call may start, first come first served among this limiter's callers. */
  acquire(): Promise<() => void> {
    if (this.#closed) return Promise.reject(new Error('The rate limiter is closed'));
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      void this.#pump();
    });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const error = new Error('The rate limiter is closed');
    for (const w of this.#waiters.splice(0)) w.reject(error);
  }

  async #pump(): Promise<void> {
    if (this.#pumping || this.#timer || this.#closed) return;
    this.#pumping = true;
    try {
      while (this.#waiters.length && !this.#closed) {
        const got = await this.#take();
        if (this.#closed) {
          if ('slot' in got) await this.pool.query('DELETE FROM rate_slots WHERE id = $1', [got.slot]).catch(() => {});
          return;
        }
        if ('waitMs' in got) {
          this.#timer = setTimeout(() => {
            this.#timer = null;
            void this.#pump();
          }, got.waitMs);
          return;
        }
        this.#waiters.shift()!.resolve(this.#releaser(got.slot));
      }
    } catch (e) {
      // The database is away: fail the waiting calls now rather than hold them indefinitely.
      const error = e instanceof Error ? e : new Error(String(e));
      for (const w of this.#waiters.splice(0)) w.reject(error);
    } finally {
      this.#pumping = false;
    }
  }

  /** One attempt: a slot's id when the window has room, else how long until it may have. */
  #take(): Promise<{ slot: string } | { waitMs: number }> {
    return inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, this.key]);
      const { rows } = await c.query<{ now: number; acq: number; rel: number | null }>(
        `WITH t AS (SELECT clock_timestamp() AS now)
         SELECT extract(epoch FROM t.now)::float8 * 1000 AS now,
                extract(epoch FROM s.acquired_at)::float8 * 1000 AS acq,
                extract(epoch FROM s.released_at)::float8 * 1000 AS rel
         FROM t LEFT JOIN rate_slots s ON s.key = $1
           AND (s.released_at > t.now - $2 * interval '1 millisecond'
                OR (s.released_at IS NULL AND s.acquired_at > t.now - $3 * interval '1 millisecond'))`,
        [this.key, this.windowMs, this.#staleMs],
      );
      const now = rows[0]!.now;
      const held = rows.filter((r) => r.acq !== null);
      if (held.length < this.limit) {
        // Rows out of the window count for nothing any more: drop this key's while holding its lock.
        await c.query(
          `DELETE FROM rate_slots WHERE key = $1 AND (released_at <= clock_timestamp() - $2 * interval '1 millisecond'
             OR (released_at IS NULL AND acquired_at <= clock_timestamp() - $3 * interval '1 millisecond'))`,
          [this.key, this.windowMs, this.#staleMs],
        );
        const slot = await c.query<{ id: string }>('INSERT INTO rate_slots (key, acquired_at) VALUES ($1, clock_timestamp()) RETURNING id', [this.key]);
        return { slot: slot.rows[0]!.id };
      }
      let freeAt = Infinity;
      for (const r of held) freeAt = Math.min(freeAt, r.rel !== null ? r.rel + this.windowMs : Math.min(r.acq + this.#staleMs, now + this.windowMs));
      return { waitMs: Math.max(1, Math.ceil(freeAt - now) + 1) };
    });
  }

  #releaser(slot: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pool.query('UPDATE rate_slots SET released_at = clock_timestamp() WHERE id = $1 AND released_at IS NULL', [slot]).catch((e: Error) => this.opts.onError?.(e));
    };
  }
}
