import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDb } from './db.ts';
import { tempDir } from '../../testing/tmp.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
describe('openDb', () => {
  it('creates a WAL database and records every migration once', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    expect(db1.pragma('journal_mode', { simple: true })).toBe('wal');
    const ids = (db1.prepare('SELECT id FROM migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    db1.close();
    const db2 = openDb(t.dir);
    expect((db2.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    db2.close();
  });

  it('takes over a database whose session tables were created before they joined the numbered list', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db1 = openDb(t.dir);
    // What a database of that time looked like: migrations 1-3 recorded, the session tables present.
    db1.prepare('DELETE FROM migrations WHERE id = 4').run();
    db1.prepare(`INSERT INTO bot_sessions (bot_session_id, genesys_conversation_id, language_code, channel, bot_id, bot_version,
      timeout_minutes, created_at, updated_at, last_inbound_at) VALUES ('b-1', 'c-1', 'en-us', 'webmessaging', 'bot', 'v1', 60, 'x', 'x', 'x')`).run();
    db1.close();
    const db2 = openDb(t.dir);
    expect((db2.prepare('SELECT id FROM migrations WHERE id = 4').get() as { id: number } | undefined)?.id).toBe(4);
    expect((db2.prepare('SELECT COUNT(*) AS n FROM bot_sessions').get() as { n: number }).n).toBe(1);
    db2.close();
  });
});
