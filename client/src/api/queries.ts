/** React Query hooks over the API client: the one place that knows the query keys. */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  connectionResponseSchema,
  designListResponseSchema,
  designVersionsResponseSchema,
  sendListResponseSchema,
  sendStatsResponseSchema,
  sessionListResponseSchema,
  testConversationSchema,
  type SendStatus,
} from '@grmd/shared';
import { api } from './client.ts';

export const keys = {
  connection: ['connection'] as const,
  sessions: ['sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  conversations: ['test-conversations'] as const,
  conversation: (id: string) => ['test-conversations', id] as const,
  designs: (q: string) => ['designs', q] as const,
  designsAll: ['designs'] as const,
  versions: (id: string) => ['designs', id, 'versions'] as const,
  sends: (status: string) => ['sends', status] as const,
  sendsAll: ['sends'] as const,
  stats: ['sends', 'stats'] as const,
};

/** Live views poll: simple, survives proxies that buffer SSE, and React Query dedupes it. */
export const LIVE_MS = 1000;

export const timelineEntrySchema = z.looseObject({
  id: z.number(),
  at: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  kind: z.string(),
  messageId: z.string().optional(),
  text: z.string().optional(),
  taps: z.array(z.object({ type: z.string(), text: z.string(), payload: z.string() })).optional(),
  replyMessages: z.array(z.unknown()).optional(),
  botState: z.string().optional(),
  status: z.string().optional(),
  error: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const sessionSchema = z.looseObject({
  botSessionId: z.string(),
  genesysConversationId: z.string(),
  channel: z.string(),
  status: z.enum(['open', 'closed']),
  closedReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
  messageCount: z.number().optional(),
  /** Replies kept for the customer's next message (sent synchronously in replyMessages). */
  armed: z.array(z.unknown()).nullable().optional(),
});
export type Session = z.infer<typeof sessionSchema>;
export const sessionDetailSchema = sessionSchema.extend({ timeline: z.array(timelineEntrySchema) });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const conversationViewSchema = testConversationSchema.extend({
  status: z.enum(['connecting', 'open', 'closed', 'error']),
  error: z.string().optional(),
  createdAt: z.string(),
  botSessionId: z.string().nullable(),
  conversationId: z.string().nullable(),
  sent: z.array(z.object({ at: z.string(), text: z.string(), tap: z.object({ payload: z.string(), type: z.string() }).optional() })),
  received: z.array(z.record(z.string(), z.unknown())),
  notices: z.array(z.object({ at: z.string(), code: z.number(), message: z.string() })).optional(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export function useConnection() {
  return useQuery({ queryKey: keys.connection, queryFn: () => api('/connection', connectionResponseSchema), staleTime: 30_000 });
}

export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: async () => z.array(sessionSchema).parse((await api('/sessions', sessionListResponseSchema)).items),
    refetchInterval: LIVE_MS,
  });
}

export function useSession(id: string | null) {
  return useQuery({
    queryKey: keys.session(id ?? ''),
    queryFn: () => api(`/sessions/${encodeURIComponent(id!)}`, sessionDetailSchema),
    enabled: id !== null,
    refetchInterval: LIVE_MS,
  });
}

export function useConversations() {
  return useQuery({
    queryKey: keys.conversations,
    queryFn: async () => (await api('/test-conversations', z.object({ items: z.array(conversationViewSchema) }))).items,
    refetchInterval: LIVE_MS,
  });
}

export function useDesigns(q: string) {
  return useQuery({
    queryKey: keys.designs(q),
    queryFn: () => api(`/designs${q ? `?q=${encodeURIComponent(q)}` : ''}`, designListResponseSchema),
  });
}

export function useVersions(id: string | null) {
  return useQuery({
    queryKey: keys.versions(id ?? ''),
    queryFn: () => api(`/designs/${encodeURIComponent(id!)}/versions`, designVersionsResponseSchema),
    enabled: id !== null,
  });
}

/** The newest 200 sends matching the filters; the search runs on the server, over the whole log. */
export function useSends(status: SendStatus | '', q = '') {
  const params = new URLSearchParams({ limit: '200' });
  if (status) params.set('status', status);
  if (q.trim()) params.set('q', q.trim());
  return useQuery({
    queryKey: [...keys.sends(status), q.trim()],
    queryFn: () => api(`/sends?${params.toString()}`, sendListResponseSchema),
    placeholderData: (prev) => prev,
  });
}

export function useStats() {
  return useQuery({ queryKey: keys.stats, queryFn: () => api('/sends/stats', sendStatsResponseSchema) });
}
