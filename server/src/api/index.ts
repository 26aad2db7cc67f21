import { Router } from 'express';
import { sandboxFaultRequestSchema, type ConnectionResponse, type SandboxFaultRequest } from '@grmd/shared';
import type { Logger } from '../logger.ts';
import type { SendService } from '../send/service.ts';
import type { Pipeline } from '../send/types.ts';
import type { DesignStore } from '../store/designs.ts';
import type { SendStore } from '../store/sends.ts';
import { designsRouter } from './designs.ts';
import { sessionsRouter, testConversationsRouter, type SessionsApiPort, type TestConversationsPort } from './live.ts';
import { sendsRouter } from './sends.ts';
import { h, notWired, parse } from './util.ts';
import { validateRouter } from './validate.ts';

export type ApiServices = {
  mode: 'sandbox' | 'live';
  version: string;
  logger: Logger;
  pipeline?: Pipeline;
  designs?: DesignStore;
  sends?: SendStore;
  sendService?: SendService;
  connection?: () => Promise<ConnectionResponse>;
  sessions?: SessionsApiPort;
  testConversations?: TestConversationsPort;
  /** Sandbox mode only: the embedded sandbox's fault controls (never mounted in live mode). */
  sandboxControls?: {
    addFault(rule: SandboxFaultRequest): void;
    clearFaults(): void;
    faults(): unknown[];
  } | null;
  /** Server-side processing time of a request (parse → response written), for the bench. */
  onTiming?: (name: string, ms: number) => void;
};

/** Mounts every /api router; a service that is not wired answers 501 saying so. */
export function createApiRouter(s: ApiServices): Router {
  const router = Router();
  router.get(
    '/connection',
    h(async (_req, res) => {
      if (!s.connection) notWired('Connection status');
      res.json(await s.connection());
    }),
  );
  router.use(validateRouter(s.pipeline, s.onTiming));
  router.use(sendsRouter({ store: s.sends, service: s.sendService }));
  router.use(designsRouter(s.designs));
  router.use(sessionsRouter(s.sessions, s.pipeline));
  router.use(testConversationsRouter(s.testConversations));
  const controls = s.mode === 'sandbox' ? s.sandboxControls : null;
  if (controls) {
    router.get('/sandbox/faults', (_req, res) => {
      res.json({ faults: controls.faults() });
    });
    router.post(
      '/sandbox/faults',
      h((req, res) => {
        const rule = parse(sandboxFaultRequestSchema, req.body, 'request body');
        controls.addFault(rule);
        res.status(201).json({ faults: controls.faults() });
      }),
    );
    router.delete('/sandbox/faults', (_req, res) => {
      controls.clearFaults();
      res.json({ faults: [] });
    });
  }
  return router;
}
