/**
 * Test sessions of our Bot Connector bot: every incoming Genesys call registers or updates
 * one, and the timeline keeps what the customer sent (taps decoded) next to what we pushed.
 * The rows live in whichever engine runs (store/ports.ts BotSessionRepo); this service adds
 * what the app needs on top: armed replies are valid Bot Connector replies, and each change is
 * announced to this instance's listeners (test conversations follow their bot session).
 */
import { EventEmitter } from 'node:events';
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
import type { ArmedBy, BotSessionRepo, OutboundPush } from '../store/ports.ts';

// The session and timeline shapes are the HTTP contract's (shared/src/wire/sessions.ts): what the
// store keeps is what /api/sessions answers.
export type { ArmedBy, BotSession, BotSessionDetail, SessionStatus, TapEntry, TimelineEntry };

export type SessionChange = {
  type: 'created' | 'inbound' | 'outbound' | 'armed' | 'disarmed' | 'closed';
  botSessionId: string;
  session: BotSession;
  entry?: TimelineEntry;
};

const replyMessagesSchema = z.array(replyMessageSchema).min(1);

export class SessionStore extends EventEmitter<{ change: [SessionChange] }> {
  constructor(readonly repo: BotSessionRepo) {
    super();
  }

  async #emit(type: SessionChange['type'], botSessionId: string, entry?: TimelineEntry): Promise<void> {
    if (this.listenerCount('change') === 0) return;
    const session = await this.repo.summary(botSessionId);
    if (session) this.emit('change', { type, botSessionId, session, ...(entry ? { entry } : {}) });
  }

  /**
   * Registers or updates the session of an incoming Genesys call and records the customer's
   * message. Returns the armed reply (now disarmed), if any, for the synchronous answer, with
   * who armed it.
   */
  async recordInbound(
    req: BotConnectorRequest,
  ): Promise<{ session: BotSession; entry: TimelineEntry; replyMessages: ReplyMessage[]; armedBy: ArmedBy | null; replyEntryId: number | null }> {
    const { session, entry, replyMessages, armedBy, replyEntryId, created } = await this.repo.recordInbound(req);
    await this.#emit(created ? 'created' : 'inbound', req.botSessionId, entry);
    return { session, entry, replyMessages, armedBy, replyEntryId };
  }

  /** The armed reply's timeline entry once the answer carrying it was written (or not). */
  settleReply(entryId: number, status: 'delivered' | 'unknown'): Promise<void> {
    return this.repo.settleReply(entryId, status);
  }

  /** Records a push made through the outgoing API; a delivered Complete or Failed push closes the session. */
  async recordOutbound(botSessionId: string, push: OutboundPush): Promise<TimelineEntry | undefined> {
    const entry = await this.repo.recordOutbound(botSessionId, push);
    if (entry) await this.#emit('outbound', botSessionId, entry);
    return entry;
  }

  list(opts: { limit?: number; status?: SessionStatus } = {}): Promise<BotSession[]> {
    return this.repo.list(opts);
  }

  findByParameter(key: string, value: string): Promise<BotSession | undefined> {
    return this.repo.findByParameter(key, value);
  }

  summary(botSessionId: string): Promise<BotSession | undefined> {
    return this.repo.summary(botSessionId);
  }

  get(botSessionId: string): Promise<BotSessionDetail | undefined> {
    return this.repo.get(botSessionId);
  }

  /**
   * Arms reply messages for the session's next incoming message (returned synchronously in
   * replyMessages, then disarmed). `by` (who armed it, from what design) is kept with them for
   * the audit record of their delivery. Throws when they are not valid Bot Connector replies.
   */
  async arm(botSessionId: string, replyMessages: ReplyMessage[], by?: ArmedBy): Promise<boolean> {
    const parsed = replyMessagesSchema.parse(replyMessages);
    if (!(await this.repo.arm(botSessionId, parsed, by))) return false;
    await this.#emit('armed', botSessionId);
    return true;
  }

  async disarm(botSessionId: string): Promise<boolean> {
    if (!(await this.repo.disarm(botSessionId))) return false;
    await this.#emit('disarmed', botSessionId);
    return true;
  }

  async close(botSessionId: string, reason = 'closed'): Promise<boolean> {
    if (!(await this.repo.close(botSessionId, reason))) return false;
    await this.#emit('closed', botSessionId);
    return true;
  }
}
