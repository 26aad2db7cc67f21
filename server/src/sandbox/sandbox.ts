/**
 * The sandbox: a simulator of the Genesys Cloud endpoints this project talks to, following
 * the field names, status codes and error bodies of ../shared/reference/genesys-messaging.md.
 * It is our stand-in for a real org, so it refuses what Genesys refuses (bad credentials,
 * expired tokens, invalid bodies, closed sessions, rate limits) rather than saying yes.
 *
 * One module per contract, over one shared state (state.ts):
 *   POST /oauth/token                                                       oauth.ts
 *   GET|POST /oauth/authorize, the code grant, GET /api/v2/users/me         signin.ts
 *   POST /api/v2/integrations/botconnectors/outgoing/messages               outgoing.ts
 *   POST /api/v2/conversations/messages/{c}/communications/{m}/messages     agentSend.ts
 *   GET  /api/v2/conversations/{id}                                         conversations.ts
 *   WS   /v1?deploymentId=…  (the Web Messaging guest)                       guest.ts
 *   an Architect inbound message flow calling a Bot Connector bot           flow.ts
 *   /__sandbox/* test controls                                              controls.ts
 * platform.ts holds what the Platform API routes share; wire.ts the sandbox's own reply checks.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { agentSendRoutes } from './agentSend.ts';
import { controlsRouter, createControls } from './controls.ts';
import { conversationRoutes } from './conversations.ts';
import { Flow } from './flow.ts';
import { GuestHub } from './guest.ts';
import { oauthRoutes } from './oauth.ts';
import { signinRoutes } from './signin.ts';
import { outgoingRoutes } from './outgoing.ts';
import { createPlatform } from './platform.ts';
import { createState, recordDelivery, takeFault, type SandboxOptions } from './state.ts';

export type Sandbox = ReturnType<typeof createSandbox>;

export function createSandbox(opts: SandboxOptions = {}) {
  const state = createState(opts);
  const guests: GuestHub = new GuestHub({
    clock: state.clock,
    settings: state.settings,
    deployments: state.deployments,
    takeFault: () => takeFault(state, 'guest'),
    onInbound: (session, message) => flow.onGuestMessage(session, message),
    logger: state.log,
  });
  const flow: Flow = new Flow({
    clock: state.clock,
    settings: state.settings,
    deployments: state.deployments,
    conversations: state.conversations,
    botSessionIndex: state.botSessionIndex,
    guests,
    recordDelivery: (d) => recordDelivery(state, d),
    logger: state.log,
  });
  const controls = createControls(state, flow, guests);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const platform = createPlatform(state);
  app.use(platform.correlate);
  signinRoutes(app, state.clock);
  oauthRoutes(app, state, platform);
  outgoingRoutes(app, platform, flow);
  agentSendRoutes(app, state, platform, flow);
  conversationRoutes(app, state, platform);
  if (opts.controls !== false) app.use('/__sandbox', controlsRouter(controls, state));
  app.use((req: Request, res: Response) => {
    platform.platformError(req, res, 'other', 404, 'not.found', `No sandbox route for ${req.method} ${req.path}`);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    state.log?.warn?.({ err: err instanceof Error ? err.message : String(err) }, 'sandbox error');
    if (res.headersSent) return;
    platform.platformError(req, res, 'other', 500, 'internal.server.error', 'The sandbox failed to process the request.');
  });

  let server: http.Server | undefined;
  const sockets = new Set<Socket>();

  return {
    app,
    settings: state.settings,
    /** The generated client (when no `clients` option was given). */
    defaultClient: state.defaultClient,
    ...controls,
    async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; wsUrl: string; port: number }> {
      const s = http.createServer(app);
      server = s;
      s.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      s.on('upgrade', (req, socket, head) => guests.handleUpgrade(req, socket as Socket, head));
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => resolve());
      });
      const addr = s.address() as AddressInfo;
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return { url: `http://${h}:${addr.port}`, wsUrl: `ws://${h}:${addr.port}/v1`, port: addr.port };
    },
    async close(): Promise<void> {
      flow.close();
      guests.close();
      const s = server;
      if (!s) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => s.close(() => r()));
      server = undefined;
    },
  };
}
