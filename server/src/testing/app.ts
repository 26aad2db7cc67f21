/**
 * The HTTP edge (http/app.ts) for tests of the edge itself, around real routes on a temp
 * SQLite file: /api/validate (the real pipeline) and the design library.
 */
import express, { Router } from 'express';
import { DEFAULT_SESSION_LIMITS } from '../config.ts';
import { designsRouter } from '../api/designs.ts';
import { validateRouter } from '../api/validate.ts';
import { createApp, type AppDeps } from '../http/app.ts';
import { createLogger } from '../logger.ts';
import { createPurifier } from '../sanitize/purifier.ts';
import { createPipeline, type Pipeline } from '../send/pipeline.ts';
import { openSqliteStores } from '../store/sqlite/index.ts';
import { tempDir } from './tmp.ts';

let pipeline: Pipeline | undefined;

export function edgeApp(deps: Partial<AppDeps> = {}): { app: express.Express; cleanup: () => void } {
  const t = tempDir();
  const stores = openSqliteStores(t.dir);
  const api = Router();
  api.use(validateRouter((pipeline ??= createPipeline(createPurifier())), () => {}));
  api.use(designsRouter(stores.designs, stores.activity));
  const app = createApp({
    mode: 'sandbox',
    version: '9.9.9',
    logger: createLogger({ level: 'silent' }),
    clientDist: null,
    accessToken: null,
    publicOrigin: null,
    rateLimit: false,
    allowedHosts: [],
    ready: async () => ({ database: true }),
    sessionLimits: DEFAULT_SESSION_LIMITS,
    signins: stores.signins,
    botConnector: Router(),
    api,
    ...deps,
  });
  return {
    app,
    cleanup: () => {
      stores.db.close();
      t.cleanup();
    },
  };
}
