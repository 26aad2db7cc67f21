/**
 * One HTTP exchange on node:http(s). Used instead of fetch because the retry policy must know
 * whether the request had been fully written when a failure happened: a POST that failed
 * before it was sent is safe to resend, one that failed after is an unknown outcome.
 */
import http from 'node:http';
import https from 'node:https';

export type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
};

export type HttpFailureKind = 'timeout' | 'network';

export class HttpFailure extends Error {
  readonly kind: HttpFailureKind;
  /** True when the whole request had been written to the socket before the failure. */
  readonly requestSent: boolean;
  readonly causeCode?: string;
  constructor(kind: HttpFailureKind, requestSent: boolean, message: string, causeCode?: string) {
    super(message);
    this.name = 'HttpFailure';
    this.kind = kind;
    this.requestSent = requestSent;
    this.causeCode = causeCode;
  }
}

export type HttpRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
};

export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

/** Default transport. No keep-alive agent: a reused socket the server already closed would look like a reset. */
export const nodeHttpTransport: HttpTransport = (req) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(req.url);
    const mod = url.protocol === 'https:' ? https : http;
    const signals = [AbortSignal.timeout(req.timeoutMs)];
    if (req.signal) signals.push(req.signal);
    const signal = AbortSignal.any(signals);
    let sent = false;
    let settled = false;
    const fail = (err: HttpFailure) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const r = mod.request(url, { method: req.method, headers, agent: false });
    const onAbort = () => {
      const timedOut = signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
      fail(
        new HttpFailure(
          timedOut ? 'timeout' : 'network',
          sent,
          timedOut ? `No response within ${req.timeoutMs} ms` : 'Request aborted',
        ),
      );
      r.destroy();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    r.on('finish', () => {
      sent = true;
    });
    r.on('error', (err: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      fail(new HttpFailure('network', sent, `Connection failed: ${err.code ?? err.message}`, err.code));
    });
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', onAbort);
        fail(new HttpFailure('network', true, `Response interrupted: ${err.code ?? err.message}`, err.code));
      });
      res.on('aborted', () => {
        signal.removeEventListener('abort', onAbort);
        fail(new HttpFailure('network', true, 'Response interrupted', 'ECONNRESET'));
      });
      res.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });

/**
 * Calls `onToken` with every access token the token endpoint hands out through `transport`,
 * so the log scrubber can blank them wherever they surface.
 */
export function reportingTokens(transport: HttpTransport, onToken: (token: string) => void): HttpTransport {
  return async (req) => {
    const res = await transport(req);
    if (req.url.endsWith('/oauth/token') && res.status === 200) {
      try {
        const t = (JSON.parse(res.text) as { access_token?: unknown }).access_token;
        if (typeof t === 'string') onToken(t);
      } catch {
        // not JSON: the client reports it
      }
    }
    return res;
  };
}
