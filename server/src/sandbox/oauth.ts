/**
 * POST /oauth/token, the client credentials grant (genesys-messaging.md, "Token"): Basic
 * auth with a known client, a form body with grant_type=client_credentials, a per-client rate
 * limit, and a bearer token with the configured lifetime.
 */
import { randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import { constantTimeEqual } from '../lib/secrets.ts';
import type { Platform } from './platform.ts';
import { forgetExpired, rateLimited, type SandboxState } from './state.ts';

function basicCredentials(header: string): { id: string; secret: string } {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!m) return { id: '', secret: '' };
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  return sep > 0 ? { id: decoded.slice(0, sep), secret: decoded.slice(sep + 1) } : { id: '', secret: '' };
}

export function oauthRoutes(app: Express, state: SandboxState, platform: Platform): void {
  const { send, tooMany, applyFault } = platform;
  app.post('/oauth/token', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    if (await applyFault('token', req, res)) return;
    const { id, secret } = basicCredentials(req.get('authorization') ?? '');
    const client = state.clients.get(id);
    if (!client || !constantTimeEqual(secret, client.clientSecret)) {
      return send(req, res, 'token', 401, { error: 'invalid_client' });
    }
    const wait = rateLimited(state, `client:${id}`);
    if (wait !== undefined) return tooMany(req, res, 'token', wait);
    if (!req.is('application/x-www-form-urlencoded') || req.body?.grant_type !== 'client_credentials') {
      return send(req, res, 'token', 400, { error: 'unsupported_grant_type' });
    }
    forgetExpired(state);
    const token = randomBytes(32).toString('base64url');
    const lifetime = state.settings.tokenLifetimeSeconds;
    state.tokens.set(token, { clientId: id, expiresAt: state.clock() + lifetime * 1000 });
    send(req, res, 'token', 200, { access_token: token, token_type: 'bearer', expires_in: lifetime });
  });
}

/** Makes every issued token expired now (the API then answers 401). */
export function expireTokens(state: SandboxState): void {
  for (const t of state.tokens.values()) t.expiresAt = Math.min(t.expiresAt, state.clock());
}
