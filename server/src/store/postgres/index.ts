/**
 * Every store on one PostgreSQL database (DATABASE_URL): any number of instances share it.
 * Opening checks the connection (one clear line when it fails: DatabaseUnavailableError) and
 * runs pending migrations under an advisory lock. Importing this module does nothing.
 */
import type { RateLimiter, Stores } from '../ports.ts';
import { PgActivityRepo } from './activity.ts';
import { PgBotSessionRepo } from './botSessions.ts';
import { PgDesignRepo } from './designs.ts';
import { migrate } from './migrations.ts';
import { PgOutboxRepo } from './outbox.ts';
import { checkConnection, createPool, type PoolOptions } from './pool.ts';
import { PgRateLimiter } from './rateLimiter.ts';
import { PgSendRepo } from './sends.ts';
import { PgSigninSessionRepo } from './signins.ts';
import { PgTestConversationRepo } from './testConversations.ts';

export { describeDatabaseUrl, DatabaseUnavailableError } from './pool.ts';

export type PostgresStoreOptions = PoolOptions & {
  /** The clock of record times, outbox due times and session timeouts (tests); the rate limiter uses the database's. */
  clock?: () => number;
  /** A rate slot never released (its process died) stops counting this long after it was taken. */
  rateSlotStaleMs?: number;
  /** How long isWritable (/readyz) waits for the database before answering false. */
  readyTimeoutMs?: number;
};

export async function openPostgresStores(url: string, opts: PostgresStoreOptions = {}): Promise<Stores> {
  const pool = createPool(url, opts);
  try {
    await checkConnection(pool, url);
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  const clock = opts.clock ?? Date.now;
  const now = () => new Date(clock());
  const limiters = new Set<RateLimiter>();
  let closed: Promise<void> | null = null;
  return {
    engine: 'postgres',
    designs: new PgDesignRepo(pool, now),
    sends: new PgSendRepo(pool, now),
    outbox: new PgOutboxRepo(pool, clock),
    botSessions: new PgBotSessionRepo(pool, clock),
    signins: new PgSigninSessionRepo(pool),
    activity: new PgActivityRepo(pool, now),
    testConversations: new PgTestConversationRepo(pool),
    rateLimiter(key, limit, windowMs) {
      const limiter = new PgRateLimiter(pool, key, limit, windowMs, {
        ...(opts.rateSlotStaleMs !== undefined ? { staleMs: opts.rateSlotStaleMs } : {}),
        ...(opts.onError ? { onError: opts.onError } : {}),
      });
      limiters.add(limiter);
      return limiter;
    },
    async isWritable() {
      // /readyz answers quickly: a database that does not answer within the limit is down.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), opts.readyTimeoutMs ?? 3_000);
      });
      const probe = pool
        .query<{ ok: boolean }>(`SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS ok`)
        .then((r) => r.rows[0]?.ok === true)
        .catch(() => false);
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closed ??= (async () => {
        for (const l of limiters) l.close();
        await pool.end();
      })();
      return closed;
    },
  };
}
