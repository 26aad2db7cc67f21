/** TestConversationRepo on PostgreSQL: every instance learns which one holds a test conversation. */
import type pg from 'pg';
import type { TestConversationRecord, TestConversationRepo } from '../ports.ts';
import { TEST_CONVERSATION_COLUMNS, testConversationFromRow, type TestConversationRow } from '../testConversationRows.ts';

export class PgTestConversationRepo implements TestConversationRepo {
  constructor(private readonly pool: pg.Pool) {}

  async register(rec: { id: string; owner: string; deploymentId: string; origin: string; createdAt: string }): Promise<void> {
    await this.pool.query(
      'INSERT INTO test_conversations (id, owner, deployment_id, origin, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)',
      [rec.id, rec.owner, rec.deploymentId, rec.origin, rec.createdAt],
    );
  }

  async markEnded(id: string, reason: string, at: string): Promise<boolean> {
    // Only the first end counts, whichever instance writes it.
    const r = await this.pool.query(
      'UPDATE test_conversations SET ended_at = $3, ended_reason = $2, updated_at = $3 WHERE id = $1 AND ended_at IS NULL',
      [id, reason, at],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async get(id: string): Promise<TestConversationRecord | null> {
    const { rows } = await this.pool.query<TestConversationRow>(`SELECT ${TEST_CONVERSATION_COLUMNS} FROM test_conversations WHERE id = $1`, [id]);
    return rows[0] ? testConversationFromRow(rows[0]) : null;
  }

  async listRecent(limit: number): Promise<TestConversationRecord[]> {
    const { rows } = await this.pool.query<TestConversationRow>(`SELECT ${TEST_CONVERSATION_COLUMNS} FROM test_conversations ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
    return rows.map(testConversationFromRow);
  }
}
