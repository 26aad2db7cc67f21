import { Router, type Request, type Response } from 'express';
import {
  createTestConversationRequestSchema,
  endTestConversationRequestSchema,
  testConversationMessageRequestSchema,
  testConversationSchema,
  type TestConversation,
  type TestConversationEndReason,
} from '@grmd/shared';
import { DomainError } from '../errors.ts';
import { forwardToOwner, isForwarded, type Forwarded } from '../http/forward.ts';
import { found, parse } from '../http/parse.ts';
import type { Logger } from '../logger.ts';
import { testConversationNotFound, type TestConversationService } from '../send/testConversations.ts';
import type { TestConversationRecord } from '../store/ports.ts';

export type TestConversationRouteOptions = {
  logger?: Logger;
  /** How long the instance holding a conversation has to answer a forwarded request. */
  forwardTimeoutMs?: number;
};

const UNREACHABLE = 'The instance holding this test conversation is unreachable (it may have stopped)';

/**
 * Guest conversations the designer opens against Messenger (or the sandbox) to see what a
 * customer sees. The guest socket stays in the instance that opened it; a request about a
 * conversation another instance holds is forwarded there (http/forward.ts).
 */
export function testConversationsRouter(conversations: TestConversationService, opts: TestConversationRouteOptions = {}): Router {
  const r = Router();

  /**
   * Relays the owner's answer; false when this instance must answer (held here, or forwarded
   * to us). `onGone` runs when the owner cannot be reached or no longer has the conversation.
   */
  async function viaOwner(req: Request, res: Response, id: string, onGone?: (rec: TestConversationRecord) => Promise<void>): Promise<boolean> {
    if (isForwarded(req) || conversations.holds(id)) return false;
    const rec = await conversations.heldElsewhere(id);
    if (!rec) return false;
    let answer: Forwarded;
    try {
      answer = await forwardToOwner(req, rec.owner, { timeoutMs: opts.forwardTimeoutMs });
    } catch (err) {
      opts.logger?.warn({ testConversation: id, owner: rec.owner, err: String(err) }, 'the instance holding a test conversation did not answer');
      await onGone?.(rec);
      throw new DomainError('upstream', 'test_conversation_owner_unreachable', onGone ? `${UNREACHABLE}; it is marked ended` : UNREACHABLE, {
        extra: { testConversationId: id },
      });
    }
    // It restarted since, without ending it (a clean stop records the end).
    if (answer.status === 404) await onGone?.(rec);
    res.status(answer.status);
    if (answer.contentType) res.setHeader('Content-Type', answer.contentType);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.send(answer.body);
    return true;
  }

  /** Another instance's conversation as that instance answers for it, or from the shared record when it cannot. */
  async function remoteView(req: Request, rec: TestConversationRecord): Promise<TestConversation> {
    // The page polls the list every second: an ended one's record says all the list shows, so
    // only open ones cost a request to their instance.
    if (rec.ended) return conversations.recordView(rec);
    try {
      const a = await forwardToOwner(req, rec.owner, {
        timeoutMs: opts.forwardTimeoutMs,
        as: { method: 'GET', path: `/api/test-conversations/${encodeURIComponent(rec.id)}` },
      });
      if (a.status === 200) {
        const v = testConversationSchema.safeParse(JSON.parse(a.body.toString('utf8')));
        if (v.success) return v.data;
      }
      if (a.status === 404 && !rec.ended) {
        // Its owner answers but no longer has it: it restarted without ending it.
        await conversations.markEndedElsewhere(rec.id, 'shutdown');
        const now = await conversations.heldElsewhere(rec.id);
        return conversations.recordView(now ?? rec);
      }
      return conversations.recordView(rec, `The instance holding this test conversation answered ${a.status}`);
    } catch {
      return conversations.recordView(rec, UNREACHABLE);
    }
  }

  /** Ends a conversation another instance holds; an unreachable one's record is marked ended. Never throws. */
  async function endElsewhere(req: Request, id: string, reason: TestConversationEndReason): Promise<void> {
    try {
      const rec = await conversations.heldElsewhere(id);
      if (!rec || rec.ended) return;
      const a = await forwardToOwner(req, rec.owner, {
        timeoutMs: opts.forwardTimeoutMs,
        as: { method: 'POST', path: `/api/test-conversations/${encodeURIComponent(id)}/end`, body: { reason } },
      }).catch(() => null);
      if (!a || a.status === 404) await conversations.markEndedElsewhere(id, reason);
    } catch (err) {
      opts.logger?.warn({ testConversation: id, err: String(err) }, 'could not end the replaced test conversation on the instance holding it');
    }
  }

  r.get('/test-conversations', async (req, res) => {
    const local = await conversations.list();
    // A list asked by another instance is this instance's part only.
    const others = isForwarded(req) ? [] : await conversations.heldElsewhereRecent();
    const remote = await Promise.all(others.map((rec) => remoteView(req, rec)));
    const items = [...local, ...remote].sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
    res.json({ items });
  });
  r.post('/test-conversations', async (req, res) => {
    const body = parse(createTestConversationRequestSchema, req.body ?? {}, 'request body');
    // The tab's previous conversation may be held by another instance: it ends there (best effort).
    if (body.replaces && !isForwarded(req)) await endElsewhere(req, body.replaces, 'replaced');
    const conv = await conversations.create(body);
    res.status(201).json((await conversations.get(conv.id)) ?? conv);
  });
  r.get('/test-conversations/:id', async (req, res) => {
    const id = String(req.params.id);
    if (await viaOwner(req, res, id)) return;
    res.json(found(await conversations.get(id), () => testConversationNotFound(id)));
  });
  r.post('/test-conversations/:id/messages', async (req, res) => {
    const id = String(req.params.id);
    const body = parse(testConversationMessageRequestSchema, req.body, 'request body');
    if (await viaOwner(req, res, id)) return;
    res.json(await conversations.say(id, body));
  });
  // Also sent by the page as it goes away (fetch keepalive on pagehide), so a reload leaves no guest behind.
  r.post('/test-conversations/:id/end', async (req, res) => {
    const id = String(req.params.id);
    const body = parse(endTestConversationRequestSchema, req.body ?? {}, 'request body');
    // An unreachable owner took the guest socket with it: the record must not stay open.
    const endRecord = (rec: TestConversationRecord) => conversations.markEndedElsewhere(rec.id, body.reason satisfies TestConversationEndReason);
    if (await viaOwner(req, res, id, endRecord)) return;
    res.json(await conversations.end(id, body.reason));
  });
  return r;
}
