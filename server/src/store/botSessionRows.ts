/**
 * What both engines share about bot sessions: the row shape, how a row reads as a session
 * (a session whose timeout passed reads as closed, "timeout"), and what an incoming Genesys
 * call records. Genesys opens one bot session per "Call Digital Bot Connector" run; its
 * botSessionId is what the outgoing API needs (genesys-messaging.md, "Outgoing messages API").
 */
import type { BotConnectorRequest, BotSession, ReplyMessage, SessionStatus, TapEntry, TimelineEntry } from '@grmd/shared';
import type { ArmedBy } from './ports.ts';

export type SessionRow = {
  bot_session_id: string;
  genesys_conversation_id: string;
  language_code: string;
  channel: string;
  bot_id: string;
  bot_version: string;
  timeout_minutes: number;
  parameters: string;
  status: SessionStatus;
  closed_reason: string | null;
  created_at: string;
  updated_at: string;
  last_inbound_at: string;
  armed: string | null;
  message_count?: number | string;
};

export type EventRow = {
  id: number | string;
  bot_session_id: string;
  at: string;
  direction: 'inbound' | 'outbound';
  kind: TimelineEntry['kind'];
  message_id: string | null;
  data: string;
};

export function sessionFromRow(r: SessionRow, nowMs: number): BotSession {
  const timeoutMinutes = Number(r.timeout_minutes);
  const expiresAt = Date.parse(r.last_inbound_at) + timeoutMinutes * 60_000;
  const timedOut = r.status === 'open' && expiresAt <= nowMs;
  return {
    botSessionId: r.bot_session_id,
    genesysConversationId: r.genesys_conversation_id,
    languageCode: r.language_code,
    channel: r.channel,
    botId: r.bot_id,
    botVersion: r.bot_version,
    timeoutMinutes,
    parameters: JSON.parse(r.parameters) as Record<string, string>,
    status: timedOut ? 'closed' : r.status,
    ...(timedOut ? { closedReason: 'timeout' } : r.closed_reason ? { closedReason: r.closed_reason } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastInboundAt: r.last_inbound_at,
    expiresAt: new Date(expiresAt).toISOString(),
    armed: readArmed(r.armed)?.replyMessages ?? null,
    messageCount: Number(r.message_count ?? 0),
  };
}

/**
 * The `armed` column: the reply messages with who armed them, as JSON. Rows armed before the
 * actor was kept hold the bare array; they read with `by` null.
 */
export function armedColumn(replyMessages: ReplyMessage[], by: ArmedBy | undefined): string {
  return JSON.stringify(by ? { replyMessages, by } : replyMessages);
}

export function readArmed(column: string | null): { replyMessages: ReplyMessage[]; by: ArmedBy | null } | null {
  if (!column) return null;
  const v = JSON.parse(column) as ReplyMessage[] | { replyMessages: ReplyMessage[]; by: ArmedBy };
  return Array.isArray(v) ? { replyMessages: v, by: null } : { replyMessages: v.replyMessages, by: v.by };
}

export function entryFromRow(r: EventRow): TimelineEntry {
  return {
    id: Number(r.id),
    botSessionId: r.bot_session_id,
    at: r.at,
    direction: r.direction,
    kind: r.kind,
    ...(r.message_id ? { messageId: r.message_id } : {}),
    ...(JSON.parse(r.data) as object),
  };
}

/** The columns of an event row for an entry: what is not a column goes to `data`. */
export function entryColumns(e: Omit<TimelineEntry, 'id'>): [string, string, 'inbound' | 'outbound', TimelineEntry['kind'], string | null, string] {
  const { botSessionId, at, direction, kind, messageId, ...data } = e;
  return [botSessionId, at, direction, kind, messageId ?? null, JSON.stringify(data)];
}

/** What an incoming call records: the session's columns and the customer's message (taps decoded). */
export function inboundFacts(req: BotConnectorRequest, at: string) {
  const params = req.parameters ?? {};
  const channel = params.channel ?? params.messengerType ?? 'webmessaging';
  // Content other than a ButtonResponse (Genesys may add kinds) is no tap: ignored.
  const taps: TapEntry[] = (req.inputMessage.content ?? []).flatMap((c) =>
    c.buttonResponse ? [{ type: c.buttonResponse.type, text: c.buttonResponse.text, payload: c.buttonResponse.payload }] : [],
  );
  const text = req.inputMessage.text;
  const entry: Omit<TimelineEntry, 'id'> = {
    botSessionId: req.botSessionId,
    at,
    direction: 'inbound',
    kind: taps.length ? 'tap' : 'text',
    messageId: req.messageId,
    ...(text !== undefined ? { text } : {}),
    ...(taps.length ? { taps } : {}),
    raw: req.inputMessage,
  };
  return { params: JSON.stringify(params), channel, entry };
}

/** The outbound entry recorded when an armed reply leaves in the synchronous answer. */
export function armedReplyEntry(botSessionId: string, at: string, replyMessages: ReplyMessage[]): Omit<TimelineEntry, 'id'> {
  return { botSessionId, at, direction: 'outbound', kind: 'reply', replyMessages, botState: 'MoreData', status: 'pending' };
}

/** The outbound entry of a push through the outgoing API, and whether it closes the session. */
export function pushEntry(botSessionId: string, at: string, push: {
  replyMessages: ReplyMessage[];
  botState: string;
  status: 'delivered' | 'failed' | 'unknown' | 'pending';
  messageId?: string;
  requestId?: string;
  error?: string;
}): { entry: Omit<TimelineEntry, 'id'>; closes: boolean } {
  return {
    entry: {
      botSessionId,
      at,
      direction: 'outbound',
      kind: 'push',
      messageId: push.messageId,
      replyMessages: push.replyMessages,
      botState: push.botState,
      status: push.status,
      ...(push.requestId ? { requestId: push.requestId } : {}),
      ...(push.error ? { error: push.error } : {}),
    },
    closes: push.status === 'delivered' && (push.botState === 'Complete' || push.botState === 'Failed'),
  };
}
