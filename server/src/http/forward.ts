/**
 * Owner forwarding: a test conversation's guest socket lives in the memory of the instance
 * that opened it (its owner, named in the shared test_conversations record). Another instance
 * the load balancer picked passes the request on to the owner, once, with what the owner's own
 * checks read (Host, Origin, Sec-Fetch-Site, the session cookie), so it passes there exactly
 * as the original would have: the owner checks it again, nothing is waived for forwarded
 * requests. X-Grmd-Forwarded marks a forwarded request; one carrying it is never forwarded
 * again (no loops), whoever sent it. An outside caller setting it only loses the forwarding.
 */
import http from 'node:http';
import https from 'node:https';
import type { Request } from 'express';

export const FORWARDED_HEADER = 'x-grmd-forwarded';
export const DEFAULT_FORWARD_TIMEOUT_MS = 5_000;

/** Request headers the owner reads; everything else stays behind. */
const PASSED_HEADERS = ['host', 'cookie', 'origin', 'sec-fetch-site', 'content-type', 'idempotency-key', 'accept', 'user-agent'] as const;

/** Response headers the caller needs from the owner's answer (a 429's wait, caching). */
const RELAYED_HEADERS = ['retry-after', 'cache-control'] as const;

export type Forwarded = { status: number; contentType: string | undefined; headers: Record<string, string>; body: Buffer };

/** Whether the request came from another instance already (and so must be answered here). */
export function isForwarded(req: Request): boolean {
  return req.headers[FORWARDED_HEADER] !== undefined;
}

/**
 * Sends `req` (or, with `as`, another method, path and body on its behalf) to `owner` + the same
 * path and query. Rejects when the owner cannot be reached or does not answer within the
 * timeout; any answer it gives, error or not, resolves.
 */
export function forwardToOwner(
  req: Request,
  owner: string,
  opts: { timeoutMs?: number; as?: { method: string; path: string; body?: unknown } } = {},
): Promise<Forwarded> {
  if (isForwarded(req)) return Promise.reject(new Error('refusing to forward a request that was forwarded already'));
  const target = new URL(opts.as?.path ?? req.originalUrl, owner);
  const method = opts.as?.method ?? req.method;
  const headers: Record<string, string> = { [FORWARDED_HEADER]: '1' };
  for (const name of PASSED_HEADERS) {
    const v = req.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  // The edge parsed the body already (http/body.ts): send it as the JSON it was.
  const sent: unknown = opts.as ? opts.as.body : req.body;
  const body = method !== 'GET' && method !== 'HEAD' && sent !== undefined ? Buffer.from(JSON.stringify(sent)) : null;
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  } else {
    delete headers['content-type'];
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const out = client.request(target, { method, headers, signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const relayed: Record<string, string> = {};
      for (const name of RELAYED_HEADERS) {
        const v = res.headers[name];
        if (typeof v === 'string') relayed[name] = v;
      }
      res.on('end', () => resolve({ status: res.statusCode ?? 502, contentType: res.headers['content-type'], headers: relayed, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body ?? undefined);
  });
}
