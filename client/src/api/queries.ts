/** React Query hooks for everything the app reads from the server. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivityAction, SendStatus } from '@grmd/shared';
import { keys } from './keys.ts';
import {
  getConnection,
  getConversation,
  getSendProgress,
  getSendRecord,
  getSendStats,
  getSession,
  listActivity,
  listConversations,
  listDesigns,
  listSends,
  listSessions,
  listVersions,
} from './requests.ts';

/**
 * Live views poll once a second: simple, works through proxies that buffer streamed
 * answers, and React Query shares one request among every view of the same key.
 */
export const LIVE_MS = 1000;
/** A send in progress is polled faster, so the 429 countdown starts without a visible lag. */
const PROGRESS_MS = 250;

export function useConnection() {
  return useQuery({ queryKey: keys.connection, queryFn: getConnection, staleTime: 30_000 });
}

export function useSessions() {
  return useQuery({ queryKey: keys.sessions, queryFn: listSessions, refetchInterval: LIVE_MS });
}

export function useSession(id: string | null) {
  return useQuery({
    queryKey: keys.session(id ?? ''),
    queryFn: () => getSession(id!),
    enabled: id !== null,
    refetchInterval: LIVE_MS,
  });
}

export function useConversations() {
  return useQuery({ queryKey: keys.conversations, queryFn: listConversations, refetchInterval: LIVE_MS });
}

/** No retry: a 404 means the server restarted and the conversation is gone, which the view says. */
export function useConversation(id: string | null) {
  return useQuery({
    queryKey: keys.conversation(id ?? ''),
    queryFn: () => getConversation(id!),
    enabled: id !== null,
    refetchInterval: LIVE_MS,
    retry: false,
  });
}

export function useDesigns(q: string) {
  return useQuery({ queryKey: keys.designs(q), queryFn: () => listDesigns(q) });
}

export function useVersions(id: string | null) {
  return useQuery({
    queryKey: keys.versions(id ?? ''),
    queryFn: () => listVersions(id!),
    enabled: id !== null,
  });
}

/** The previous page stays on screen while a new filter loads, so the table does not flash empty. */
export function useSends(status: SendStatus | '', q = '', actor = '') {
  const query = q.trim();
  return useQuery({
    queryKey: keys.sends(status, query, actor),
    queryFn: () => listSends(status, query, actor),
    placeholderData: (prev) => prev,
  });
}

/** Refetches the send list, the figures and every loaded send record. */
export function useRefreshSends(): () => void {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: keys.sendsAll });
}

/** The change log (design and connection changes); like the send list, the old page stays while a filter loads. */
export function useActivity(actor = '', action: ActivityAction | '' = '') {
  return useQuery({
    queryKey: keys.activity(actor, action),
    queryFn: () => listActivity(actor, action),
    placeholderData: (prev) => prev,
  });
}

/** Refetches every loaded page of the change log. */
export function useRefreshActivity(): () => void {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: keys.activityAll });
}

export function useStats() {
  return useQuery({ queryKey: keys.stats, queryFn: getSendStats });
}

export function useSendRecord(id: string) {
  return useQuery({ queryKey: keys.sendRecord(id), queryFn: () => getSendRecord(id) });
}

/** Progress of the send posted with this idempotency key, while `active`. */
export function useSendProgress(idempotencyKey: string | null, active: boolean) {
  return useQuery({
    queryKey: keys.sendProgress(idempotencyKey ?? ''),
    queryFn: () => getSendProgress(idempotencyKey!),
    enabled: active && idempotencyKey !== null,
    refetchInterval: PROGRESS_MS,
    retry: false,
  });
}
