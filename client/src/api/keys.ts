/**
 * Every React Query key of the app. Keys are prefixes of each other on purpose: invalidating
 * `sendsAll` refreshes the send list, the figures and every send record at once, and
 * `designsAll` every search of the library; `activityAll` every filter of the change log.
 */
import type { ActivityAction, SendStatus } from '@grmd/shared';

export const keys = {
  connection: ['connection'] as const,
  sessions: ['sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  conversations: ['test-conversations'] as const,
  conversation: (id: string) => ['test-conversations', id] as const,
  designsAll: ['designs'] as const,
  designs: (q: string) => ['designs', q] as const,
  versions: (id: string) => ['designs', id, 'versions'] as const,
  sendsAll: ['sends'] as const,
  sends: (status: SendStatus | '', q: string, actor = '') => ['sends', status, q, actor] as const,
  stats: ['sends', 'stats'] as const,
  sendRecord: (id: string) => ['sends', 'record', id] as const,
  sendProgress: (idempotencyKey: string) => ['send-progress', idempotencyKey] as const,
  activityAll: ['activity'] as const,
  activity: (actor: string, action: ActivityAction | '') => ['activity', actor, action] as const,
};
