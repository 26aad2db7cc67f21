import { randomUUID } from 'node:crypto';
import {
  GUEST_ERROR_CODES,
  TEST_CONVERSATION_END_REASONS,
  type GuestFrame,
  type TestConversation,
  type TestConversationEndReason,
  type TestConversationMessageRequest,
  type TestConversationStatus,
} from '@grmd/shared';
import type { BotSession, SessionChange, SessionStore } from '../botconnector/index.ts';
import { DomainError } from '../errors.ts';
import { createGuestClient, type GuestClient } from '../guest/index.ts';
import type { Logger } from '../logger.ts';
import type { TestConversationRecord, TestConversationRepo } from '../store/ports.ts';

/** Custom attribute that ties a guest conversation to the bot session it opens (sent as a session parameter). */
export const RUN_ID_ATTRIBUTE = 'designerRunId';
const MAX_CONVERSATIONS = 20;

/** A test conversation as /api/test-conversations answers it (shared/src/wire/testConversations.ts). */
export type TestConversationView = TestConversation;
export type { TestConversationEndReason, TestConversationStatus };

/** What an error frame means for the person testing, and whether the session is over. */
export function explainGuestError(f: GuestFrame): { message: string; ends: boolean } {
  const body = f.body as { retryAfter?: unknown; errorMessage?: unknown } | string | undefined;
  const said = typeof body === 'string' ? body : typeof body?.errorMessage === 'string' ? body.errorMessage : '';
  switch (f.code) {
    case GUEST_ERROR_CODES.SessionHasExpired:
      return { message: 'The Messenger session has expired (4006): start a new test conversation.', ends: true };
    case GUEST_ERROR_CODES.SessionNotFound:
      return { message: 'Messenger does not know this session (4007): start a new test conversation.', ends: true };
    case 429:
    case GUEST_ERROR_CODES.RequestRateTooHigh: {
      const wait = typeof body === 'object' && typeof body?.retryAfter === 'number' ? body.retryAfter : undefined;
      return { message: `Messenger refused the message: too many too fast (4029)${wait !== undefined ? `; wait ${wait} s before the next one` : ''}. It was not sent.`, ends: false };
    }
    case GUEST_ERROR_CODES.MessageTooLong:
      return { message: 'Messenger refused the message as too long (4011). It was not sent.', ends: false };
    default:
      return { message: `Messenger answered with error ${f.code}${said ? `: ${said}` : ''}.`, ends: false };
  }
}

/** What the service keeps of a conversation; `botSession` in the view is read from the store on each answer. */
type Entry = { view: Omit<TestConversationView, 'botSession'>; guest: GuestClient; lastActivityAt: number };

export function testConversationNotFound(id: string): DomainError {
  return new DomainError('not_found', 'test_conversation_not_found', `No test conversation ${id}`);
}

export type TestConversationDeps = {
  /** wss://webmessaging.{domain}/v1, or the embedded sandbox's; undefined when the region has none configured. */
  webMessagingUrl: string | undefined;
  deploymentId: string | undefined;
  origin: string;
  sessions: SessionStore;
  logger: Logger;
  /** A conversation with no message either way for this long is ended ("idle"); default 30 minutes. */
  idleMs?: number;
  /** Milliseconds since the epoch (tests move it). */
  clock?: () => number;
  /**
   * The record every instance on the database shares: which instance (owner) holds each
   * conversation's guest socket. Without it (unit tests), conversations are this instance's alone.
   */
  records?: TestConversationRepo;
};

const DEFAULT_IDLE_MS = 30 * 60_000;

/**
 * Opens Web Messaging guest conversations (guest/guestClient.ts) against the sandbox or
 * the configured deployment, and follows what the guest receives. The conversation's bot
 * session is found through the designerRunId custom attribute Genesys passes to the bot.
 */
export class TestConversationService {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly clock: () => number;
  private readonly sweeper: NodeJS.Timeout;
  /** This instance's base URL as the others reach it (set once it listens: setOwner). */
  private owner: string | null = null;

  constructor(private readonly deps: TestConversationDeps) {
    this.idleMs = deps.idleMs ?? DEFAULT_IDLE_MS;
    this.clock = deps.clock ?? Date.now;
    deps.sessions.on('change', (c: SessionChange) => this.onSessionChange(c));
    // Idle conversations end even when nobody looks at the list; the lists check too.
    this.sweeper = setInterval(() => void this.sweep(), Math.min(this.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** Names this instance in the records of the conversations it opens from now on. */
  setOwner(url: string): void {
    this.owner = url;
  }

  /** Whether this instance holds the conversation's guest socket. */
  holds(id: string): boolean {
    return this.entries.has(id);
  }

  /** The shared record of a conversation another instance holds (null: held here, unknown, or no records). */
  async heldElsewhere(id: string): Promise<TestConversationRecord | null> {
    if (this.entries.has(id) || !this.deps.records || !this.owner) return null;
    const rec = await this.deps.records.get(id);
    return rec && rec.owner !== this.owner ? rec : null;
  }

  /** The recent conversations other instances hold, newest first. */
  async heldElsewhereRecent(limit = MAX_CONVERSATIONS): Promise<TestConversationRecord[]> {
    if (!this.deps.records || !this.owner) return [];
    const recs = await this.deps.records.listRecent(limit);
    return recs.filter((r) => r.owner !== this.owner && !this.entries.has(r.id));
  }

  /**
   * Marks another instance's conversation ended in the shared record, when that instance
   * cannot be reached to end it (its guest socket went with it) or no longer holds it.
   */
  async markEndedElsewhere(id: string, reason: TestConversationEndReason): Promise<void> {
    await this.deps.records?.markEnded(id, reason, new Date(this.clock()).toISOString());
  }

  /**
   * What the shared record says of a conversation another instance holds, when that instance
   * cannot answer for it: no transcript, but its status, its end and its bot session.
   */
  async recordView(rec: TestConversationRecord, error?: string): Promise<TestConversationView> {
    const s = await this.deps.sessions.findByParameter(RUN_ID_ATTRIBUTE, rec.id).catch(() => undefined);
    const reason = TEST_CONVERSATION_END_REASONS.find((r) => r === rec.ended?.reason) ?? 'shutdown';
    return {
      id: rec.id,
      deploymentId: rec.deploymentId,
      origin: rec.origin,
      status: rec.ended ? 'closed' : error ? 'error' : 'open',
      ...(error && !rec.ended ? { error } : {}),
      createdAt: rec.createdAt,
      botSessionId: s?.botSessionId ?? null,
      conversationId: s?.genesysConversationId ?? null,
      sent: [],
      received: [],
      notices: [],
      ended: rec.ended ? { at: rec.ended.at, reason } : null,
      botSession: s ? { status: s.status, ...(s.closedReason ? { closedReason: s.closedReason } : {}), expiresAt: s.expiresAt } : null,
    };
  }

  async list(): Promise<TestConversationView[]> {
    await this.sweep();
    const entries = [...this.entries.values()];
    await Promise.all(entries.map((e) => this.findSession(e)));
    return (await Promise.all(entries.map((e) => this.snapshot(e)))).reverse();
  }

  async get(id: string): Promise<TestConversationView | undefined> {
    await this.sweep();
    const e = this.entries.get(id);
    if (!e) return undefined;
    await this.findSession(e);
    return this.snapshot(e);
  }

  /**
   * Ends a conversation: closes its guest connection and marks its bot session closed (no
   * customer is left to answer it). Ending one that has ended already changes nothing.
   */
  async end(id: string, reason: TestConversationEndReason): Promise<TestConversationView> {
    const e = this.entries.get(id);
    if (!e) throw testConversationNotFound(id);
    await this.finish(e, reason);
    return this.snapshot(e);
  }

  /** Ends every conversation idle for longer than the limit. */
  async sweep(): Promise<void> {
    const now = this.clock();
    const idle = [...this.entries.values()].filter((e) => !e.view.ended && now - e.lastActivityAt >= this.idleMs);
    await Promise.all(idle.map((e) => this.finish(e, 'idle')));
  }

  private async finish(e: Entry, reason: TestConversationEndReason): Promise<void> {
    if (e.view.ended) return;
    e.view.ended = { at: new Date(this.clock()).toISOString(), reason };
    if (e.view.status !== 'error') e.view.status = 'closed';
    await this.recordEnd(e);
    await e.guest.close().catch(() => undefined);
    // Not linked yet: linking (now or when the session arrives) closes it.
    if (e.view.botSessionId) await this.closeSession(e);
    else await this.findSession(e).catch(() => undefined);
  }

  /**
   * Links the conversation to its bot session when no change event did: with several
   * instances, Genesys may call the bot on another one, and only the store knows.
   */
  private async findSession(e: Entry): Promise<void> {
    if (e.view.botSessionId) return;
    const s = await this.deps.sessions.findByParameter(RUN_ID_ATTRIBUTE, e.view.id);
    if (s && !e.view.botSessionId) await this.link(e, s);
  }

  async create(opts: { text?: string; deploymentId?: string; origin?: string; replaces?: string }): Promise<TestConversationView> {
    const url = this.deps.webMessagingUrl;
    const deploymentId = opts.deploymentId ?? this.deps.deploymentId;
    if (!url || !deploymentId) {
      throw new DomainError(
        'conflict',
        'guest_not_configured',
        'No Messenger deployment is configured: set MESSENGER_DEPLOYMENT_ID (and MESSENGER_ORIGIN, an allowed domain of the deployment)',
      );
    }
    // The tab's previous conversation is over once it starts another (unknown here: nothing to end).
    const previous = opts.replaces ? this.entries.get(opts.replaces) : undefined;
    if (previous) await this.finish(previous, 'replaced');
    const id = randomUUID();
    const origin = opts.origin ?? this.deps.origin;
    const guest = createGuestClient({ url, deploymentId, origin, customAttributes: { [RUN_ID_ATTRIBUTE]: id } });
    const view: Entry['view'] = {
      id,
      deploymentId,
      origin,
      status: 'connecting',
      createdAt: new Date(this.clock()).toISOString(),
      botSessionId: null,
      conversationId: null,
      sent: [],
      received: [],
      notices: [],
      ended: null,
    };
    const entry: Entry = { view, guest, lastActivityAt: this.clock() };
    this.entries.set(id, entry);
    await this.evict();
    // What the bot sends counts as activity (the guest's own messages come back as Inbound: counted when said).
    guest.on('message', (body) => {
      if (body.direction !== 'Inbound') entry.lastActivityAt = this.clock();
    });
    guest.on('error-frame', (f) => {
      const x = explainGuestError(f);
      view.notices.push({ at: new Date().toISOString(), code: f.code, message: x.message });
      if (view.notices.length > 50) view.notices.shift();
      if (x.ends && view.status === 'open') {
        view.status = 'closed';
        void guest.close();
      }
    });
    guest.on('unrecognized', (u) => this.deps.logger.warn({ testConversation: id, reason: u.reason }, 'guest socket sent a frame the Guest API does not define'));
    guest.on('close', () => {
      if (view.status !== 'error') view.status = 'closed';
    });
    try {
      await guest.connect();
      view.status = 'open';
      const text = opts.text ?? 'Hello';
      guest.sendText(text);
      view.sent.push({ at: new Date(this.clock()).toISOString(), text });
    } catch (err) {
      view.status = 'error';
      view.error = err instanceof Error ? err.message : 'The guest connection failed';
      this.deps.logger.warn({ testConversation: id, error: view.error }, 'test conversation failed to open');
      await guest.close().catch(() => undefined);
      throw new DomainError('upstream', 'guest_connect_failed', view.error, { extra: { testConversationId: id } });
    }
    // Other instances learn that this one holds it (before anyone can ask them: the id is not out yet).
    if (this.deps.records && this.owner) {
      await this.deps.records
        .register({ id, owner: this.owner, deploymentId, origin, createdAt: view.createdAt })
        .catch((err: unknown) => this.deps.logger.warn({ testConversation: id, err: String(err) }, 'could not record the test conversation for the other instances'));
      // Ended while it connected (evicted, shutdown): that end came before the record existed.
      await this.recordEnd(entry);
    }
    // The session may already exist (the bot call can beat this line).
    await this.findSession(entry);
    return this.snapshot(entry);
  }

  /** The guest types a text or taps a button; the bot session sees it as Genesys would send it. */
  async say(id: string, input: TestConversationMessageRequest): Promise<TestConversationView> {
    const e = this.entries.get(id);
    if (!e) throw testConversationNotFound(id);
    if (e.view.ended) throw new DomainError('conflict', 'test_conversation_closed', `This test conversation has ended (${e.view.ended.reason}); open a new one`);
    if (!e.guest.connected) throw new DomainError('conflict', 'test_conversation_closed', 'The guest connection of this test conversation is closed; open a new one');
    const at = new Date(this.clock()).toISOString();
    e.lastActivityAt = this.clock();
    if ('text' in input) {
      e.guest.sendText(input.text);
      e.view.sent.push({ at, text: input.text });
    } else {
      e.guest.tap(input.tap);
      e.view.sent.push({ at, text: input.tap.text, tap: { payload: input.tap.payload, type: input.tap.type ?? 'Button' } });
    }
    return this.snapshot(e);
  }

  /** At shutdown: every conversation still open ends ("shutdown"), so its bot session does not stay listed as open. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.entries.values()].map((e) => this.finish(e, 'shutdown')));
  }

  private async recordEnd(e: Entry): Promise<void> {
    if (!this.deps.records || !e.view.ended) return;
    try {
      await this.deps.records.markEnded(e.view.id, e.view.ended.reason, e.view.ended.at);
    } catch (err) {
      this.deps.logger.warn({ testConversation: e.view.id, err: String(err) }, 'could not record the end of a test conversation for the other instances');
    }
  }

  private onSessionChange(c: SessionChange): void {
    const runId = c.session.parameters?.[RUN_ID_ATTRIBUTE];
    const entry = runId ? this.entries.get(runId) : undefined;
    if (!entry) return;
    if (!entry.view.botSessionId) void this.link(entry, c.session);
  }

  private async link(entry: Entry, s: BotSession): Promise<void> {
    entry.view.botSessionId = s.botSessionId;
    entry.view.conversationId = s.genesysConversationId;
    // Ended before its bot session reached us (the guest's hello was on its way): closed as it links.
    if (entry.view.ended) await this.closeSession(entry);
  }

  /** Marks the bot session of an ended conversation closed, unless something closed it already (Genesys, a Complete push: their reason stays). */
  private async closeSession(e: Entry): Promise<void> {
    const botSessionId = e.view.botSessionId;
    if (!botSessionId || !e.view.ended) return;
    try {
      const s = await this.deps.sessions.summary(botSessionId);
      if (s?.status === 'open') await this.deps.sessions.close(botSessionId, `test conversation ended (${e.view.ended.reason})`);
    } catch (err) {
      this.deps.logger.warn({ testConversation: e.view.id, botSessionId, err: String(err) }, 'could not mark the bot session of an ended test conversation closed');
    }
  }

  private async snapshot(e: Entry): Promise<TestConversationView> {
    const id = e.view.botSessionId;
    const s = id ? await this.deps.sessions.summary(id).catch(() => undefined) : undefined;
    const botSession = s ? { status: s.status, ...(s.closedReason ? { closedReason: s.closedReason } : {}), expiresAt: s.expiresAt } : null;
    return { ...e.view, sent: [...e.view.sent], notices: [...e.view.notices], received: e.guest.received(), botSession };
  }

  /** Over the limit, the oldest ended conversation goes first, else the oldest one. */
  private async evict(): Promise<void> {
    while (this.entries.size > MAX_CONVERSATIONS) {
      const all = [...this.entries.values()];
      const e = all.find((x) => x.view.ended) ?? all[0]!;
      this.entries.delete(e.view.id);
      await this.finish(e, 'evicted');
    }
  }
}
