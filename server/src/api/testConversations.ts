import { Router } from 'express';
import { createTestConversationRequestSchema, endTestConversationRequestSchema, testConversationMessageRequestSchema } from '@grmd/shared';
import { found, parse } from '../http/parse.ts';
import { testConversationNotFound, type TestConversationService } from '../send/testConversations.ts';

/** Guest conversations the designer opens against Messenger (or the sandbox) to see what a customer sees. */
export function testConversationsRouter(conversations: TestConversationService): Router {
  const r = Router();
  r.get('/test-conversations', async (_req, res) => {
    res.json({ items: await conversations.list() });
  });
  r.post('/test-conversations', async (req, res) => {
    const body = parse(createTestConversationRequestSchema, req.body ?? {}, 'request body');
    const conv = await conversations.create(body);
    res.status(201).json((await conversations.get(conv.id)) ?? conv);
  });
  r.get('/test-conversations/:id', async (req, res) => {
    const id = String(req.params.id);
    res.json(found(await conversations.get(id), () => testConversationNotFound(id)));
  });
  r.post('/test-conversations/:id/messages', async (req, res) => {
    const body = parse(testConversationMessageRequestSchema, req.body, 'request body');
    res.json(await conversations.say(String(req.params.id), body));
  });
  // Also sent by the page as it goes away (fetch keepalive on pagehide), so a reload leaves no guest behind.
  r.post('/test-conversations/:id/end', async (req, res) => {
    const body = parse(endTestConversationRequestSchema, req.body ?? {}, 'request body');
    res.json(await conversations.end(String(req.params.id), body.reason));
  });
  return r;
}
