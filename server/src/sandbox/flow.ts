/**
 * A simulated Architect inbound message flow with one "Call Digital Bot Connector" action,
 * plus delivery of bot and agent messages to the guest ("Wiring", "POST {base}/messages",
 * "Status codes, timeouts, retries" and "StructuredMessage" in genesys-messaging.md).
 *
 * Each guest message goes to the deployment's bot as Genesys sends it: the secret header,
 * the Bot Connector message body, a 30 s timeout, 5xx retried (3 times by default), 4xx
 * never. A reply that breaks the reply rules (wire.ts) takes the failure path
 * (ServiceProviderInvalidResponse) and nothing of it reaches the guest. Calls for one
 * conversation run one at a time, in arrival order.
 */
import { randomUUID } from 'node:crypto';
import {
  botConnectorV2ReplySchema,
  errorInfoMessage,
  type OutgoingMessageRequest,
  type ReplyMessage,
} from '@grmd/shared';
import { locatedIssues } from '../lib/zodIssues.ts';
import { replyMessageIssues } from './wire.ts';
import type { GuestHub, GuestSession, InboundGuestMessage } from './guest.ts';
import type {
  BotSessionState,
  ConversationState,
  Delivery,
  DeploymentConfig,
  FlowEvent,
} from './types.ts';

export type FlowDeps = {
  clock: () => number;
  settings: { botTimeoutMs: number; botRetries: number; botRetryDelayMs: number };
  deployments: Map<string, DeploymentConfig>;
  conversations: Map<string, ConversationState>;
  botSessionIndex: Map<string, string>;
  guests: GuestHub;
  recordDelivery: (d: Omit<Delivery, 'seq'>) => Delivery;
  logger?: { warn?: (o: object, msg?: string) => void };
};

type PushOutcome = { ok: true; messageId: string } | { ok: false; code: string; message: string };

export class Flow {
  #d: FlowDeps;
  #queues = new Map<string, Promise<void>>();
  #closed = false;
  #aborts = new Set<AbortController>();

  constructor(deps: FlowDeps) {
    this.#d = deps;
  }

  close() {
    this.#closed = true;
    for (const a of this.#aborts) a.abort();
  }

  async idle(): Promise<void> {
    while (this.#queues.size) await Promise.all([...this.#queues.values()]);
  }

  sessionStatus(s: BotSessionState): 'open' | 'closed' {
    if (s.status === 'open' && this.#expired(s)) {
      s.status = 'closed';
      s.closedReason = 'timeout';
    }
    return s.status;
  }

  #expired(s: BotSessionState): boolean {
    return this.#d.clock() - s.lastActivityAt > s.timeoutMinutes * 60_000;
  }

  /** The conversation of a guest session, created at its first message (the flow starts then). */
  conversationFor(session: GuestSession): ConversationState {
    let conv = session.conversationId ? this.#d.conversations.get(session.conversationId) : undefined;
    if (!conv) {
      conv = {
        id: randomUUID(),
        deploymentId: session.deploymentId,
        guestToken: session.token,
        customerParticipantId: randomUUID(),
        customerCommunicationId: randomUUID(),
        agentParticipantId: randomUUID(),
        agentCommunicationId: randomUUID(),
        createdAt: this.#d.clock(),
        botSessions: [],
        flowEvents: [],
      };
      this.#d.conversations.set(conv.id, conv);
      session.conversationId = conv.id;
    }
    return conv;
  }

  onGuestMessage(session: GuestSession, message: InboundGuestMessage): void {
    const conv = this.conversationFor(session);
    const prev = this.#queues.get(conv.id) ?? Promise.resolve();
    const next = prev
      .then(() => (this.#closed ? undefined : this.#botTurn(conv, message)))
      .catch((err) => this.#d.logger?.warn?.({ err: String(err) }, 'sandbox flow error'))
      .finally(() => {
        if (this.#queues.get(conv.id) === next) this.#queues.delete(conv.id);
      });
    this.#queues.set(conv.id, next);
  }

  #event(conv: ConversationState, e: Omit<FlowEvent, 'at' | 'conversationId'>) {
    conv.flowEvents.push({ at: new Date(this.#d.clock()).toISOString(), conversationId: conv.id, ...e });
  }

  #openSession(conv: ConversationState, dep: DeploymentConfig): BotSessionState {
    const current = conv.botSessions.at(-1);
    if (current && this.sessionStatus(current) === 'open') return current;
    // After Complete/Failed/timeout the sandbox flow loops back to the bot action, so the
    // next guest message opens a new bot session (a real flow would route on).
    const s: BotSessionState = {
      botSessionId: randomUUID(),
      botId: dep.botId,
      botVersion: dep.botVersion,
      languageCode: dep.languageCode ?? 'en-us',
      timeoutMinutes: dep.botSessionTimeoutMinutes ?? 720,
      status: 'open',
      createdAt: this.#d.clock(),
      lastActivityAt: this.#d.clock(),
    };
    conv.botSessions.push(s);
    this.#d.botSessionIndex.set(s.botSessionId, conv.id);
    return s;
  }

  #close(s: BotSessionState, reason: BotSessionState['closedReason']) {
    s.status = 'closed';
    s.closedReason = reason;
  }

  async #botTurn(conv: ConversationState, message: InboundGuestMessage): Promise<void> {
    const dep = this.#d.deployments.get(conv.deploymentId);
    if (!dep?.botConnectorUri) {
      this.#event(conv, { type: 'no-bot', errorMessage: 'The deployment has no Bot Connector URI configured' });
      return;
    }
    const input = toInputMessage(message);
    if (!input) return; // typing and other events do not reach the bot
    const session = this.#openSession(conv, dep);
    session.lastActivityAt = this.#d.clock();
    const body = {
      botId: session.botId,
      botVersion: session.botVersion,
      botSessionId: session.botSessionId,
      messageId: message.id,
      inputMessage: input,
      languageCode: session.languageCode,
      botSessionTimeout: session.timeoutMinutes,
      genesysConversationId: conv.id,
      // Like an Architect flow: only the custom attributes the flow maps into session
      // variables reach the bot (default designerRunId, README's setup step 3), not all of them.
      parameters: { ...(dep.parameters ?? {}), ...mapped(message.customAttributes, dep.mappedAttributes ?? DEFAULT_MAPPED_ATTRIBUTES) },
    };
    const url = `${dep.botConnectorUri.replace(/\/+$/, '')}/messages`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (dep.secretHeaderName && dep.secretHeaderValue !== undefined) headers[dep.secretHeaderName] = dep.secretHeaderValue;

    let attempt = 0;
    let status = 0;
    let text = '';
    for (;;) {
      attempt++;
      this.#event(conv, { type: 'bot-called', botSessionId: session.botSessionId, attempt });
      const ac = new AbortController();
      this.#aborts.add(ac);
      const timer = setTimeout(() => ac.abort(new DOMException('timeout', 'TimeoutError')), this.#d.settings.botTimeoutMs);
      try {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: ac.signal });
        status = res.status;
        text = await res.text();
      } catch (err) {
        const timedOut = ac.signal.aborted && (ac.signal.reason as DOMException | undefined)?.name === 'TimeoutError';
        if (timedOut) return this.#failure(conv, session, 'ServiceProviderTimeout', `No reply within ${this.#d.settings.botTimeoutMs} ms`);
        if (this.#closed) return;
        status = 0;
        text = String((err as Error).cause ?? err);
      } finally {
        clearTimeout(timer);
        this.#aborts.delete(ac);
      }
      // 5xx (and an unreachable bot) are retried; 4xx never, as Genesys does.
      if ((status === 0 || status >= 500) && attempt <= this.#d.settings.botRetries && !this.#closed) {
        this.#event(conv, { type: 'bot-retry', botSessionId: session.botSessionId, attempt, status });
        await new Promise((r) => setTimeout(r, this.#d.settings.botRetryDelayMs * attempt));
        continue;
      }
      break;
    }
    if (status !== 200) {
      return this.#failure(conv, session, 'ServiceProviderErrorResponse', status ? `The bot answered ${status}` : `The bot could not be reached (${text})`, status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.#failure(conv, session, 'ServiceProviderInvalidResponse', 'The reply is not JSON', status);
    }
    const parsed = botConnectorV2ReplySchema.safeParse(json);
    if (!parsed.success) {
      const i = locatedIssues(parsed.error)[0]!;
      return this.#failure(conv, session, 'ServiceProviderInvalidResponse', `${i.path || '(body)'}: ${i.message}`, status);
    }
    const reply = parsed.data;
    const issues = replyMessageIssues(reply.replyMessages ?? []);
    if (issues.length) {
      return this.#failure(conv, session, 'ServiceProviderInvalidResponse', `${issues[0]!.path}: ${issues[0]!.message}`, status);
    }
    this.#event(conv, { type: 'bot-replied', botSessionId: session.botSessionId, status, intent: reply.intent });
    for (const m of reply.replyMessages ?? []) this.#deliverBot(conv, session, m, 'bot-reply');
    this.#applyState(conv, session, reply.botState, reply.intent, errorInfoMessage(reply.errorInfo));
  }

  #applyState(conv: ConversationState, s: BotSessionState, state: string, intent?: string, errorMessage?: string) {
    if (state === 'Complete') {
      this.#close(s, 'Complete');
      this.#event(conv, { type: 'bot-complete', botSessionId: s.botSessionId, intent });
    } else if (state === 'Failed') {
      this.#close(s, 'Failed');
      this.#event(conv, { type: 'bot-failed', botSessionId: s.botSessionId, errorMessage });
    }
  }

  #failure(conv: ConversationState, s: BotSessionState, errorType: string, errorMessage: string, status?: number) {
    this.#close(s, 'failure-path');
    this.#event(conv, { type: 'failure-path', botSessionId: s.botSessionId, errorType, errorMessage, status });
  }

  #deliverBot(conv: ConversationState, s: BotSessionState, m: ReplyMessage, kind: 'bot-reply' | 'outgoing', outgoingMessageId?: string): Delivery {
    const id = outgoingMessageId && kind === 'outgoing' ? outgoingMessageId : randomUUID().replace(/-/g, '');
    const time = new Date(this.#d.clock()).toISOString();
    const body: Record<string, unknown> = {
      id,
      channel: { time, type: 'Private', messageId: id },
      type: m.type,
      ...(m.text !== undefined ? { text: m.text } : {}),
      ...(m.content !== undefined ? { content: m.content } : {}),
      direction: 'Outbound',
      originatingEntity: 'Bot',
      // Real frames carry a metadata map with a correlation id (the key name is our guess).
      metadata: { correlationId: randomUUID() },
    };
    return this.#deliver(conv, body, kind, s.botSessionId, outgoingMessageId);
  }

  #deliver(conv: ConversationState, body: Record<string, unknown>, kind: Delivery['kind'], botSessionId?: string, outgoingMessageId?: string): Delivery {
    const sockets = this.#d.guests.sendToSession(conv.guestToken, { type: 'message', class: 'StructuredMessage', code: 200, body });
    return this.#d.recordDelivery({
      kind,
      deploymentId: conv.deploymentId,
      guestToken: conv.guestToken,
      conversationId: conv.id,
      botSessionId,
      messageId: String(body.id),
      outgoingMessageId,
      message: body,
      sockets,
      deliveredAt: new Date(this.#d.clock()).toISOString(),
    });
  }

  /**
   * Test shortcut: a conversation whose flow is already inside the bot action, without a
   * guest socket or a bot call. Deliveries are recorded with sockets: 0.
   */
  openBotSession(deploymentId: string, guestToken = `sandbox-guest-${randomUUID()}`): { conversationId: string; botSessionId: string; guestToken: string } {
    const dep = this.#d.deployments.get(deploymentId);
    if (!dep) throw new Error(`Unknown deployment ${deploymentId}`);
    const conv = this.conversationFor({ token: guestToken, deploymentId } as GuestSession);
    const s = this.#openSession(conv, dep);
    return { conversationId: conv.id, botSessionId: s.botSessionId, guestToken };
  }

  /** The outgoing messages API: a push into an open bot session. */
  pushOutgoing(req: OutgoingMessageRequest): PushOutcome {
    const convId = this.#d.botSessionIndex.get(req.botSessionId);
    const conv = convId ? this.#d.conversations.get(convId) : undefined;
    const s = conv?.botSessions.find((b) => b.botSessionId === req.botSessionId);
    if (!conv || !s) return { ok: false, code: 'session.not.found', message: `Bot session ${req.botSessionId} was not found` };
    const dep = this.#d.deployments.get(conv.deploymentId);
    if (dep?.integrationActive === false) return { ok: false, code: 'integration.not.active', message: 'The Bot Connector integration is not active' };
    if (s.status === 'open' && this.#expired(s)) {
      this.#close(s, 'timeout');
      return { ok: false, code: 'session.not.found', message: `Bot session ${req.botSessionId} has expired` };
    }
    if (s.status === 'closed') {
      if (s.closedReason === 'timeout') return { ok: false, code: 'session.not.found', message: `Bot session ${req.botSessionId} has expired` };
      return { ok: false, code: 'session.already.closed', message: `Bot session ${req.botSessionId} is already closed (${s.closedReason})` };
    }
    if (req.botId !== s.botId) return { ok: false, code: 'session.bot.id.mismatch', message: `botId ${req.botId} does not match the session's bot` };
    if (req.botVersion !== s.botVersion) return { ok: false, code: 'session.bot.version.mismatch', message: `botVersion ${req.botVersion} does not match the session's version` };
    const messageId = randomUUID();
    const msgs = req.replyMessages ?? [];
    msgs.forEach((m, i) => this.#deliverBot(conv, s, m, 'outgoing', i === 0 ? messageId : undefined));
    // Deliveries after the first carry their own ids; tag them with the request's messageId.
    this.#applyState(conv, s, req.botState, req.intent, errorInfoMessage(req.errorInfo));
    return { ok: true, messageId };
  }

  deliverAgentText(conv: ConversationState, text: string): Delivery {
    const id = randomUUID().replace(/-/g, '');
    const time = new Date(this.#d.clock()).toISOString();
    return this.#deliver(conv, {
      id,
      channel: { time, type: 'Private', messageId: id },
      type: 'Text',
      text,
      direction: 'Outbound',
      originatingEntity: 'Human',
    }, 'agent');
  }
}

/** The Bot Connector inputMessage for what the guest sent; undefined when the bot is not called. */
export function toInputMessage(m: InboundGuestMessage):
  | { type: 'Text'; text: string }
  | { type: 'Structured'; text?: string; content: { contentType: 'ButtonResponse'; buttonResponse: { type: 'Button' | 'QuickReply' | 'DatePicker' | 'ListPicker' | 'Form'; text: string; payload: string } }[] }
  | undefined {
  if (m.buttonResponses.length) {
    return {
      type: 'Structured',
      ...(m.text ? { text: m.text } : { text: m.buttonResponses[0]!.text }),
      content: m.buttonResponses.map((b) => ({ contentType: 'ButtonResponse' as const, buttonResponse: { type: b.type, text: b.text, payload: b.payload } })),
    };
  }
  if (m.type === 'Text') return { type: 'Text', text: m.text ?? '' };
  // A Presence Join (auto-start) starts the flow; the bot gets an empty text turn.
  if (m.type === 'Event' && m.presence === 'Join') return { type: 'Text', text: '' };
  return undefined;
}

/** The custom attributes a default sandbox flow maps into session variables. */
export const DEFAULT_MAPPED_ATTRIBUTES: readonly string[] = ['designerRunId'];

function mapped(attributes: Record<string, string> | undefined, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (attributes && Object.hasOwn(attributes, n)) out[n] = attributes[n]!;
  return out;
}
