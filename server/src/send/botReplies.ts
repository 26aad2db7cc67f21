/**
 * The audit records of armed replies. A reply armed with PUT /api/sessions/:id/armed leaves in
 * `replyMessages` of the bot's answer to the customer's next message, on whichever instance
 * Genesys calls, so its record is written there: a send whose target is
 * `{kind: 'botReply', botSessionId, inReplyTo}` (record only: no client can ask for it), with
 * the actor who armed it (kept with the armed reply, store/ports.ts ArmedBy). Like a push, it
 * is pending before the answer is written and completed after: sent once the answer has been
 * written, unknown when the connection closed first. An arming the verdict refused is a failed
 * record with no attempt, as a refused send is.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BotConnectorV2Reply, ReplyMessage, SendError } from '@grmd/shared';
import type { ReplyAudit } from '../botconnector/index.ts';
import type { Logger } from '../logger.ts';
import type { ArmedBy, OutboxFor, SendRepo } from '../store/ports.ts';
import { designOf, refusalOf, stableStringify } from './service.ts';

export type BotReplyAuditDeps = {
  store: SendRepo;
  /** The analytics row of a completed record (null: no webhook) and the wake-up of its worker. */
  outboxFor: OutboxFor | undefined;
  kick: () => void;
  logger: Logger;
};

const NOT_WRITTEN: SendError = {
  kind: 'unknown-outcome',
  message: 'The connection closed before the bot’s answer was written; Genesys may not have received the reply.',
  hint: 'Check the conversation; the reply is not armed any more.',
};

export class BotReplyAudit implements ReplyAudit {
  constructor(private readonly deps: BotReplyAuditDeps) {}

  async leaving(r: { botSessionId: string; inReplyTo: string; replyMessages: ReplyMessage[]; armedBy: ArmedBy | null }) {
    const { store } = this.deps;
    const message: BotConnectorV2Reply = { botState: 'MoreData', replyMessages: r.replyMessages };
    const begun = await store.begin({
      // The armed reply is taken once (the store's transaction), so the record needs no key of the client's.
      idempotencyKey: `botReply:${randomUUID()}`,
      requestHash: createHash('sha256').update(stableStringify(message)).digest('hex'),
      target: { kind: 'botReply', botSessionId: r.botSessionId, inReplyTo: r.inReplyTo },
      channel: r.armedBy?.channel ?? null,
      designId: r.armedBy?.designId ?? null,
      designName: r.armedBy?.designName ?? null,
      message,
      text: null,
      actor: r.armedBy?.actor ?? null,
    });
    const id = begun.record.id;
    return async (outcome: { written: boolean; latencyMs: number }) => {
      await store.complete(
        id,
        outcome.written
          ? { status: 'sent', attempts: 1, latencyMs: outcome.latencyMs }
          : { status: 'unknown', attempts: 1, latencyMs: outcome.latencyMs, error: NOT_WRITTEN },
        this.deps.outboxFor,
      );
      this.deps.kick();
    };
  }

  /** Records an arming the verdict refused (nothing was armed); other errors are not sends and are ignored. */
  async refused(botSessionId: string, body: { design?: unknown; channel?: string }, err: unknown, actor: string | null): Promise<void> {
    const refusal = refusalOf(err);
    if (!refusal) return;
    await this.deps.store.refused(
      { target: { kind: 'botReply', botSessionId }, ...designOf(body), channel: body.channel ?? null, message: null, text: null, actor },
      refusal,
      this.deps.outboxFor,
    );
    this.deps.kick();
  }
}
