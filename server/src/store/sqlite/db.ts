import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export type Migration = { id: number; name: string; up: (db: Db) => void };

/**
 * The whole schema, in order: the one list of migrations, whoever owns the tables. Ids never
 * change once released; add new ones at the end.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'designs and versions',
    up: (db) =>
      db.exec(`
        CREATE TABLE designs (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          channel TEXT NOT NULL,
          version INTEGER NOT NULL,
          design TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          deleted_at TEXT
        );
        CREATE INDEX designs_name ON designs(name COLLATE NOCASE);
        CREATE TABLE design_versions (
          design_id TEXT NOT NULL REFERENCES designs(id),
          version INTEGER NOT NULL,
          name TEXT NOT NULL,
          design TEXT NOT NULL,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (design_id, version)
        );
      `),
  },
  {
    id: 2,
    name: 'sends audit log with idempotency keys',
    up: (db) =>
      db.exec(`
        CREATE TABLE sends (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          idempotency_key TEXT NOT NULL UNIQUE,
          request_hash TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending','sent','failed','unknown')),
          target_kind TEXT NOT NULL,
          target TEXT NOT NULL,
          channel TEXT,
          design_id TEXT,
          design_name TEXT,
          message TEXT,
          text TEXT,
          request_id TEXT NOT NULL,
          genesys_message_id TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          latency_ms REAL,
          error TEXT,
          created_at TEXT NOT NULL,
          completed_at TEXT
        );
        CREATE INDEX sends_status ON sends(status, seq);
      `),
  },
  {
    id: 3,
    name: 'analytics outbox',
    up: (db) =>
      db.exec(`
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          topic TEXT NOT NULL,
          payload TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','dead')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT,
          created_at TEXT NOT NULL,
          delivered_at TEXT
        );
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      `),
  },
  {
    id: 4,
    // IF NOT EXISTS: databases made before this list existed already hold these tables.
    name: 'bot connector sessions and their timelines',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS bot_sessions (
          bot_session_id TEXT PRIMARY KEY,
          genesys_conversation_id TEXT NOT NULL,
          language_code TEXT NOT NULL,
          channel TEXT NOT NULL,
          bot_id TEXT NOT NULL,
          bot_version TEXT NOT NULL,
          timeout_minutes REAL NOT NULL,
          parameters TEXT NOT NULL DEFAULT '{}',
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
          closed_reason TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          last_inbound_at TEXT NOT NULL,
          armed TEXT
        );
        CREATE INDEX IF NOT EXISTS bot_sessions_updated ON bot_sessions (updated_at DESC);
        CREATE INDEX IF NOT EXISTS bot_sessions_conversation ON bot_sessions (genesys_conversation_id);
        CREATE TABLE IF NOT EXISTS bot_session_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          bot_session_id TEXT NOT NULL REFERENCES bot_sessions (bot_session_id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
          kind TEXT NOT NULL,
          message_id TEXT,
          data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS bot_session_events_session ON bot_session_events (bot_session_id, id);
      `),
  },
  {
    id: 5,
    // Who did it: a person signed in with Genesys, "access token", or "local" (loopback, no sign-in).
    name: 'the actor of each audit entry',
    up: (db) => db.exec(`ALTER TABLE sends ADD COLUMN actor TEXT; CREATE INDEX sends_actor ON sends (actor);`),
  },
  {
    id: 6,
    // Sign-in sessions outlive a restart and are seen by every instance; only the id's hash is kept.
    name: 'sign-in sessions',
    up: (db) =>
      db.exec(`
        CREATE TABLE signin_sessions (
          id_hash TEXT PRIMARY KEY,
          who TEXT NOT NULL,
          user_id TEXT,
          created_at INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL
        );
      `),
  },
  {
    id: 7,
    // The audit entries that are not sends: design saves and deletes, connection changes, armed replies.
    name: 'activity',
    up: (db) =>
      db.exec(`
        CREATE TABLE activity (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          action TEXT NOT NULL,
          subject TEXT NOT NULL,
          subject_name TEXT,
          actor TEXT,
          detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX activity_actor ON activity (actor, seq);
      `),
  },
  // 8 is PostgreSQL's alone (the shared rate limit); one SQLite file has one instance.
  {
    id: 9,
    // Which instance holds each test conversation's guest socket (the rest stays in its memory).
    name: 'test conversations shared by every instance',
    up: (db) =>
      db.exec(`
        CREATE TABLE test_conversations (
          id TEXT PRIMARY KEY,
          owner TEXT NOT NULL,
          deployment_id TEXT NOT NULL,
          origin TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          ended_at TEXT,
          ended_reason TEXT
        );
        CREATE INDEX test_conversations_created ON test_conversations (created_at);
      `),
  },
];

/** Applies pending migrations in one transaction each and records them in `migrations`. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT id FROM migrations').all() as { id: number }[]).map((r) => r.id));
  const ran: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, new Date().toISOString());
    })();
    ran.push(m.id);
  }
  return ran;
}

/** Opens (creating) `<dataDir>/app.db` in WAL mode and migrates it. */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'app.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Whether a write can start now (the /readyz check): takes the write lock and gives it back. */
export function isWritable(db: Db): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}
