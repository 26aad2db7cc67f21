import { createHash } from 'node:crypto';
import type {
  AdditionalMessage,
  OutgoingMessageRequest,
  SendError,
  SendProgress,
  SendRecord,
  SendRequest,
  SendResult,
} from '@grmd/shared';
import type { SessionStore } from '../botconnector/index.ts';
import { DomainError } from '../errors.ts';
import { GenesysApiError, type GenesysClient } from '../genesys/index.ts';
import type { Logger } from '../logger.ts';
import type { OutboxFor, RateLimiter, SendRepo } from '../store/ports.ts';
import { botReplyMessages, runForDelivery, type Pipeline } from './pipeline.ts';

export const ANALYTICS_TOPIC = 'send.completed';
/** Refusals of the verdict (pipeline.ts): logged as failed sends with no attempt. */
const REFUSALS = new Set(['invalid_message', 'nothing_to_send', 'no_text_fallback']);
/** Declared by the bot router's bot list (botconnector/router.ts). */
export const END_SESSION_INTENT = 'TestDelivered';

/** JSON with object keys sorted, so the same request always hashes the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: SendRequest): string {
  return createHash('sha256').update(stableStringify(body)).digest('hex');
}

export function toSendResult(r: SendRecord, replayed: boolean): SendResult {
  return {
    id: r.id,
    status: r.status,
    ...(r.genesysMessageId ? { genesysMessageId: r.genesysMessageId } : {}),
    attempts: r.attempts,
    latencyMs: r.latencyMs,
    ...(r.error ? { error: r.error } : {}),
    replayed,
  };
}

export function sendErrorFrom(err: unknown): SendError {
  if (err instanceof GenesysApiError) {
    return {
      kind: err.kind,
      message: err.message,
      hint: err.hint,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.code ? { code: err.code } : {}),
      ...(err.correlationId ? { correlationId: err.correlationId } : {}),
    };
  }
  if (err instanceof DomainError) return { kind: err.code, message: err.message };
  return { kind: 'internal', message: 'The send failed inside the server; see the server log for details.' };
}

/** The audit log's error for a request the verdict refused (nothing left); null for any other failure. */
export function refusalOf(err: unknown): SendError | null {
  if (!(err instanceof DomainError) || err.kind !== 'unprocessable' || !REFUSALS.has(err.code)) return null;
  const issues = (err.issues ?? []).filter((i) => i.severity === 'error').map((i) => `${i.path || '(message)'}: ${i.message}`);
  return { kind: err.code, message: [err.message, ...issues].join(' · ') };
}

/** The design's id and name as a request body gives them (a refused body may not be a valid design). */
export function designOf(body: { design?: unknown }): { designId: string | null; designName: string | null } {
  const design = body.design as { id?: unknown; name?: unknown } | undefined;
  return { designId: typeof design?.id === 'string' ? design.id : null, designName: typeof design?.name === 'string' ? design.name : null };
}

/** The analytics event for one completed send (what the webhook receives). */
export function analyticsEvent(r: SendRecord) {
  return {
    event: ANALYTICS_TOPIC,
    sendId: r.id,
    status: r.status,
    target: r.target,
    channel: r.channel,
    designId: r.designId,
    designName: r.designName,
    genesysMessageId: r.genesysMessageId,
    attempts: r.attempts,
    latencyMs: r.latencyMs,
    error: r.error ? { kind: r.error.kind, code: r.error.code, status: r.error.status } : null,
    requestId: r.requestId,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
  };
}

export type SendServiceDeps = {
  store: SendRepo;
  pipeline: Pipeline;
  genesys: GenesysClient;
  /** Bot sessions: a push needs the session's bot and language, and lands in its timeline. */
  sessions: Pick<SessionStore, 'summary' | 'recordOutbound'>;
  /** Paces upstream calls to the configured rate. */
  limiter: RateLimiter;
  /** With ANALYTICS_WEBHOOK_URL: the outbox gets a row per completed send (in the send's transaction), and `kick` wakes its worker. */
  analytics: { kick: () => void } | null;
  logger: Logger;
};

/**
 * validate → bind → sanitize → compile (shared check(), the one verdict) → audit (pending) → send with
 * retries → audit (completed) → analytics outbox. One job: a send, exactly once per key.
 */
export class SendService {
  private readonly inFlight = new Map<string, Promise<SendRecord>>();
  /** Progress of sends in flight, by Idempotency-Key (the only id the client has before the answer). */
  private readonly progress = new Map<string, SendProgress>();

  constructor(private readonly deps: SendServiceDeps) {}

  /** What a send in flight is doing now; `done` once answered (a replay of a finished key); undefined when unknown. */
  async progressOf(idempotencyKey: string): Promise<SendProgress | undefined> {
    const p = this.progress.get(idempotencyKey);
    if (p) return { ...p };
    const existing = await this.deps.store.findByKey(idempotencyKey);
    if (!existing) return undefined;
    const r = existing.record;
    return { state: r.status === 'pending' ? 'sending' : 'done', attempts: r.attempts, nextAttemptAt: null, lastStatus: null };
  }

  inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Waits for every send in progress (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * The answer for this key: a new send's result, or the earlier one replayed. A body that
   * differs from the key's first one, or a key whose send still runs, is refused.
   */
  async send(body: SendRequest, idempotencyKey: string, actor: string | null = null): Promise<SendResult> {
    const { store } = this.deps;
    const hash = requestHash(body);

    // A quick answer for a key already used; the race between two requests with one key is
    // settled by store.begin(), which claims the key atomically on every engine.
    const prior = await this.peek(idempotencyKey, hash);
    if (prior) return prior;

    try {
      return await this.checkedSend(body, idempotencyKey, hash, actor);
    } catch (err) {
      // A send refused by the verdict is in the audit log too, with the reason.
      const refusal = refusalOf(err);
      if (refusal) {
        await store.refused({ target: body.target, ...designOf(body), channel: body.channel ?? null, message: null, text: null, actor }, refusal, this.outboxFor());
        this.deps.analytics?.kick();
      }
      throw err;
    }
  }

  private async checkedSend(body: SendRequest, idempotencyKey: string, hash: string, actor: string | null): Promise<SendResult> {
    const { store, logger } = this.deps;
    // No channel given: the design's own channel (check()'s default).
    const channel = body.channel;
    const result = runForDelivery(this.deps.pipeline, body, 'nothing was sent');

    let outgoing: OutgoingMessageRequest | null = null;
    let agentBody: AdditionalMessage | null = null;
    if (body.target.kind === 'botSession') {
      const session = await this.deps.sessions.summary(body.target.botSessionId);
      if (!session) {
        throw new DomainError(
          'not_found',
          'unknown_bot_session',
          `No Bot Connector session ${body.target.botSessionId} has reached this server; start a conversation in Messenger first (it opens the session), then push to it`,
        );
      }
      const replyMessages = botReplyMessages(result, 'nothing was sent');
      outgoing = {
        botId: session.botId,
        botVersion: session.botVersion,
        botSessionId: session.botSessionId,
        languageCode: session.languageCode,
        // MoreData keeps the session open so the user can push the next test; Complete ends it.
        botState: body.endSession ? 'Complete' : 'MoreData',
        // Complete requires an intent (genesys-messaging.md, "POST {base}/messages"): the one our bot declares in its bot list.
        ...(body.endSession ? { intent: END_SESSION_INTENT } : {}),
        replyMessages,
      };
    } else {
      const text = result.text ?? result.message?.text ?? null;
      if (!text) throw new DomainError('unprocessable', 'no_text_fallback', 'The message has no text fallback to send to an agent conversation');
      agentBody = { textBody: text };
    }

    const begun = await store.begin({
      idempotencyKey,
      requestHash: hash,
      target: body.target,
      channel: channel ?? result.design.channel ?? null,
      designId: result.design.id,
      designName: result.design.name,
      message: outgoing ?? agentBody,
      text: result.text,
      actor,
    });
    if (begun.kind !== 'new') return this.answerExisting(begun.kind, begun.record);

    const record = begun.record;
    const progress: SendProgress = { state: 'queued', attempts: 0, nextAttemptAt: null, lastStatus: null };
    this.progress.set(idempotencyKey, progress);
    const run = this.deliver(record, outgoing, agentBody, progress);
    this.inFlight.set(record.id, run);
    try {
      const done = await run;
      logger.info(
        { sendId: done.id, status: done.status, attempts: done.attempts, latencyMs: done.latencyMs, target: done.target.kind },
        'send completed',
      );
      return toSendResult(done, false);
    } finally {
      this.inFlight.delete(record.id);
      this.progress.delete(idempotencyKey);
    }
  }

  /** Runs one upstream call inside a rate slot, held until the call has finished. */
  private async paced<T>(call: () => Promise<T>): Promise<T> {
    const release = await this.deps.limiter.acquire();
    try {
      return await call();
    } finally {
      release();
    }
  }

  /** The analytics row written with a completed send, when a webhook is configured. */
  private outboxFor(): OutboxFor | undefined {
    return this.deps.analytics ? (rec) => ({ topic: ANALYTICS_TOPIC, payload: analyticsEvent(rec) }) : undefined;
  }

  private async peek(key: string, hash: string): Promise<SendResult | null> {
    const existing = await this.deps.store.findByKey(key);
    if (!existing) return null;
    if (existing.hash !== hash) return this.answerExisting('mismatch', existing.record);
    return this.answerExisting(existing.record.status === 'pending' ? 'in-flight' : 'replay', existing.record);
  }

  private answerExisting(kind: 'replay' | 'in-flight' | 'mismatch', record: SendRecord): SendResult {
    if (kind === 'mismatch') {
      throw new DomainError(
        'unprocessable',
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request body; use a new key for a new send',
        { extra: { sendId: record.id } },
      );
    }
    if (kind === 'in-flight') {
      throw new DomainError('conflict', 'send_in_progress', 'A send with this Idempotency-Key is still in progress', {
        extra: { sendId: record.id },
      });
    }
    return toSendResult(record, true);
  }

  private async deliver(
    record: SendRecord,
    outgoing: OutgoingMessageRequest | null,
    agentBody: AdditionalMessage | null,
    progress: SendProgress = { state: 'queued', attempts: 0, nextAttemptAt: null, lastStatus: null },
  ): Promise<SendRecord> {
    const call = {
      requestId: record.requestId,
      onRetry: (e: { attempt: number; waitMs: number; status?: number }) => {
        progress.state = 'waiting';
        progress.attempts = e.attempt;
        progress.lastStatus = e.status ?? null;
        progress.nextAttemptAt = new Date(Date.now() + e.waitMs).toISOString();
        // The wait is over when the next attempt starts; nothing reports that, so a timer does.
        setTimeout(() => {
          if (progress.state === 'waiting') {
            progress.state = 'sending';
            progress.nextAttemptAt = null;
          }
        }, e.waitMs).unref?.();
      },
    };
    const { store, logger } = this.deps;
    let status: 'sent' | 'failed' | 'unknown' = 'failed';
    let attempts = 0;
    let genesysMessageId: string | null = null;
    let error: SendError | null = null;
    let latencyMs: number | null = null;
    const started = performance.now();
    // Latency is upstream time (retries included), not time spent queued for a rate slot.
    let t0 = started;
    try {
      const client = this.deps.genesys;
      if (outgoing) {
        const r = await this.paced(() => {
          t0 = performance.now();
          progress.state = 'sending';
          return client.postOutgoingMessage(outgoing, call);
        });
        latencyMs = performance.now() - t0;
        attempts = r.attempts;
        genesysMessageId = r.messageId;
      } else if (agentBody && record.target.kind === 'conversation') {
        const target = record.target;
        let communicationId = target.communicationId;
        if (!communicationId) {
          communicationId = await this.paced(() => {
            t0 = performance.now();
            progress.state = 'sending';
            return client.findAgentCommunicationId(target.conversationId, call);
          });
          if (!communicationId) {
            throw new DomainError(
              'not_found',
              'no_agent_communication',
              `Conversation ${record.target.conversationId} has no agent participant with a connected communication; pass communicationId explicitly`,
            );
          }
        }
        const commId = communicationId;
        const r = await this.paced(() => {
          // Latency covers the lookup too when one was needed.
          if (target.communicationId) t0 = performance.now();
          progress.state = 'sending';
          return client.sendAgentMessage(target.conversationId, commId, agentBody, call);
        });
        latencyMs = performance.now() - t0;
        attempts = r.attempts;
        genesysMessageId = r.message.id ?? null;
      }
      status = 'sent';
    } catch (err) {
      error = sendErrorFrom(err);
      if (err instanceof GenesysApiError) {
        attempts = err.attempts;
        status = err.kind === 'unknown-outcome' ? 'unknown' : 'failed';
      } else if (!(err instanceof DomainError)) {
        logger.error({ err, sendId: record.id }, 'send failed inside the server');
      }
      latencyMs = performance.now() - t0;
    }
    const done = await store.complete(record.id, { status, attempts, latencyMs, genesysMessageId, error }, this.outboxFor());
    this.deps.analytics?.kick();
    if (outgoing) {
      try {
        await this.deps.sessions.recordOutbound(outgoing.botSessionId, {
          replyMessages: outgoing.replyMessages ?? [],
          botState: outgoing.botState,
          // The timeline speaks of delivery; the audit log of the call's outcome.
          status: status === 'sent' ? 'delivered' : status,
          requestId: done.requestId,
          ...(genesysMessageId ? { messageId: genesysMessageId } : {}),
          ...(error ? { error: error.hint ? `${error.message} — ${error.hint}` : error.message } : {}),
        });
      } catch (err) {
        logger.warn({ err, sendId: done.id }, 'could not add the push to the session timeline');
      }
    }
    return done;
  }
}
