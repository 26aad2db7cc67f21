import { Router } from 'express';
import {
  createTestConversationRequestSchema,
  testConversationMessageRequestSchema,
  armReplyRequestSchema,
  type ArmReplyResponse,
  type ReplyMessage,
  type TestConversationMessageRequest,
} from '@grmd/shared';
import { botReplyMessages, runForDelivery } from '../send/pipeline.ts';
import type { Pipeline } from '../send/types.ts';
import { HttpError } from '../security/errors.ts';
import { streamSnapshots } from './sse.ts';
import { h, notWired, parse } from './util.ts';

/** Bot Connector sessions as the API shows them (helper D's SessionStore behind an adapter). */
export type SessionsApiPort = {
  list(): unknown[];
  get(botSessionId: string): unknown | undefined;
  /** Calls back on any change of that session (or of any session with id undefined). */
  subscribe(listener: (botSessionId: string) => void): () => void;
  /** Keeps replies for the session's next inbound message; false when the session is unknown. */
  arm?(botSessionId: string, replyMessages: ReplyMessage[]): boolean;
  disarm?(botSessionId: string): boolean;
};

export type TestConversationsPort = {
  create(opts: { text?: string; deploymentId?: string; origin?: string }): Promise<{ id: string }>;
  get(id: string): unknown | undefined;
  list(): unknown[];
  subscribe(id: string, listener: () => void): () => void;
  say(id: string, input: TestConversationMessageRequest): unknown;
};

export function sessionsRouter(sessions: SessionsApiPort | undefined, pipeline?: Pipeline): Router {
  const r = Router();
  const need = () => sessions ?? notWired('Bot Connector sessions');
  const unknown = (id: string) => new HttpError(404, 'session_not_found', `No bot session ${id} has reached this server`);
  // Arming is the synchronous path: the design goes out in replyMessages of the bot's answer
  // to the customer's next message, through the same validate → sanitize → compile pipeline.
  r.put(
    '/sessions/:id/armed',
    h((req, res) => {
      const store = need();
      const id = String(req.params.id);
      const body = parse(armReplyRequestSchema, req.body, 'request body');
      if (!pipeline || !store.arm) notWired('Arming a reply');
      if (!store.get(id)) throw unknown(id);
      const result = runForDelivery(pipeline, body, 'nothing was armed');
      const armed = botReplyMessages(result);
      if (!store.arm(id, armed)) throw unknown(id);
      const out: ArmReplyResponse = { botSessionId: id, armed, issues: result.issues };
      res.json(out);
    }),
  );
  r.delete(
    '/sessions/:id/armed',
    h((req, res) => {
      const store = need();
      const id = String(req.params.id);
      if (!store.disarm) notWired('Arming a reply');
      if (!store.get(id)) throw unknown(id);
      store.disarm(id);
      res.status(204).end();
    }),
  );
  r.get('/sessions', h((_req, res) => res.json({ items: need().list() })));
  r.get(
    '/sessions/:id',
    h((req, res) => {
      const s = need().get(String(req.params.id));
      if (!s) throw new HttpError(404, 'session_not_found', `No bot session ${String(req.params.id)} has reached this server`);
      res.json(s);
    }),
  );
  r.get(
    '/sessions/:id/events',
    h((req, res) => {
      const store = need();
      const id = String(req.params.id);
      if (!store.get(id)) throw new HttpError(404, 'session_not_found', `No bot session ${id} has reached this server`);
      streamSnapshots(req, res, () => store.get(id), (onChange) =>
        store.subscribe((changed) => {
          if (changed === id) onChange();
        }),
      );
    }),
  );
  return r;
}

export function testConversationsRouter(port: TestConversationsPort | undefined): Router {
  const r = Router();
  const need = () => port ?? notWired('Test conversations (guest client)');
  r.get('/test-conversations', h((_req, res) => res.json({ items: need().list() })));
  r.post(
    '/test-conversations',
    h(async (req, res) => {
      const body = parse(createTestConversationRequestSchema, req.body ?? {}, 'request body');
      const conv = await need().create(body);
      res.status(201).json(need().get(conv.id) ?? conv);
    }),
  );
  r.get(
    '/test-conversations/:id',
    h((req, res) => {
      const c = need().get(String(req.params.id));
      if (!c) throw new HttpError(404, 'test_conversation_not_found', `No test conversation ${String(req.params.id)}`);
      res.json(c);
    }),
  );
  r.post(
    '/test-conversations/:id/messages',
    h((req, res) => {
      const body = parse(testConversationMessageRequestSchema, req.body, 'request body');
      res.json(need().say(String(req.params.id), body));
    }),
  );
  r.get(
    '/test-conversations/:id/events',
    h((req, res) => {
      const p = need();
      const id = String(req.params.id);
      if (!p.get(id)) throw new HttpError(404, 'test_conversation_not_found', `No test conversation ${id}`);
      streamSnapshots(req, res, () => p.get(id), (onChange) => p.subscribe(id, onChange));
    }),
  );
  return r;
}
