/**
 * The node-postgres pool behind every PostgreSQL repository, the start-up check that turns a
 * wrong DATABASE_URL into one line a person can act on, and the transaction helper.
 */
import pg from 'pg';

/** A pool or a client inside a transaction: what a repository's statements run on. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export type PoolOptions = {
  /** Connections per instance (node-postgres default 10). */
  max?: number;
  /** How long to wait for a connection before failing (start-up check, /readyz). */
  connectionTimeoutMs?: number;
  /** An idle connection broke (the database restarted); the next query reconnects. */
  onError?: (e: Error) => void;
};

/**
 * Where DATABASE_URL points, for messages and logs: host, port, database and user, never the
 * password (nor the query string, which may carry one).
 */
export function describeDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'an unparsable URL (expected postgres://user:password@host:5432/database)';
  }
  const socketHost = u.searchParams.get('host');
  const host = u.hostname || socketHost || 'localhost';
  const port = u.port || '5432';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
  const user = u.username ? decodeURIComponent(u.username) : null;
  return `host ${host}, port ${port}, database ${database}${user ? `, user ${user}` : ''}`;
}

/** The database could not be used at start; the message is the one line to print. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`Cannot use the PostgreSQL database of DATABASE_URL (${where}): ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** node-postgres and PostgreSQL error codes, in words; unknown ones keep the driver's message. */
function reasonOf(e: unknown): string {
  const err = e as { code?: string; message?: string };
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening there?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    case '28P01':
      return 'password authentication failed (check the user and password)';
    case '28000':
      return 'the server refuses this user or address (pg_hba.conf)';
    case '3D000':
      return 'the database does not exist';
    case '57P03':
      return 'the server is starting up or shutting down';
    default: {
      // Drivers do not print passwords, but keep the line a line.
      const msg = (err.message ?? String(e)).split('\n')[0]!;
      return /timeout/i.test(msg) ? 'no connection within the timeout (is the host reachable?)' : msg;
    }
  }
}

export function createPool(url: string, opts: PoolOptions = {}): pg.Pool {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseUnavailableError(describeDatabaseUrl(url), 'DATABASE_URL is not a valid URL');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new DatabaseUnavailableError(describeDatabaseUrl(url), `DATABASE_URL must start with postgres:// (not ${u.protocol}//)`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle client's error (the server restarted) would end the process.
  pool.on('error', (e) => opts.onError?.(e));
  return pool;
}

/** The start-up check: one round trip, or DatabaseUnavailableError naming where and why. */
export async function checkConnection(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    throw new DatabaseUnavailableError(describeDatabaseUrl(url), reasonOf(e));
  }
}

/** Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw e;
  } finally {
    // A connection that could not roll back is discarded rather than reused mid-transaction.
    client.release(broken);
  }
}

/** An ISO time from a timestamptz column (node-postgres parses those into Date). */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
