import type { ServerMode } from '@grmd/shared';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { DEFAULT_LOGIN_FAILURES_PER_MINUTE, type RequestRateLimits, type SessionLimits } from '../config.ts';
import type { Logger } from '../logger.ts';
import { AccessGuard, authRouter, requireSession } from './auth.ts';
import { jsonBody } from './body.ts';
import { errorHandler, HttpError, notFoundApi } from './errors.ts';
import type { GenesysSignin } from './genesysSignin.ts';
import { ownHostOnly } from './host.ts';
import { probesRouter, type Readiness } from './probes.ts';
import { sameOriginOnly } from './origin.ts';
import { FailureThrottle, SessionRegistry } from './sessions.ts';
import type { SigninSessionRepo } from '../store/ports.ts';

export type AppDeps = {
  mode: ServerMode;
  version: string;
  logger: Logger;
  /** Built client (client/dist); a placeholder page is served when it is missing or null. */
  clientDist: string | null;
  /** APP_ACCESS_TOKEN: when set, /api needs the session cookie from POST /api/auth/login. */
  accessToken: string | null;
  /** APP_PUBLIC_URL's origin: the app is served through a reverse proxy at this address. */
  publicOrigin: string | null;
  /** ALLOWED_HOSTS: names answered besides loopback and the public origin's host. */
  allowedHosts: readonly string[];
  /** Idle and absolute limits of a signed-in session. */
  sessionLimits: SessionLimits;
  /** Where sign-in sessions live (the store, so every instance knows them). */
  signins: SigninSessionRepo;
  /** /readyz: each named dependency check (database writable, a Genesys token in live mode). */
  ready: Readiness;
  /** Sign in with Genesys Cloud (GENESYS_SIGNIN_CLIENT_ID), with the login and API hosts to use. */
  genesysSignin?: GenesysSignin | null;
  /** Learns secrets met while serving (people's OAuth codes and tokens) for the log scrubber. */
  onSecret?: (s: string) => void;
  /** Requests per minute per client address; false turns limiting off (tests and bench). */
  rateLimit: RequestRateLimits | false;
  /** The Bot Connector webhook (botconnector/router.ts), mounted at /botconnector. */
  botConnector: Router;
  /** Every /api route past authentication (api/index.ts). */
  api: Router;
};

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React style attributes and CodeMirror's injected theme need inline styles; scripts stay strict.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // Card images are the user's own remote URLs, shown in the preview and the guest view over
  // https only (components/message/basics.tsx); data: is for the JSON view's lint marks.
  imgSrc: ["'self'", 'data:', 'https:'],
  mediaSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  workerSrc: ["'self'", 'blob:'],
  upgradeInsecureRequests: null,
};

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rich Message Designer</title></head>
<body><main><h1>Rich Message Designer</h1>
<p>The client has not been built. Run <code>npm run build</code> (or <code>npm start</code>) in the repository root.</p>
<p>The API is up: <a href="/api/health">/api/health</a>.</p></main></body></html>`;

/**
 * The HTTP edge: headers, rate limits, the cross-site guard, the JSON body parser,
 * authentication, then the API routes, the built client, and the one error middleware.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Only a proxy on this machine may speak for the client's address (rate limits per client).
  app.set('trust proxy', deps.publicOrigin ? 'loopback' : false);
  app.set('etag', false);
  app.use(probesRouter(deps.ready));
  app.use(ownHostOnly({ publicHost: deps.publicOrigin ? new URL(deps.publicOrigin).host : null, allowedHosts: deps.allowedHosts }));

  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      // Served over plain http on localhost; HSTS belongs to the TLS proxy in front, if any.
      strictTransportSecurity: false,
    }),
  );

  const limiter = (limit: number) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(new HttpError(429, 'rate_limited', `More than ${limit} requests per minute; slow down`)),
    });

  if (deps.rateLimit) app.use('/botconnector', limiter(deps.rateLimit.botConnectorPerMinute));
  app.use('/botconnector', deps.botConnector);

  const guard =
    deps.accessToken || deps.genesysSignin
      ? new AccessGuard(
          deps.accessToken ?? null,
          new SessionRegistry(deps.signins, deps.sessionLimits),
          new FailureThrottle(DEFAULT_LOGIN_FAILURES_PER_MINUTE),
          deps.genesysSignin ?? null,
        )
      : null;
  const api = express.Router();
  if (deps.rateLimit) api.use(limiter(deps.rateLimit.apiPerMinute));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(sameOriginOnly(deps.publicOrigin ?? undefined));
  api.use(jsonBody());
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok', mode: deps.mode, version: deps.version });
  });
  api.use(authRouter(guard, { secureCookie: deps.publicOrigin?.startsWith('https:') ?? false,
      logger: deps.logger,
      publicOrigin: deps.publicOrigin,
      onSecret: deps.onSecret ?? (() => {}),
    }));
  api.use(requireSession(guard));
  api.use(deps.api);
  api.use(notFoundApi);
  app.use('/api', api);

  const dist = deps.clientDist && existsSync(path.join(deps.clientDist, 'index.html')) ? deps.clientDist : null;
  if (dist) {
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
  }
  // SPA fallback: any other GET that wants HTML gets the app shell (or the placeholder).
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/api/') || req.path.startsWith('/botconnector')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (dist) res.sendFile(path.join(dist, 'index.html'));
    else res.type('html').send(PLACEHOLDER_PAGE);
  });
  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'Not found')));
  app.use(errorHandler(deps.logger));
  return app;
}

function noCacheHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
