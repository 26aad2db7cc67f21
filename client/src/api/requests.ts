/**
 * Every request the app makes: one function per endpoint, each naming its path, method and
 * the schema its answer is parsed with. Hooks (queries.ts, mutations.ts) call these; views
 * never build a URL.
 */
import { z } from 'zod';
import {
  activityListResponseSchema,
  armReplyResponseSchema,
  connectionResponseSchema,
  deleteDesignResponseSchema,
  designListResponseSchema,
  designRecordSchema,
  designVersionResponseSchema,
  designVersionsResponseSchema,
  sendListResponseSchema,
  sendProgressSchema,
  sendRecordSchema,
  sendResultSchema,
  sendStatsResponseSchema,
  botSessionDetailSchema,
  sessionListResponseSchema,
  testConversationListResponseSchema,
  testConversationSchema,
  type ActivityAction,
  type ChannelId,
  type Design,
  type SendRequest,
  type SendStatus,
  IDEMPOTENCY_KEY_HEADER,
} from '@grmd/shared';
import { api, ApiRequestError } from './client.ts';

const at = encodeURIComponent;

export const getConnection = () => api('/connection', connectionResponseSchema);

export const listSessions = async () => (await api('/sessions', sessionListResponseSchema)).items;
export const getSession = (id: string) => api(`/sessions/${at(id)}`, botSessionDetailSchema);
export type ArmRequest = { design: unknown; channel: ChannelId; variables: Record<string, string> };
export const armReply = (sessionId: string, body: ArmRequest) => api(`/sessions/${at(sessionId)}/armed`, armReplyResponseSchema, { method: 'PUT', body });
export const disarmReply = (sessionId: string) => api(`/sessions/${at(sessionId)}/armed`, z.undefined(), { method: 'DELETE' });

export const listConversations = async () => (await api('/test-conversations', testConversationListResponseSchema)).items;
export const getConversation = (id: string) => api(`/test-conversations/${at(id)}`, testConversationSchema);
/** `replaces`: the tab's previous conversation, which the server ends as this one starts. */
export const startConversation = (replaces?: string | null) => api('/test-conversations', testConversationSchema, { body: replaces ? { replaces } : {} });
export type EndReason = 'user' | 'unload' | 'replaced';
export const endConversation = (id: string, reason: EndReason) => api(`/test-conversations/${at(id)}/end`, testConversationSchema, { body: { reason } });
/**
 * As the page goes away (pagehide): a request the browser finishes after the page is gone
 * (keepalive), so a reload or a closed tab leaves no guest connected. Nobody reads the answer.
 */
export function endConversationOnUnload(id: string): void {
  try {
    void fetch(`/api/test-conversations/${at(id)}/end`, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ reason: 'unload' }),
    }).catch(() => undefined);
  } catch {
    // A browser that refuses the request as the page unloads: the server's idle limit ends it.
  }
}
export type GuestMessage = { text: string } | { tap: { text: string; payload: string; type: 'Button' | 'QuickReply' } };
export const sayAsGuest = (conversationId: string, body: GuestMessage) => api(`/test-conversations/${at(conversationId)}/messages`, testConversationSchema, { body });

export const listDesigns = (q: string) => api(`/designs${q ? `?q=${at(q)}` : ''}`, designListResponseSchema);
export const getDesign = (id: string) => api(`/designs/${at(id)}`, designRecordSchema);
export const createDesign = (design: Design) => api('/designs', designRecordSchema, { body: { design } });
/** Saves over `expectedVersion`; the server answers 409 version_conflict when it is not the current one. */
export const updateDesign = (id: string, design: Design, expectedVersion: number) =>
  api(`/designs/${at(id)}`, designRecordSchema, { method: 'PUT', body: { design, expectedVersion } });
export type SaveVars = { design: Design; expectedVersion: number | null };

/**
 * Saves a design: a first save (no known version) creates it, a later one saves over the
 * version this tab last saw. A first save of a design the server already has (this tab never
 * loaded it, e.g. it came from another tab's autosave) is reported as the version conflict
 * it is, with the server's current version, so the user gets the same choices.
 */
export async function saveDesign({ design, expectedVersion }: SaveVars) {
  try {
    return expectedVersion === null ? await createDesign(design) : await updateDesign(design.id, design, expectedVersion);
  } catch (e) {
    if (e instanceof ApiRequestError && e.code === 'exists') {
      const current = await getDesign(design.id).catch(() => null);
      if (current) throw new ApiRequestError(409, 'version_conflict', e.message, [], { currentVersion: current.version });
    }
    throw e;
  }
}
export const deleteDesign = (id: string, expectedVersion: number) =>
  api(`/designs/${at(id)}?expectedVersion=${expectedVersion}`, deleteDesignResponseSchema, { method: 'DELETE' });
export const listVersions = (id: string) => api(`/designs/${at(id)}/versions`, designVersionsResponseSchema);
export const getVersion = (id: string, version: number) => api(`/designs/${at(id)}/versions/${version}`, designVersionResponseSchema);

/** The newest 200 sends matching the filters; the search runs on the server, over the whole log. */
export function listSends(status: SendStatus | '', q: string, actor = '') {
  const params = new URLSearchParams({ limit: '200' });
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  if (actor) params.set('actor', actor);
  return api(`/sends?${params.toString()}`, sendListResponseSchema);
}
/** The newest 200 design and connection changes, of one person or one kind when given. */
export function listActivity(actor = '', action: ActivityAction | '' = '') {
  const params = new URLSearchParams({ limit: '200' });
  if (actor) params.set('actor', actor);
  if (action) params.set('action', action);
  return api(`/activity?${params.toString()}`, activityListResponseSchema);
}
export const getSendStats = () => api('/sends/stats', sendStatsResponseSchema);
export const getSendRecord = (id: string) => api(`/sends/${at(id)}`, sendRecordSchema);
export const getSendProgress = (idempotencyKey: string) => api(`/sends/progress/${at(idempotencyKey)}`, sendProgressSchema);
/** The idempotency key makes a retried POST (double click, flaky network) one send, not two. */
export const postSend = (req: SendRequest, idempotencyKey: string) =>
  api('/sends', sendResultSchema, { body: req, headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } });
