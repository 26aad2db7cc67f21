import { randomUUID } from 'node:crypto';
import {
  GUEST_ERROR_CODES,
  type GuestFrame,
  type TestConversation,
  type TestConversationMessageRequest,
  type TestConversationStatus,
} from '@grmd/shared';
import type { BotSession, SessionChange, SessionStore } from '../botconnector/index.ts';
import { DomainError } from '../errors.ts';
import { createGuestClient, type GuestClient } from '../guest/index.ts';
import type { Logger } from '../logger.ts';

/** Custom attribute that ties a guest conversation to the bot session it opens (sent as a session parameter). */
export const RUN_ID_ATTRIBUTE = 'designerRunId';
const MAX_CONVERSATIONS = 20;

/** A test conversation as /api/test-conversations answers it (shared/src/wire/testConversations.ts). */
export type TestConversationView = TestConversation;
export type { TestConversationStatus };

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

type Entry = { view: TestConversationView; guest: GuestClient };

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
};

/**
 * Opens Web Messaging guest conversations (guest/guestClient.ts) against the sandbox or
 * the configured deployment, and follows what the guest receives. The conversation's bot
 * session is found through the designerRunId custom attribute Genesys passes to the bot.
 */
export class TestConversationService {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: TestConversationDeps) {
    deps.sessions.on('change', (c: SessionChange) => this.onSessionChange(c));
  }

  async list(): Promise<TestConversationView[]> {
    const entries = [...this.entries.values()];
    await Promise.all(entries.map((e) => this.findSession(e)));
    return entries.map((e) => this.snapshot(e)).reverse();
  }

  async get(id: string): Promise<TestConversationView | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    await this.findSession(e);
    return this.snapshot(e);
  }

  /**
   * Links the conversation to its bot session when no change event did: with several
   * instances, Genesys may call the bot on another one, and only the store knows.
   */
  private async findSession(e: Entry): Promise<void> {
    if (e.view.botSessionId) return;
    const s = await this.deps.sessions.findByParameter(RUN_ID_ATTRIBUTE, e.view.id);
    if (s && !e.view.botSessionId) this.link(e, s);
  }

  async create(opts: { text?: string; deploymentId?: string; origin?: string }): Promise<TestConversationView> {
    const url = this.deps.webMessagingUrl;
    const deploymentId = opts.deploymentId ?? this.deps.deploymentId;
    if (!url || !deploymentId) {
      throw new DomainError(
        'conflict',
        'guest_not_configured',
        'No Messenger deployment is configured: set MESSENGER_DEPLOYMENT_ID (and MESSENGER_ORIGIN, an allowed domain of the deployment)',
      );
    }
    const id = randomUUID();
    const origin = opts.origin ?? this.deps.origin;
    const guest = createGuestClient({ url, deploymentId, origin, customAttributes: { [RUN_ID_ATTRIBUTE]: id } });
    const view: TestConversationView = {
      id,
      deploymentId,
      origin,
      status: 'connecting',
      createdAt: new Date().toISOString(),
      botSessionId: null,
      conversationId: null,
      sent: [],
      received: [],
      notices: [],
    };
    const entry: Entry = { view, guest };
    this.entries.set(id, entry);
    this.evict();
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
      view.sent.push({ at: new Date().toISOString(), text });
    } catch (err) {
      view.status = 'error';
      view.error = err instanceof Error ? err.message : 'The guest connection failed';
      this.deps.logger.warn({ testConversation: id, error: view.error }, 'test conversation failed to open');
      await guest.close().catch(() => undefined);
      throw new DomainError('upstream', 'guest_connect_failed', view.error, { extra: { testConversationId: id } });
    }
    // The session may already exist (the bot call can beat this line).
    await this.findSession(entry);
    return this.snapshot(entry);
  }

  /** The guest types a text or taps a button; the bot session sees it as Genesys would send it. */
  say(id: string, input: TestConversationMessageRequest): TestConversationView {
    const e = this.entries.get(id);
    if (!e) throw testConversationNotFound(id);
    if (!e.guest.connected) throw new DomainError('conflict', 'test_conversation_closed', 'The guest connection of this test conversation is closed; open a new one');
    if ('text' in input) {
      e.guest.sendText(input.text);
      e.view.sent.push({ at: new Date().toISOString(), text: input.text });
    } else {
      e.guest.tap(input.tap);
      e.view.sent.push({ at: new Date().toISOString(), text: input.tap.text, tap: { payload: input.tap.payload, type: input.tap.type ?? 'Button' } });
    }
    return this.snapshot(e);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.entries.values()].map((e) => e.guest.close()));
  }

  private onSessionChange(c: SessionChange): void {
    const runId = c.session.parameters?.[RUN_ID_ATTRIBUTE];
    const entry = runId ? this.entries.get(runId) : undefined;
    if (!entry) return;
    if (!entry.view.botSessionId) this.link(entry, c.session);
  }

  private link(entry: Entry, s: BotSession): void {
    entry.view.botSessionId = s.botSessionId;
    entry.view.conversationId = s.genesysConversationId;
  }

  private snapshot(e: Entry): TestConversationView {
    return { ...e.view, sent: [...e.view.sent], notices: [...e.view.notices], received: e.guest.received() };
  }

  private evict(): void {
    while (this.entries.size > MAX_CONVERSATIONS) {
      const [oldest] = this.entries.keys();
      const e = this.entries.get(oldest!)!;
      void e.guest.close();
      this.entries.delete(oldest!);
    }
  }
}
