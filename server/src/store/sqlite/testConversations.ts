import type { TestConversationRecord, TestConversationRepo } from '../ports.ts';
import { TEST_CONVERSATION_COLUMNS, testConversationFromRow, type TestConversationRow } from '../testConversationRows.ts';
import type { Db } from './db.ts';

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
    const r = this.db.prepare(`SELECT ${TEST_CONVERSATION_COLUMNS} FROM test_conversations WHERE id = ?`).get(id) as TestConversationRow | undefined;
    return r ? testConversationFromRow(r) : null;
  }

  async listRecent(limit: number): Promise<TestConversationRecord[]> {
    const rows = this.db.prepare(`SELECT ${TEST_CONVERSATION_COLUMNS} FROM test_conversations ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as TestConversationRow[];
    return rows.map(testConversationFromRow);
  }
}
