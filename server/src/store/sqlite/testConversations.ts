import type { TestConversationRecord, TestConversationRepo } from '../ports.ts';
import type { Db } from './db.ts';

type Row = {
  id: string;
  owner: string;
  deployment_id: string;
  origin: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  ended_reason: string | null;
};

const COLUMNS = 'id, owner, deployment_id, origin, created_at, updated_at, ended_at, ended_reason';

function toRecord(r: Row): TestConversationRecord {
  return {
    id: r.id,
    owner: r.owner,
    deploymentId: r.deployment_id,
    origin: r.origin,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ended: r.ended_at ? { at: r.ended_at, reason: r.ended_reason ?? 'unknown' } : null,
  };
}

export class SqliteTestConversationRepo implements TestConversationRepo {
  constructor(private readonly db: Db) {}

  async register(rec: { id: string; owner: string; deploymentId: string; origin: string; createdAt: string }): Promise<void> {
    this.db
      .prepare('INSERT INTO test_conversations (id, owner, deployment_id, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rec.id, rec.owner, rec.deploymentId, rec.origin, rec.createdAt, rec.createdAt);
  }

  async markEnded(id: string, reason: string, at: string): Promise<boolean> {
    const r = this.db
      .prepare('UPDATE test_conversations SET ended_at = ?, ended_reason = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(at, reason, at, id);
    return r.changes > 0;
  }

  async get(id: string): Promise<TestConversationRecord | null> {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM test_conversations WHERE id = ?`).get(id) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  async listRecent(limit: number): Promise<TestConversationRecord[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM test_conversations ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as Row[];
    return rows.map(toRecord);
  }
}
