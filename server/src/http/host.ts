import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/** The names every server answers to, with the port the request came in on. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type HostPolicy = {
  /** The host (name[:port]) of APP_PUBLIC_URL, as a browser sends it behind the proxy. */
  publicHost: string | null;
  /** ALLOWED_HOSTS: `name` allows that name on any port, `name:port` only that port. */
  allowedHosts: readonly string[];
};

/** Splits a Host header into a lower-case name and its port ('' when none). */
export function splitHost(host: string): { name: string; port: string } {
  const h = host.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d*))?$/.exec(h);
  return m ? { name: m[1]!, port: m[2] ?? '' } : { name: h, port: '' };
}

/** Whether `host` (the Host header) names this server, reached on `localPort`. */
export function hostAllowed(host: string | undefined, localPort: number | undefined, policy: HostPolicy): boolean {
  if (!host) return false;
  const { name, port } = splitHost(host);
  if (LOOPBACK_NAMES.has(name) && localPort !== undefined && (port || '80') === String(localPort)) return true;
  const exact = port ? `${name}:${port}` : name;
  if (policy.publicHost && policy.publicHost.toLowerCase() === exact) return true;
  return policy.allowedHosts.some((a) => {
    const allowed = splitHost(a);
    return allowed.name === name && (allowed.port === '' || allowed.port === port);
  });
}

/**
 * DNS rebinding defence: a page on evil.example whose name now resolves to 127.0.0.1 reaches
 * this server with `Host: evil.example`, so any Host that is not one of our own names gets
 * 421 before anything else runs (the page, /api, SSE, /botconnector).
 */
export function ownHostOnly(policy: HostPolicy): RequestHandler {
  return (req, _res, next) => {
    if (hostAllowed(req.headers.host, req.socket.localPort, policy)) return next();
    next(new HttpError(421, 'misdirected_request', 'This server does not answer to that host name (see ALLOWED_HOSTS)'));
  };
}
