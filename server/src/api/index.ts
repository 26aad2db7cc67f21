import { Router } from 'express';
import type { ConnectionResponse } from '@grmd/shared';
import type { SessionStore } from '../botconnector/index.ts';
import type { BotReplyAudit } from '../send/botReplies.ts';
import type { Pipeline } from '../send/pipeline.ts';
import type { SendService } from '../send/service.ts';
import type { TestConversationService } from '../send/testConversations.ts';
import type { Logger } from '../logger.ts';
import type { ActivityRepo, DesignRepo, SendRepo } from '../store/ports.ts';
import { activityRouter } from './activity.ts';
import { designsRouter } from './designs.ts';
import { sandboxRouter, type SandboxControls } from './sandbox.ts';
import { sendsRouter } from './sends.ts';
import { sessionsRouter } from './sessions.ts';
import { testConversationsRouter } from './testConversations.ts';
import { validateRouter, type Timing } from './validate.ts';

export type { SandboxControls } from './sandbox.ts';
export type { Timing } from './validate.ts';

/** Everything the /api routes use; the composition root (compose.ts) builds each one. */
export type ApiServices = {
  pipeline: Pipeline;
  designs: DesignRepo;
  sends: SendRepo;
  activity: ActivityRepo;
  sendService: SendService;
  connection: () => Promise<ConnectionResponse>;
  sessions: SessionStore;
  /** Audit records of armed replies (refused armings here; deliveries at /botconnector). */
  botReplies: BotReplyAudit;
  testConversations: TestConversationService;
  /** The embedded sandbox in sandbox mode; null in live mode, where its routes do not exist. */
  sandbox: SandboxControls | null;
  onTiming: Timing;
  logger?: Logger;
};

/** Every /api route behind authentication (health and login are the edge's, http/app.ts). */
export function createApiRouter(s: ApiServices): Router {
  const router = Router();
  router.get('/connection', async (_req, res) => {
    res.json(await s.connection());
  });
  router.use(validateRouter(s.pipeline, s.onTiming));
  router.use(sendsRouter({ store: s.sends, service: s.sendService }));
  router.use(designsRouter(s.designs, s.activity));
  router.use(activityRouter(s.activity));
  router.use(sessionsRouter(s.sessions, s.pipeline, s.botReplies));
  router.use(testConversationsRouter(s.testConversations, { logger: s.logger }));
  if (s.sandbox) router.use(sandboxRouter(s.sandbox, s.activity));
  return router;
}
