/**
 * Bot Connector sessions on SQLite (the tables are migration 4 of sqlite/db.ts). What a session
 * means to the app (change events, validating armed replies) is botconnector/sessionStore.ts's.
 */
import type { BotConnectorRequest, BotSession, BotSessionDetail, ReplyMessage, SessionStatus, TimelineEntry } from '@grmd/shared';
import {
  armedColumn,
  armedReplyEntry,
  entryColumns,
  entryFromRow,
  inboundFacts,
  pushEntry,
  readArmed,
  sessionFromRow,
  type EventRow,
  type SessionRow,
} from '../botSessionRows.ts';
import type { ArmedBy, BotSessionRepo, OutboundPush } from '../ports.ts';
import type { Db } from './db.ts';

const SELECT_SESSION = `SELECT s.*, (SELECT COUNT(*) FROM bot_session_events e WHERE e.bot_session_id = s.bot_session_id) AS message_count
  FROM bot_sessions s`;

export class SqliteBotSessionRepo implements BotSessionRepo {
  #db: Db;
  #clock: () => number;

  /** `db` is migrated (sqlite/db.ts openDb). */
  constructor(db: Db, opts: { clock?: () => number } = {}) {
    this.#db = db;
    this.#clock = opts.clock ?? Date.now;
  }

  #now(): string {
    return new Date(this.#clock()).toISOString();
  }

  #row(id: string): SessionRow | undefined {
    return this.#db.prepare(`${SELECT_SESSION} WHERE s.bot_session_id = ?`).get(id) as SessionRow | undefined;
  }

  #summary(id: string): BotSession | undefined {
    const r = this.#row(id);
    return r ? sessionFromRow(r, this.#clock()) : undefined;
  }

  #insertEvent(e: Omit<TimelineEntry, 'id'>): TimelineEntry {
    const info = this.#db
      .prepare('INSERT INTO bot_session_events (bot_session_id, at, direction, kind, message_id, data) VALUES (?, ?, ?, ?, ?, ?)')
      .run(...entryColumns(e));
    return { id: Number(info.lastInsertRowid), ...e };
  }

  async recordInbound(req: BotConnectorRequest) {
    const now = this.#now();
    const { params, channel, entry: inbound } = inboundFacts(req, now);
    return this.#db.transaction(() => {
      const existing = this.#row(req.botSessionId);
      let armed: ReplyMessage[] = [];
      let armedBy: ArmedBy | null = null;
      if (!existing) {
        this.#db
          .prepare(
            `INSERT INTO bot_sessions (bot_session_id, genesys_conversation_id, language_code, channel, bot_id, bot_version,
               timeout_minutes, parameters, status, created_at, updated_at, last_inbound_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
          )
          .run(req.botSessionId, req.genesysConversationId, req.languageCode, channel, req.botId, req.botVersion, req.botSessionTimeout, params, now, now, now);
      } else {
        // A message in the session means Genesys still runs the bot action: it is open again.
        this.#db
          .prepare(
            `UPDATE bot_sessions SET genesys_conversation_id = ?, language_code = ?, channel = ?, bot_id = ?, bot_version = ?,
               timeout_minutes = ?, parameters = ?, status = 'open', closed_reason = NULL, updated_at = ?, last_inbound_at = ?, armed = NULL
             WHERE bot_session_id = ?`,
          )
          .run(req.genesysConversationId, req.languageCode, channel, req.botId, req.botVersion, req.botSessionTimeout, params, now, now, req.botSessionId);
        const taken = readArmed(existing.armed);
        if (taken) ({ replyMessages: armed, by: armedBy } = taken);
      }
      const entry = this.#insertEvent(inbound);
      const reply = armed.length ? this.#insertEvent(armedReplyEntry(req.botSessionId, now, armed)) : null;
      return {
        session: this.#summary(req.botSessionId)!,
        entry,
        replyMessages: armed,
        armedBy: armed.length ? armedBy : null,
        replyEntryId: reply?.id ?? null,
        created: !existing,
      };
    })();
  }

  async settleReply(entryId: number, status: 'delivered' | 'unknown'): Promise<void> {
    this.#db.prepare("UPDATE bot_session_events SET data = json_set(data, '$.status', ?) WHERE id = ? AND kind = 'reply'").run(status, entryId);
  }

  async recordOutbound(botSessionId: string, push: OutboundPush): Promise<TimelineEntry | undefined> {
    const now = this.#now();
    return this.#db.transaction(() => {
      if (!this.#row(botSessionId)) return undefined;
      const { entry, closes } = pushEntry(botSessionId, now, push);
      const e = this.#insertEvent(entry);
      this.#db
        .prepare(`UPDATE bot_sessions SET updated_at = ?${closes ? ", status = 'closed', closed_reason = ?" : ''} WHERE bot_session_id = ?`)
        .run(...(closes ? [now, push.botState, botSessionId] : [now, botSessionId]));
      return e;
    })();
  }

  async list(opts: { limit?: number; status?: SessionStatus } = {}): Promise<BotSession[]> {
    // A session past its timeout reads as closed (botSessionRows.ts), so the status filter
    // works it out too, before the limit.
    const open = `(s.status = 'open' AND julianday(s.last_inbound_at) + s.timeout_minutes / 1440.0 > julianday(?))`;
    const where = opts.status === 'open' ? `WHERE ${open}` : opts.status === 'closed' ? `WHERE NOT ${open}` : '';
    const rows = this.#db
      .prepare(`${SELECT_SESSION} ${where} ORDER BY s.updated_at DESC, s.rowid DESC LIMIT ?`)
      .all(...(where ? [this.#now()] : []), opts.limit ?? 100) as SessionRow[];
    return rows.map((r) => sessionFromRow(r, this.#clock()));
  }

  async findByParameter(key: string, value: string): Promise<BotSession | undefined> {
    const r = this.#db
      .prepare(`${SELECT_SESSION} WHERE json_extract(s.parameters, ?) = ? ORDER BY s.updated_at DESC, s.rowid DESC LIMIT 1`)
      .get(`$."${key.replace(/["\\]/g, '')}"`, value) as SessionRow | undefined;
    return r ? sessionFromRow(r, this.#clock()) : undefined;
  }

  async summary(botSessionId: string): Promise<BotSession | undefined> {
    return this.#summary(botSessionId);
  }

  async get(botSessionId: string): Promise<BotSessionDetail | undefined> {
    const s = this.#summary(botSessionId);
    if (!s) return undefined;
    const rows = this.#db.prepare('SELECT * FROM bot_session_events WHERE bot_session_id = ? ORDER BY id').all(botSessionId) as EventRow[];
    return { ...s, timeline: rows.map(entryFromRow) };
  }

  async arm(botSessionId: string, replyMessages: ReplyMessage[], by?: ArmedBy): Promise<boolean> {
    const info = this.#db
      .prepare('UPDATE bot_sessions SET armed = ?, updated_at = ? WHERE bot_session_id = ?')
      .run(armedColumn(replyMessages, by), this.#now(), botSessionId);
    return info.changes > 0;
  }

  async disarm(botSessionId: string): Promise<boolean> {
    const info = this.#db.prepare('UPDATE bot_sessions SET armed = NULL, updated_at = ? WHERE bot_session_id = ? AND armed IS NOT NULL').run(this.#now(), botSessionId);
    return info.changes > 0;
  }

  async close(botSessionId: string, reason: string): Promise<boolean> {
    const info = this.#db.prepare("UPDATE bot_sessions SET status = 'closed', closed_reason = ?, updated_at = ? WHERE bot_session_id = ?").run(reason, this.#now(), botSessionId);
    return info.changes > 0;
  }
}
