import type { RequestHandler } from 'express';
import { formatPath } from '@grmd/shared';
import { HttpError } from './errors.ts';

export const BODY_LIMIT_BYTES = 256 * 1024;
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Nesting depth of JSON text without parsing it, so a depth bomb is refused before
 * JSON.parse recurses into it. Brackets inside strings are skipped.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** First forbidden key (`__proto__`, `constructor`, `prototype`) with its path, or null. */
export function findForbiddenKey(value: unknown): string | null {
  // The path is built only on a hit: this walk runs on every API body.
  const hit = forbiddenIn(value);
  if (!hit) return null;
  const path = formatPath(hit.reverse());
  return path.startsWith('[') ? `$${path}` : `$.${path}`;
}

function forbiddenIn(value: unknown): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = forbiddenIn(value[i]);
      if (hit) {
        hit.push(i);
        return hit;
      }
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (FORBIDDEN_KEYS.has(key)) return [key];
      const hit = forbiddenIn((value as Record<string, unknown>)[key]);
      if (hit) {
        hit.push(key);
        return hit;
      }
    }
  }
  return null;
}

function readBody(req: Parameters<RequestHandler>[0], limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'payload_too_large', `Request body is larger than the ${limit / 1024} kB limit`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, 'payload_too_large', `Request body is larger than the ${limit / 1024} kB limit`));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (!failed) resolve(Buffer.concat(chunks));
    });
    // A client that gives up mid-upload is not a server failure: a 4xx, not logged as an error.
    const aborted = () => new HttpError(400, 'request_aborted', 'The client aborted the request before its body was complete');
    req.on('error', (e) => {
      if (failed) return;
      failed = true;
      reject((e as NodeJS.ErrnoException).code === 'ECONNRESET' || e.message === 'aborted' ? aborted() : e);
    });
    req.on('close', () => {
      if (!ended && !failed) {
        failed = true;
        reject(aborted());
      }
    });
  });
}

/**
 * The API's JSON body parser: 256 kB (413), application/json only (415), valid JSON (400),
 * no nesting deeper than MAX_JSON_DEPTH (400, checked on the text before parsing) and no
 * prototype-polluting keys anywhere (400).
 */
export function jsonBody(opts: { limit?: number; maxDepth?: number } = {}): RequestHandler {
  const limit = opts.limit ?? BODY_LIMIT_BYTES;
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  return async (req, res, next) => {
    try {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
      const hasBody =
        req.headers['transfer-encoding'] !== undefined ||
        (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
      if (!hasBody) {
        req.body = undefined;
        return next();
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
        req.resume();
        throw new HttpError(415, 'unsupported_media_type', 'Request body must be application/json');
      }
      const buf = await readBody(req, limit);
      // Where the server's own work on this request starts (the bench measures from here).
      res.locals.workStartedAt = performance.now();
      const text = buf.toString('utf8');
      if (text.trim() === '') {
        req.body = undefined;
        return next();
      }
      const depth = jsonDepth(text, maxDepth);
      if (depth > maxDepth) {
        throw new HttpError(400, 'too_deep', `JSON nesting is deeper than the ${maxDepth}-level limit`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new HttpError(400, 'malformed_json', `Request body is not valid JSON: ${(e as Error).message}`);
      }
      const bad = findForbiddenKey(parsed);
      if (bad) throw new HttpError(400, 'forbidden_key', `Key not allowed at ${bad}`);
      req.body = parsed;
      next();
    } catch (e) {
      next(e);
    }
  };
}
