/**
 * BotSessionRepo on PostgreSQL: Genesys may call /botconnector on any instance and a send may
 * push from another, so sessions, timelines and armed replies live in the shared database.
 * Semantics follow the SQLite store (botconnector/sessionStore.ts): a timed-out open session
 * reads as closed with reason 'timeout'; an armed reply is taken by the next inbound message
 * (row-locked, so two instances cannot both take it) and recorded as a pending 'reply' entry.
 */
import type { BotConnectorRequest, BotSession, BotSessionDetail, ReplyMessage, SessionStatus, TapEntry, TimelineEntry } from '@grmd/shared';
import type pg from 'pg';
import { armedColumn, armedReplyEntry, readArmed } from '../botSessionRows.ts';
import type { ArmedBy, BotSessionRepo, OutboundPush } from '../ports.ts';
import { inTransaction, iso, type Queryable } from './pool.ts';

type SessionRow = {
  bot_session_id: string;
  genesys_conversation_id: string;
  language_code: string;
  channel: string;
  bot_id: string;
  bot_version: string;
  timeout_minutes: number;
  parameters: Record<string, string>;
  status: SessionStatus;
  closed_reason: string | null;
  created_at: Date;
  updated_at: Date;
  last_inbound_at: Date;
  armed: string | null;
  message_count: string;
};

type EventRow = { id: string; bot_session_id: string; at: Date; direction: 'inbound' | 'outbound'; kind: TimelineEntry['kind']; message_id: string | null; data: string };

const SELECT_SESSION = `SELECT s.*, (SELECT COUNT(*) FROM bot_session_events e WHERE e.bot_session_id = s.bot_session_id) AS message_count
  FROM bot_sessions s`;

/** Whether a row is open as stored but past its timeout at `$n` (epoch ms): it reads as closed. */
const TIMED_OUT = (n: string) => `(s.status = 'open' AND s.last_inbound_at + s.timeout_minutes * interval '1 minute' <= to_timestamp(${n}::double precision / 1000))`;

export class PgBotSessionRepo implements BotSessionRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number = Date.now,
  ) {}

  #toSession(r: SessionRow): BotSession {
    const expiresAt = r.last_inbound_at.getTime() + r.timeout_minutes * 60_000;
    const timedOut = r.status === 'open' && expiresAt <= this.clock();
    return {
      botSessionId: r.bot_session_id,
      genesysConversationId: r.genesys_conversation_id,
      languageCode: r.language_code,
      channel: r.channel,
      botId: r.bot_id,
      botVersion: r.bot_version,
      timeoutMinutes: r.timeout_minutes,
      parameters: r.parameters,
      status: timedOut ? 'closed' : r.status,
      ...(timedOut ? { closedReason: 'timeout' } : r.closed_reason ? { closedReason: r.closed_reason } : {}),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      lastInboundAt: iso(r.last_inbound_at)!,
      expiresAt: new Date(expiresAt).toISOString(),
      armed: readArmed(r.armed)?.replyMessages ?? null,
      messageCount: Number(r.message_count),
    };
  }

  async #summary(db: Queryable, id: string): Promise<BotSession | undefined> {
    const { rows } = await db.query<SessionRow>(`${SELECT_SESSION} WHERE s.bot_session_id = $1`, [id]);
    return rows[0] ? this.#toSession(rows[0]) : undefined;
  }

  async #insertEvent(db: Queryable, e: Omit<TimelineEntry, 'id'>): Promise<TimelineEntry> {
    const { botSessionId, at, direction, kind, messageId, ...data } = e;
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO bot_session_events (bot_session_id, at, direction, kind, message_id, data) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [botSessionId, at, direction, kind, messageId ?? null, JSON.stringify(data)],
    );
    return { id: Number(rows[0]!.id), botSessionId, at, direction, kind, ...(messageId ? { messageId } : {}), ...data };
  }

  async recordInbound(
    req: BotConnectorRequest,
  ): Promise<{ session: BotSession; entry: TimelineEntry; replyMessages: ReplyMessage[]; armedBy: ArmedBy | null; replyEntryId: number | null; created: boolean }> {
    const now = new Date(this.clock());
    const at = now.toISOString();
    const params = req.parameters ?? {};
    const channel = params.channel ?? params.messengerType ?? 'webmessaging';
    // Content other than a ButtonResponse (Genesys may add kinds) is no tap: ignored.
    const taps: TapEntry[] = (req.inputMessage.content ?? []).flatMap((c) =>
      c.buttonResponse ? [{ type: c.buttonResponse.type, text: c.buttonResponse.text, payload: c.buttonResponse.payload }] : [],
    );
    const text = req.inputMessage.text;
    const fields = [req.genesysConversationId, req.languageCode, channel, req.botId, req.botVersion, req.botSessionTimeout, JSON.stringify(params), now];
    return inTransaction(this.pool, async (c) => {
      const inserted = await c.query(
        `INSERT INTO bot_sessions (bot_session_id, genesys_conversation_id, language_code, channel, bot_id, bot_version,
           timeout_minutes, parameters, status, created_at, updated_at, last_inbound_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9, $9) ON CONFLICT (bot_session_id) DO NOTHING`,
        [req.botSessionId, ...fields],
      );
      const created = inserted.rowCount === 1;
      let armed: ReplyMessage[] = [];
      let armedBy: ArmedBy | null = null;
      if (!created) {
        // The row lock makes taking the armed reply once-only across instances.
        const { rows } = await c.query<{ armed: string | null }>('SELECT armed FROM bot_sessions WHERE bot_session_id = $1 FOR UPDATE', [req.botSessionId]);
        const taken = readArmed(rows[0]?.armed ?? null);
        if (taken) ({ replyMessages: armed, by: armedBy } = taken);
        // A message in the session means Genesys still runs the bot action: it is open again.
        await c.query(
          `UPDATE bot_sessions SET genesys_conversation_id = $2, language_code = $3, channel = $4, bot_id = $5, bot_version = $6,
             timeout_minutes = $7, parameters = $8, status = 'open', closed_reason = NULL, updated_at = $9, last_inbound_at = $9, armed = NULL
           WHERE bot_session_id = $1`,
          [req.botSessionId, ...fields],
        );
      }
      const entry = await this.#insertEvent(c, {
        botSessionId: req.botSessionId,
        at,
        direction: 'inbound',
        kind: taps.length ? 'tap' : 'text',
        messageId: req.messageId,
        ...(text !== undefined ? { text } : {}),
        ...(taps.length ? { taps } : {}),
        raw: req.inputMessage,
      });
      const reply = armed.length ? await this.#insertEvent(c, armedReplyEntry(req.botSessionId, at, armed)) : null;
      const session = (await this.#summary(c, req.botSessionId))!;
      return { session, entry, replyMessages: armed, armedBy: armed.length ? armedBy : null, replyEntryId: reply?.id ?? null, created };
    });
  }

  async settleReply(entryId: number, status: 'delivered' | 'unknown'): Promise<void> {
    await this.pool.query(
      `UPDATE bot_session_events SET data = (data::jsonb || jsonb_build_object('status', $2::text))::text WHERE id = $1 AND kind = 'reply'`,
      [entryId, status],
    );
  }

  async recordOutbound(botSessionId: string, push: OutboundPush): Promise<TimelineEntry | undefined> {
    const now = new Date(this.clock());
    return inTransaction(this.pool, async (c) => {
      const found = await c.query('SELECT 1 FROM bot_sessions WHERE bot_session_id = $1 FOR UPDATE', [botSessionId]);
      if (!found.rowCount) return undefined;
      const entry = await this.#insertEvent(c, {
        botSessionId,
        at: now.toISOString(),
        direction: 'outbound',
        kind: 'push',
        ...(push.messageId ? { messageId: push.messageId } : {}),
        replyMessages: push.replyMessages,
        botState: push.botState,
        status: push.status,
        ...(push.requestId ? { requestId: push.requestId } : {}),
        ...(push.error ? { error: push.error } : {}),
      });
      const closes = push.status === 'delivered' && (push.botState === 'Complete' || push.botState === 'Failed');
      await (closes
        ? c.query(`UPDATE bot_sessions SET updated_at = $1, status = 'closed', closed_reason = $2 WHERE bot_session_id = $3`, [now, push.botState, botSessionId])
        : c.query('UPDATE bot_sessions SET updated_at = $1 WHERE bot_session_id = $2', [now, botSessionId]));
      return entry;
    });
  }

  async list(opts: { limit?: number; status?: SessionStatus } = {}): Promise<BotSession[]> {
    const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
    // The status filter applies before the limit, with timeouts computed by the same clock as #toSession.
    const filter =
      opts.status === 'open' ? `WHERE s.status = 'open' AND NOT ${TIMED_OUT('$2')}` : opts.status === 'closed' ? `WHERE (s.status = 'closed' OR ${TIMED_OUT('$2')})` : '';
    const { rows } = await this.pool.query<SessionRow>(
      `${SELECT_SESSION} ${filter} ORDER BY s.updated_at DESC, s.seq DESC LIMIT $1`,
      opts.status ? [limit, this.clock()] : [limit],
    );
    return rows.map((r) => this.#toSession(r));
  }

  async findByParameter(key: string, value: string): Promise<BotSession | undefined> {
    const { rows } = await this.pool.query<SessionRow>(
      `${SELECT_SESSION} WHERE s.parameters @> jsonb_build_object($1::text, $2::text) ORDER BY s.updated_at DESC, s.seq DESC LIMIT 1`,
      [key, value],
    );
    return rows[0] ? this.#toSession(rows[0]) : undefined;
  }

  summary(botSessionId: string): Promise<BotSession | undefined> {
    return this.#summary(this.pool, botSessionId);
  }

  async get(botSessionId: string): Promise<BotSessionDetail | undefined> {
    const s = await this.#summary(this.pool, botSessionId);
    if (!s) return undefined;
    const { rows } = await this.pool.query<EventRow>('SELECT * FROM bot_session_events WHERE bot_session_id = $1 ORDER BY id', [botSessionId]);
    const timeline: TimelineEntry[] = rows.map((r) => ({
      id: Number(r.id),
      botSessionId: r.bot_session_id,
      at: iso(r.at)!,
      direction: r.direction,
      kind: r.kind,
      ...(r.message_id ? { messageId: r.message_id } : {}),
      ...(JSON.parse(r.data) as object),
    }));
    return { ...s, timeline };
  }

  async arm(botSessionId: string, replyMessages: ReplyMessage[], by?: ArmedBy): Promise<boolean> {
    const r = await this.pool.query('UPDATE bot_sessions SET armed = $1, updated_at = $2 WHERE bot_session_id = $3', [
      armedColumn(replyMessages, by),
      new Date(this.clock()),
      botSessionId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async disarm(botSessionId: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE bot_sessions SET armed = NULL, updated_at = $1 WHERE bot_session_id = $2 AND armed IS NOT NULL', [
      new Date(this.clock()),
      botSessionId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async close(botSessionId: string, reason: string): Promise<boolean> {
    const r = await this.pool.query(`UPDATE bot_sessions SET status = 'closed', closed_reason = $1, updated_at = $2 WHERE bot_session_id = $3`, [
      reason,
      new Date(this.clock()),
      botSessionId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }
}
