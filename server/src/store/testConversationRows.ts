/** The test_conversations row as both engines read it (PostgreSQL hands back Dates, SQLite ISO strings). */
import type { TestConversationRecord } from './ports.ts';

export type TestConversationRow = {
  id: string;
  owner: string;
  deployment_id: string;
  origin: string;
  created_at: string | Date;
  updated_at: string | Date;
  ended_at: string | Date | null;
  ended_reason: string | null;
};

export const TEST_CONVERSATION_COLUMNS = 'id, owner, deployment_id, origin, created_at, updated_at, ended_at, ended_reason';

const iso = (v: string | Date): string => (typeof v === 'string' ? v : v.toISOString());

export function testConversationFromRow(r: TestConversationRow): TestConversationRecord {
  return {
    id: r.id,
    owner: r.owner,
    deploymentId: r.deployment_id,
    origin: r.origin,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ended: r.ended_at ? { at: iso(r.ended_at), reason: r.ended_reason ?? 'unknown' } : null,
  };
}
