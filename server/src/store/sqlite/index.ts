/** The embedded engine: one SQLite file per instance (`<DATA_DIR>/app.db`). */
import { SlidingWindowLimiter } from '../../send/rateLimiter.ts';
import type { Stores } from '../ports.ts';
import { SqliteActivityRepo } from './activity.ts';
import { SqliteBotSessionRepo } from './botSessions.ts';
import { isWritable, openDb, type Db } from './db.ts';
import { SqliteDesignRepo } from './designs.ts';
import { SqliteOutboxRepo } from './outbox.ts';
import { SqliteSendRepo } from './sends.ts';
import { SqliteSigninSessionRepo } from './signins.ts';
import { SqliteTestConversationRepo } from './testConversations.ts';

export type SqliteStores = Stores & { db: Db };

export function sqliteStores(db: Db): SqliteStores {
  // One instance per file, so each key's limit is this process's to keep: one limiter per key.
  const limiters = new Map<string, SlidingWindowLimiter>();
  return {
    engine: 'sqlite',
    db,
    designs: new SqliteDesignRepo(db),
    sends: new SqliteSendRepo(db),
    outbox: new SqliteOutboxRepo(db),
    botSessions: new SqliteBotSessionRepo(db),
    signins: new SqliteSigninSessionRepo(db),
    activity: new SqliteActivityRepo(db),
    testConversations: new SqliteTestConversationRepo(db),
    rateLimiter: (key, limit, windowMs) => {
      let l = limiters.get(key);
      if (!l) limiters.set(key, (l = new SlidingWindowLimiter(limit, windowMs)));
      return l;
    },
    isWritable: async () => isWritable(db),
    close: async () => {
      for (const l of limiters.values()) l.close();
      db.close();
    },
  };
}

export function openSqliteStores(dataDir: string): SqliteStores {
  return sqliteStores(openDb(dataDir));
}
