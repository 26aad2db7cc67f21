import { Router } from 'express';
import type { Logger } from '../logger.ts';

export type ApiServices = {
  mode: 'sandbox' | 'live';
  version: string;
  logger: Logger;
};

/** Mounts every /api router; a service that is not wired answers 501 saying so. */
export function createApiRouter(services: ApiServices): Router {
  const router = Router();
  void services;
  return router;
}
