import { Router } from 'express';
import { armReplyRequestSchema, type ArmReplyResponse } from '@grmd/shared';
import type { SessionStore } from '../botconnector/index.ts';
import { DomainError } from '../errors.ts';
import { actorOf } from '../http/auth.ts';
import { found, parse } from '../http/parse.ts';
import type { BotReplyAudit } from '../send/botReplies.ts';
import { botReplyMessages, runForDelivery, type Pipeline } from '../send/pipeline.ts';

const sessionNotFound = (id: string) => () => new DomainError('not_found', 'session_not_found', `No bot session ${id} has reached this server`);

/** Bot Connector sessions (botconnector/sessionStore.ts) and the replies armed for them. */
export function sessionsRouter(
  sessions: Pick<SessionStore, 'list' | 'get' | 'arm' | 'disarm'>,
  pipeline: Pipeline,
  audit: Pick<BotReplyAudit, 'refused'>,
): Router {
  const r = Router();
  // Arming is the synchronous path: the design goes out in replyMessages of the bot's answer
  // to the customer's next message, through the same validate → sanitize → compile pipeline.
  r.put('/sessions/:id/armed', async (req, res) => {
    const id = String(req.params.id);
    const body = parse(armReplyRequestSchema, req.body, 'request body');
    found(await sessions.get(id), sessionNotFound(id));
    const actor = actorOf(res);
    let result: ReturnType<typeof runForDelivery>;
    let armed: ReturnType<typeof botReplyMessages>;
    try {
      result = runForDelivery(pipeline, body, 'nothing was armed');
      armed = botReplyMessages(result, 'nothing was armed');
    } catch (err) {
      // Refused by the verdict: in the audit log like a refused send.
      await audit.refused(id, body, err, actor);
      throw err;
    }
    // Who armed it stays with the reply: the instance Genesys calls next writes the audit record.
    const by = { actor, designId: result.design.id, designName: result.design.name, channel: body.channel ?? result.design.channel ?? null };
    if (!(await sessions.arm(id, armed, by))) throw sessionNotFound(id)();
    const out: ArmReplyResponse = { botSessionId: id, armed, issues: result.issues };
    res.json(out);
  });
  r.delete('/sessions/:id/armed', async (req, res) => {
    const id = String(req.params.id);
    found(await sessions.get(id), sessionNotFound(id));
    await sessions.disarm(id);
    res.status(204).end();
  });
  r.get('/sessions', async (_req, res) => {
    res.json({ items: await sessions.list() });
  });
  r.get('/sessions/:id', async (req, res) => {
    const id = String(req.params.id);
    res.json(found(await sessions.get(id), sessionNotFound(id)));
  });
  return r;
}
