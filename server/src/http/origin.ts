import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request guard for state-changing routes. Browsers send Sec-Fetch-Site and
 * Origin on cross-site writes; non-browser clients (curl, tests, the bench) send neither
 * and are let through, since they cannot carry a victim's cookie anyway.
 */
export function sameOriginOnly(publicOrigin?: string): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
      return next(new HttpError(403, 'cross_site', `Cross-site ${req.method} refused (Sec-Fetch-Site: ${site})`));
    }
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== '') {
      let host: string | null = null;
      try {
        host = origin === 'null' ? null : new URL(origin).host;
      } catch {
        host = null;
      }
      // Behind a proxy the Host header may be rewritten: the configured public origin counts too.
      if (host === null || (host !== req.headers.host && origin !== publicOrigin)) {
        return next(new HttpError(403, 'cross_site', `Cross-site ${req.method} refused (Origin: ${origin})`));
      }
    }
    next();
  };
}
