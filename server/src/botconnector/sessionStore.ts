/**
 * Test sessions of our Bot Connector bot, on SQLite (better-sqlite3). Genesys opens one bot
 * session per "Call Digital Bot Connector" run; its botSessionId is what the outgoing API
 * needs (genesys-messaging.md, "Outgoing messages API"), so every incoming message registers
 * or updates one, and the timeline keeps what the customer sent (taps decoded) next to what
 * we pushed. The tables are migration 4 of store/db.ts.
 */
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  replyMessageSchema,
  type BotConnectorRequest,
  type BotSession,
  type BotSessionDetail,
  type ReplyMessage,
  type SessionStatus,
  type TapEntry,
  type TimelineEntry,
} from '@grmd/shared';

// The session and timeline shapes are the HTTP contract's (shared/src/wire/sessions.ts): what the
// store keeps is what /api/sessions answers.
export type { BotSession, BotSessionDetail, SessionStatus, TapEntry, TimelineEntry };

export type SessionChange = {
  type: 'created' | 'inbound' | 'outbound' | 'armed' | 'disarmed' | 'closed';
  botSessionId: string;
  session: BotSession;
  entry?: TimelineEntry;
};

type SessionRow = {
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
  message_count?: number;
};

type EventRow = { id: number; bot_session_id: string; at: string; direction: 'inbound' | 'outbound'; kind: TimelineEntry['kind']; message_id: string | null; data: string };

const replyMessagesSchema = z.array(replyMessageSchema).min(1);

export class SessionStore extends EventEmitter<{ change: [SessionChange] }> {
  #db: Database.Database;
  #clock: () => number;

  /** `db` is migrated (store/db.ts openDb). */
  constructor(db: Database.Database, opts: { clock?: () => number } = {}) {
    super();
    this.#db = db;
    this.#clock = opts.clock ?? Date.now;
  }

  #now(): string {
    return new Date(this.#clock()).toISOString();
  }

  #toSession(r: SessionRow): BotSession {
    const expiresAt = Date.parse(r.last_inbound_at) + r.timeout_minutes * 60_000;
    const timedOut = r.status === 'open' && expiresAt <= this.#clock();
    return {
      botSessionId: r.bot_session_id,
      genesysConversationId: r.genesys_conversation_id,
      languageCode: r.language_code,
      channel: r.channel,
      botId: r.bot_id,
      botVersion: r.bot_version,
      timeoutMinutes: r.timeout_minutes,
      parameters: JSON.parse(r.parameters) as Record<string, string>,
      status: timedOut ? 'closed' : r.status,
      ...(timedOut ? { closedReason: 'timeout' } : r.closed_reason ? { closedReason: r.closed_reason } : {}),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastInboundAt: r.last_inbound_at,
      expiresAt: new Date(expiresAt).toISOString(),
      armed: r.armed ? (JSON.parse(r.armed) as ReplyMessage[]) : null,
      messageCount: r.message_count ?? 0,
    };
  }

  #row(id: string): SessionRow | undefined {
    return this.#db
      .prepare(
        `SELECT s.*, (SELECT COUNT(*) FROM bot_session_events e WHERE e.bot_session_id = s.bot_session_id) AS message_count
         FROM bot_sessions s WHERE s.bot_session_id = ?`,
      )
      .get(id) as SessionRow | undefined;
  }

  #insertEvent(e: Omit<TimelineEntry, 'id'>): TimelineEntry {
    const { botSessionId, at, direction, kind, messageId, ...data } = e;
    const info = this.#db
      .prepare('INSERT INTO bot_session_events (bot_session_id, at, direction, kind, message_id, data) VALUES (?, ?, ?, ?, ?, ?)')
      .run(botSessionId, at, direction, kind, messageId ?? null, JSON.stringify(data));
    return { id: Number(info.lastInsertRowid), ...e };
  }

  #emit(type: SessionChange['type'], botSessionId: string, entry?: TimelineEntry) {
    const session = this.summary(botSessionId);
    if (session) this.emit('change', { type, botSessionId, session, ...(entry ? { entry } : {}) });
  }

  /**
   * Registers or updates the session of an incoming Genesys call and records the customer's
   * message. Returns the armed reply (now disarmed), if any, for the synchronous answer.
   */
  recordInbound(req: BotConnectorRequest): { session: BotSession; entry: TimelineEntry; replyMessages: ReplyMessage[] } {
    const now = this.#now();
    const params = req.parameters ?? {};
    const channel = params.channel ?? params.messengerType ?? 'webmessaging';
    // Content other than a ButtonResponse (Genesys may add kinds) is no tap: ignored.
    const taps: TapEntry[] = (req.inputMessage.content ?? []).flatMap((c) =>
      c.buttonResponse ? [{ type: c.buttonResponse.type, text: c.buttonResponse.text, payload: c.buttonResponse.payload }] : [],
    );
    const text = req.inputMessage.text;
    const kind: TimelineEntry['kind'] = taps.length ? 'tap' : 'text';
    let created = false;
    let armed: ReplyMessage[] = [];
    let entry!: TimelineEntry;
    this.#db.transaction(() => {
      const existing = this.#row(req.botSessionId);
      if (!existing) {
        created = true;
        this.#db
          .prepare(
            `INSERT INTO bot_sessions (bot_session_id, genesys_conversation_id, language_code, channel, bot_id, bot_version,
               timeout_minutes, parameters, status, created_at, updated_at, last_inbound_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
          )
          .run(req.botSessionId, req.genesysConversationId, req.languageCode, channel, req.botId, req.botVersion, req.botSessionTimeout, JSON.stringify(params), now, now, now);
      } else {
        // A message in the session means Genesys still runs the bot action: it is open again.
        this.#db
          .prepare(
            `UPDATE bot_sessions SET genesys_conversation_id = ?, language_code = ?, channel = ?, bot_id = ?, bot_version = ?,
               timeout_minutes = ?, parameters = ?, status = 'open', closed_reason = NULL, updated_at = ?, last_inbound_at = ?, armed = NULL
             WHERE bot_session_id = ?`,
          )
          .run(req.genesysConversationId, req.languageCode, channel, req.botId, req.botVersion, req.botSessionTimeout, JSON.stringify(params), now, now, req.botSessionId);
        if (existing.armed) armed = JSON.parse(existing.armed) as ReplyMessage[];
      }
      entry = this.#insertEvent({
        botSessionId: req.botSessionId,
        at: now,
        direction: 'inbound',
        kind,
        messageId: req.messageId,
        ...(text !== undefined ? { text } : {}),
        ...(taps.length ? { taps } : {}),
        raw: req.inputMessage,
      });
      if (armed.length) {
        this.#insertEvent({ botSessionId: req.botSessionId, at: now, direction: 'outbound', kind: 'reply', replyMessages: armed, botState: 'MoreData', status: 'pending' });
      }
    })();
    this.#emit(created ? 'created' : 'inbound', req.botSessionId, entry);
    const session = this.summary(req.botSessionId)!;
    return { session, entry, replyMessages: armed };
  }

  /**
   * Records a push made through the outgoing API (called by the send pipeline). A Complete or
   * Failed push that succeeded closes the session.
   */
  recordOutbound(
    botSessionId: string,
    push: { replyMessages: ReplyMessage[]; botState: string; status: 'delivered' | 'failed' | 'unknown' | 'pending'; messageId?: string; requestId?: string; error?: string },
  ): TimelineEntry | undefined {
    if (!this.#row(botSessionId)) return undefined;
    const now = this.#now();
    const entry = this.#db.transaction(() => {
      const e = this.#insertEvent({
        botSessionId,
        at: now,
        direction: 'outbound',
        kind: 'push',
        messageId: push.messageId,
        replyMessages: push.replyMessages,
        botState: push.botState,
        status: push.status,
        ...(push.requestId ? { requestId: push.requestId } : {}),
        ...(push.error ? { error: push.error } : {}),
      });
      const closes = push.status === 'delivered' && (push.botState === 'Complete' || push.botState === 'Failed');
      this.#db
        .prepare(`UPDATE bot_sessions SET updated_at = ?${closes ? ", status = 'closed', closed_reason = ?" : ''} WHERE bot_session_id = ?`)
        .run(...(closes ? [now, push.botState, botSessionId] : [now, botSessionId]));
      return e;
    })();
    this.#emit('outbound', botSessionId, entry);
    return entry;
  }

  /** Newest first. */
  list(opts: { limit?: number; status?: SessionStatus } = {}): BotSession[] {
    const rows = this.#db
      .prepare(
        `SELECT s.*, (SELECT COUNT(*) FROM bot_session_events e WHERE e.bot_session_id = s.bot_session_id) AS message_count
         FROM bot_sessions s ORDER BY s.updated_at DESC, s.rowid DESC LIMIT ?`,
      )
      .all(opts.limit ?? 100) as SessionRow[];
    const list = rows.map((r) => this.#toSession(r));
    return opts.status ? list.filter((s) => s.status === opts.status) : list;
  }

  /** The session without its timeline. */
  summary(botSessionId: string): BotSession | undefined {
    const r = this.#row(botSessionId);
    return r ? this.#toSession(r) : undefined;
  }

  /** The session with its timeline, oldest entry first. */
  get(botSessionId: string): BotSessionDetail | undefined {
    const s = this.summary(botSessionId);
    return s ? { ...s, timeline: this.timeline(botSessionId) } : undefined;
  }

  timeline(botSessionId: string): TimelineEntry[] {
    const rows = this.#db.prepare('SELECT * FROM bot_session_events WHERE bot_session_id = ? ORDER BY id').all(botSessionId) as EventRow[];
    return rows.map((r) => ({
      id: r.id,
      botSessionId: r.bot_session_id,
      at: r.at,
      direction: r.direction,
      kind: r.kind,
      ...(r.message_id ? { messageId: r.message_id } : {}),
      ...(JSON.parse(r.data) as object),
    }));
  }

  /**
   * Arms reply messages for the session's next incoming message (returned synchronously in
   * replyMessages, then disarmed). Throws when they are not valid Bot Connector replies.
   */
  arm(botSessionId: string, replyMessages: ReplyMessage[]): boolean {
    const parsed = replyMessagesSchema.parse(replyMessages);
    const info = this.#db.prepare('UPDATE bot_sessions SET armed = ?, updated_at = ? WHERE bot_session_id = ?').run(JSON.stringify(parsed), this.#now(), botSessionId);
    if (!info.changes) return false;
    this.#emit('armed', botSessionId);
    return true;
  }

  disarm(botSessionId: string): boolean {
    const info = this.#db.prepare('UPDATE bot_sessions SET armed = NULL, updated_at = ? WHERE bot_session_id = ? AND armed IS NOT NULL').run(this.#now(), botSessionId);
    if (!info.changes) return false;
    this.#emit('disarmed', botSessionId);
    return true;
  }

  close(botSessionId: string, reason = 'closed'): boolean {
    const info = this.#db.prepare("UPDATE bot_sessions SET status = 'closed', closed_reason = ?, updated_at = ? WHERE bot_session_id = ?").run(reason, this.#now(), botSessionId);
    if (!info.changes) return false;
    this.#emit('closed', botSessionId);
    return true;
  }
}
