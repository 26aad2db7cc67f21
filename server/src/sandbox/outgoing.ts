/**
 * POST /api/v2/integrations/botconnectors/outgoing/messages, the bot's push into an open bot
 * session (genesys-messaging.md, "Outgoing messages API"): the request schema and the reply
 * rules the sandbox checks on its own (wire.ts), then the flow delivers it or answers 409.
 */
import type { Express } from 'express';
import { outgoingMessageRequestSchema } from '@grmd/shared';
import { locatedIssues } from '../lib/zodIssues.ts';
import type { Flow } from './flow.ts';
import type { Platform } from './platform.ts';
import { replyMessageIssues } from './wire.ts';

export function outgoingRoutes(app: Express, platform: Platform, flow: Flow): void {
  const { guard, json, send, invalid, platformError } = platform;
  app.post('/api/v2/integrations/botconnectors/outgoing/messages', guard('outgoing', ['integration:botconnector:send']), json('outgoing'), (req, res) => {
    const parsed = outgoingMessageRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(req, res, 'outgoing', locatedIssues(parsed.error));
    const body = parsed.data;
    const extra = replyMessageIssues(body.replyMessages ?? []);
    if (extra.length) return invalid(req, res, 'outgoing', extra);
    const outcome = flow.pushOutgoing(body);
    if (!outcome.ok) return platformError(req, res, 'outgoing', 409, outcome.code, outcome.message);
    send(req, res, 'outgoing', 200, { messageId: outcome.messageId });
  });
}
