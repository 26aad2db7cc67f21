import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { BotSession, SessionChange, SessionStore } from '../botconnector/index.ts';
import { createGuestClient, type GuestClient } from '../guest/index.ts';
import type { Logger } from '../logger.ts';
import { HttpError } from '../security/errors.ts';

/** Custom attribute that ties a guest conversation to the bot session it opens (sent as a session parameter). */
export const RUN_ID_ATTRIBUTE = 'designerRunId';
const MAX_CONVERSATIONS = 20;

export type TestConversationStatus = 'connecting' | 'open' | 'closed' | 'error';

export type TestConversationView = {
  id: string;
  deploymentId: string;
  origin: string;
  status: TestConversationStatus;
  error?: string;
  createdAt: string;
  botSessionId: string | null;
  conversationId: string | null;
  /** What the guest sent, oldest first. */
  sent: { at: string; text: string; tap?: { payload: string; type: string } }[];
  /** What Messenger would show: Outbound StructuredMessage bodies sorted by channel.time. */
  received: Record<string, unknown>[];
};

type Entry = { view: TestConversationView; guest: GuestClient };

export type TestConversationDeps = {
  /** wss://webmessaging.{domain}/v1 or the sandbox's ws URL; read at call time. */
  webMessagingUrl: () => string | undefined;
  deploymentId: string | undefined;
  origin: string;
  sessions: SessionStore;
  logger: Logger;
};

/**
 * Opens Web Messaging guest conversations (helper D's guest client) against the sandbox or
 * the configured deployment, and follows what the guest receives. The conversation's bot
 * session is found through the designerRunId custom attribute Genesys passes to the bot.
 */
export class TestConversationService {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();

  constructor(private readonly deps: TestConversationDeps) {
    this.events.setMaxListeners(0);
    deps.sessions.on('change', (c: SessionChange) => this.onSessionChange(c));
  }

  list(): TestConversationView[] {
    return [...this.entries.values()].map((e) => this.snapshot(e)).reverse();
  }

  get(id: string): TestConversationView | undefined {
    const e = this.entries.get(id);
    return e ? this.snapshot(e) : undefined;
  }

  subscribe(id: string, listener: () => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  async create(opts: { text?: string; deploymentId?: string; origin?: string }): Promise<TestConversationView> {
    const url = this.deps.webMessagingUrl();
    const deploymentId = opts.deploymentId ?? this.deps.deploymentId;
    if (!url || !deploymentId) {
      throw new HttpError(
        409,
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
    };
    const entry: Entry = { view, guest };
    this.entries.set(id, entry);
    this.evict();
    guest.on('frame', () => this.events.emit(id));
    guest.on('unrecognized', (u) => this.deps.logger.warn({ testConversation: id, reason: u.reason }, 'guest socket sent a frame the Guest API does not define'));
    guest.on('close', () => {
      if (view.status !== 'error') view.status = 'closed';
      this.events.emit(id);
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
      throw new HttpError(502, 'guest_connect_failed', view.error, undefined, { testConversationId: id });
    }
    // The session may already exist (the bot call can beat this line).
    const existing = this.deps.sessions.list({ limit: 50 }).find((s) => s.parameters?.[RUN_ID_ATTRIBUTE] === id);
    if (existing) this.link(entry, existing);
    this.events.emit(id);
    return this.snapshot(entry);
  }

  /** The guest types a text or taps a button; the bot session sees it as Genesys would send it. */
  say(id: string, input: { text: string } | { tap: { text: string; payload: string; type?: 'Button' | 'QuickReply' } }): TestConversationView {
    const e = this.entries.get(id);
    if (!e) throw new HttpError(404, 'test_conversation_not_found', `No test conversation ${id}`);
    if (!e.guest.connected) throw new HttpError(409, 'test_conversation_closed', 'The guest connection of this test conversation is closed; open a new one');
    if ('text' in input) {
      e.guest.sendText(input.text);
      e.view.sent.push({ at: new Date().toISOString(), text: input.text });
    } else {
      e.guest.tap(input.tap);
      e.view.sent.push({ at: new Date().toISOString(), text: input.tap.text, tap: { payload: input.tap.payload, type: input.tap.type ?? 'Button' } });
    }
    this.events.emit(id);
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
    this.events.emit(entry.view.id);
  }

  private link(entry: Entry, s: BotSession): void {
    entry.view.botSessionId = s.botSessionId;
    entry.view.conversationId = s.genesysConversationId;
  }

  private snapshot(e: Entry): TestConversationView {
    return { ...e.view, sent: [...e.view.sent], received: e.guest.received() };
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
