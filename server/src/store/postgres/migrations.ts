/**
 * The PostgreSQL schema as numbered migrations. Ids 1-5 are SQLite's (store/db.ts) with the
 * same names, so a migration means the same change on either engine; the later ones hold what
 * the ports added (sign-in sessions, activity, the shared rate limit). Ids never change once
 * released; add new ones at the end.
 *
 * Times the application reads back are timestamptz; the ones it computes with (outbox due
 * times, sign-in session times) are milliseconds since the epoch as bigint, as on SQLite.
 * JSON the application wrote stays text, byte for byte as written; JSON the database
 * searches (bot session parameters, activity details) is jsonb.
 */
import type pg from 'pg';

export type PgMigration = { id: number; name: string; sql: string };

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    id: 1,
    name: 'designs and versions',
    sql: `
      CREATE TABLE designs (
        id text PRIMARY KEY,
        name text NOT NULL,
        channel text NOT NULL,
        version integer NOT NULL,
        design text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz
      );
      CREATE INDEX designs_updated ON designs (updated_at DESC, id) WHERE deleted_at IS NULL;
      CREATE TABLE design_versions (
        design_id text NOT NULL REFERENCES designs (id),
        version integer NOT NULL,
        name text NOT NULL,
        design text NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (design_id, version)
      );`,
  },
  {
    id: 2,
    name: 'sends audit log with idempotency keys',
    sql: `
      CREATE TABLE sends (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        idempotency_key text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'unknown')),
        target_kind text NOT NULL,
        target text NOT NULL,
        channel text,
        design_id text,
        design_name text,
        message text,
        text text,
        request_id text NOT NULL,
        genesys_message_id text,
        attempts integer NOT NULL DEFAULT 0,
        latency_ms double precision,
        error text,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      CREATE INDEX sends_status ON sends (status, seq);`,
  },
  {
    id: 3,
    name: 'analytics outbox',
    sql: `
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);`,
  },
  {
    id: 4,
    name: 'bot connector sessions and their timelines',
    // seq orders sessions updated in the same millisecond (SQLite uses its rowid).
    sql: `
      CREATE TABLE bot_sessions (
        bot_session_id text PRIMARY KEY,
        seq bigserial NOT NULL,
        genesys_conversation_id text NOT NULL,
        language_code text NOT NULL,
        channel text NOT NULL,
        bot_id text NOT NULL,
        bot_version text NOT NULL,
        timeout_minutes double precision NOT NULL,
        parameters jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closed_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_inbound_at timestamptz NOT NULL,
        armed text
      );
      CREATE INDEX bot_sessions_updated ON bot_sessions (updated_at DESC, seq DESC);
      CREATE INDEX bot_sessions_conversation ON bot_sessions (genesys_conversation_id);
      CREATE INDEX bot_sessions_parameters ON bot_sessions USING gin (parameters jsonb_path_ops);
      CREATE TABLE bot_session_events (
        id bigserial PRIMARY KEY,
        bot_session_id text NOT NULL REFERENCES bot_sessions (bot_session_id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        kind text NOT NULL,
        message_id text,
        data text NOT NULL
      );
      CREATE INDEX bot_session_events_session ON bot_session_events (bot_session_id, id);`,
  },
  {
    id: 5,
    name: 'the actor of each audit entry',
    sql: `ALTER TABLE sends ADD COLUMN actor text; CREATE INDEX sends_actor ON sends (actor);`,
  },
  {
    id: 6,
    name: 'sign-in sessions',
    sql: `
      CREATE TABLE signin_sessions (
        id_hash text PRIMARY KEY,
        who text NOT NULL,
        user_id text,
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL
      );
      CREATE INDEX signin_sessions_last_seen ON signin_sessions (last_seen_at);
      CREATE INDEX signin_sessions_created ON signin_sessions (created_at);`,
  },
  {
    id: 7,
    name: 'activity: audit entries other than sends',
    sql: `
      CREATE TABLE activity (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        subject_name text,
        actor text,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX activity_actor ON activity (actor, seq);
      CREATE INDEX activity_action ON activity (action, seq);`,
  },
  {
    id: 8,
    name: 'upstream rate limit slots shared by every instance',
    sql: `
      CREATE TABLE rate_slots (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        acquired_at timestamptz NOT NULL,
        released_at timestamptz
      );
      CREATE INDEX rate_slots_key ON rate_slots (key, id);`,
  },
  {
    id: 9,
    name: 'test conversations shared by every instance',
    sql: `
      CREATE TABLE test_conversations (
        id text PRIMARY KEY,
        owner text NOT NULL,
        deployment_id text NOT NULL,
        origin text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason text
      );
      CREATE INDEX test_conversations_created ON test_conversations (created_at DESC);`,
  },
];

/**
 * The session advisory lock migrations run under, so instances starting together take turns:
 * the first applies what is pending, the others then find nothing left to do.
 */
export const MIGRATION_LOCK = 0x67726d64_01; // "grmd", 1

/** Applies pending migrations, one transaction each, under the advisory lock. Returns the ids applied. */
export async function migrate(pool: pg.Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
      const { rows } = await client.query<{ id: number }>('SELECT id FROM migrations');
      const applied = new Set(rows.map((r) => r.id));
      const ran: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
        if (applied.has(m.id)) continue;
        try {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO migrations (id, name, applied_at) VALUES ($1, $2, now())', [m.id, m.name]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`PostgreSQL migration ${m.id} (${m.name}) failed: ${(e as Error).message}`, { cause: e });
        }
        ran.push(m.id);
      }
      return ran;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((e: Error) => {
        broken = e;
      });
    }
  } finally {
    // A session whose unlock failed may still hold the lock: close it instead of pooling it.
    client.release(broken);
  }
}
