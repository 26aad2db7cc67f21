/**
 * Our Genesys Digital Bot Connector bot (v2): mounted at `/botconnector`, this is the
 * integration's Bot Connector URI. Genesys calls GET /bots, GET /bots/{botId} and
 * POST /messages with the connection secret in a configured header, which is checked in
 * constant time on every route. Each message registers the test session and is answered at
 * once with MoreData so the session stays open for pushes. The contract is the "Digital Bot
 * Connector (v2)" part of ../shared/reference/genesys-messaging.md (and dbc-v2-spec/ there).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { botConnectorRequestSchema, type Bot, type BotConnectorV2Reply, type ReplyMessage } from '@grmd/shared';
import { constantTimeEqual } from '../lib/secrets.ts';
import { locatedIssues } from '../lib/zodIssues.ts';
import type { ArmedBy, SessionStore } from './sessionStore.ts';

/**
 * The audit log's side of an armed reply leaving in the answer (send/botReplies.ts): called
 * before the answer is written; what it returns is called once the response is over.
 */
export type ReplyAudit = {
  leaving(r: {
    botSessionId: string;
    inReplyTo: string;
    replyMessages: ReplyMessage[];
    armedBy: ArmedBy | null;
  }): Promise<(outcome: { written: boolean; latencyMs: number }) => Promise<void>>;
};

export type BotIdentity = {
  botId: string;
  botName: string;
  botVersion: string;
  secretHeader: string;
  secret: string;
  /** Lowercase language codes, as the bot list gives them. Default ['en-us']. */
  supportedLanguages?: string[];
  provider?: string;
  description?: string;
};

export type BotConnectorRouterDeps = {
  store: SessionStore;
  /** Usually `config.botConnector`. */
  bot: BotIdentity;
  logger?: { info?: (o: object, msg?: string) => void; warn?: (o: object, msg?: string) => void };
  /** Writes the audit record of each armed reply that leaves (none in tests that do not look). */
  replies?: ReplyAudit;
};

/** Our bot as the bot list (GET /bots) describes it. */
export function describeBot(bot: BotIdentity): Bot {
  return {
    id: bot.botId,
    name: bot.botName,
    provider: bot.provider ?? 'Rich Message Designer',
    description: bot.description ?? 'Delivers designed rich messages into test conversations.',
    versions: [
      {
        version: bot.botVersion,
        supportedLanguages: bot.supportedLanguages ?? ['en-us'],
        intents: [{ name: 'TestDelivered', entities: [{ name: 'LastPayload', type: 'String' }] }],
      },
    ],
  };
}

function problem(res: Response, status: number, error: string, message: string, extra: { issues?: { path: string; message: string }[]; field?: string } = {}) {
  res.status(status).json({ error, message, ...extra });
}

export function createBotConnectorRouter(deps: BotConnectorRouterDeps): Router {
  const { store, bot, logger, replies } = deps;
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!constantTimeEqual(req.get(bot.secretHeader), bot.secret)) {
      logger?.warn?.({ path: req.path, header: bot.secretHeader, present: req.get(bot.secretHeader) !== undefined }, 'bot connector call refused: connection secret');
      return problem(res, 403, 'forbidden', `Missing or wrong connection secret in the ${bot.secretHeader} header`);
    }
    next();
  });

  router.get('/bots', (_req, res) => {
    res.json({ entities: [describeBot(bot)] });
  });

  router.get('/bots/:botId', (req, res) => {
    if (req.params.botId !== bot.botId) return problem(res, 404, 'not_found', `No bot with id ${req.params.botId}`);
    res.json(describeBot(bot));
  });

  router.post('/messages', express.json({ limit: '256kb' }), async (req: Request, res: Response) => {
    const parsed = botConnectorRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = locatedIssues(parsed.error).map((i) => ({ path: i.path || '(body)', message: i.message }));
      return problem(res, 400, 'bad_request', `Invalid Bot Connector request: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
    }
    const msg = parsed.data;
    // An unknown bot is a 4xx (404), which Genesys does not retry: the flow takes its failure
    // path, and the body says which of the two the integration got wrong.
    if (msg.botId !== bot.botId) return problem(res, 404, 'not_found', `No bot with id ${msg.botId}; this bot is ${bot.botId}`, { field: 'botId' });
    if (msg.botVersion !== bot.botVersion) {
      return problem(res, 404, 'not_found', `Bot ${msg.botId} has no version ${msg.botVersion}; its version is ${bot.botVersion}`, { field: 'botVersion' });
    }
    const started = performance.now();
    const { replyMessages, armedBy, replyEntryId } = await store.recordInbound(msg);
    logger?.info?.({ botSessionId: msg.botSessionId, messageId: msg.messageId, armed: replyMessages.length }, 'bot connector message');
    if (replyEntryId !== null) {
      // The timeline says what the audit record says: written (delivered to Genesys) or not known.
      res.once('close', () => {
        store.settleReply(replyEntryId, res.writableFinished ? 'delivered' : 'unknown').catch((err: unknown) =>
          logger?.warn?.({ err: String(err), botSessionId: msg.botSessionId }, 'could not settle the timeline entry of an armed reply'),
        );
      });
    }
    if (replyMessages.length && replies) {
      // The reply is taken already: a failing audit write must not keep it from the customer.
      try {
        const done = await replies.leaving({ botSessionId: msg.botSessionId, inReplyTo: msg.messageId, replyMessages, armedBy });
        res.once('close', () => {
          done({ written: res.writableFinished, latencyMs: performance.now() - started }).catch((err: unknown) =>
            logger?.warn?.({ err: String(err), botSessionId: msg.botSessionId }, 'could not complete the audit record of an armed reply'),
          );
        });
      } catch (err) {
        logger?.warn?.({ err: String(err), botSessionId: msg.botSessionId }, 'could not write the audit record of an armed reply');
      }
    }
    const reply: BotConnectorV2Reply = { botState: 'MoreData', replyMessages };
    res.json(reply);
  });

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.parse.failed') return problem(res, 400, 'bad_request', 'The body is not valid JSON');
    if (e?.status === 413) return problem(res, 413, 'too_large', 'The body is too large');
    if (e?.type === 'entity.verify.failed' || e?.status === 415) return problem(res, 415, 'unsupported_media_type', 'Send application/json');
    next(err);
  });

  return router;
}
