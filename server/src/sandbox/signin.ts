/**
 * Sign in with Genesys Cloud, simulated: the Authorization Code grant with PKCE as a Code
 * Authorization client sees it at login.{domain} (GET /oauth/authorize shows a page, the
 * user is sent back to redirect_uri with ?code&state, POST /oauth/token with
 * grant_type=authorization_code and the code_verifier), and GET /api/v2/users/me with the
 * token it gave. A few fixed test users stand in for the org's people, so the whole sign-in
 * runs in tests with no org.
 */
import { createHash, randomBytes } from 'node:crypto';
import express, { type Express } from 'express';

export type SandboxUser = { id: string; name: string; email: string; groups: string[] };

/** The people of the simulated org; Ada and Linus are in the designers group, Grace is not. */
export const SANDBOX_USERS: readonly SandboxUser[] = [
  { id: 'sandbox-user-ada', name: 'Ada Lovelace', email: 'ada@sandbox.test', groups: ['sandbox-group-designers'] },
  { id: 'sandbox-user-grace', name: 'Grace Hopper', email: 'grace@sandbox.test', groups: [] },
  { id: 'sandbox-user-linus', name: 'Linus Pauling', email: 'linus@sandbox.test', groups: ['sandbox-group-designers'] },
];
export const SANDBOX_DESIGNERS_GROUP = 'sandbox-group-designers';

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_MS = 3_600_000;

type Grant = { clientId: string; redirectUri: string; challenge: string; userId: string; expiresAt: number };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function signinRoutes(app: Express, now: () => number = Date.now): void {
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, { userId: string; expiresAt: number }>();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  app.get('/oauth/authorize', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.response_type !== 'code' || !q.client_id || !q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri)) {
      return res.status(400).type('text').send('invalid_request: response_type=code, client_id and an http(s) redirect_uri are required');
    }
    if (!q.code_challenge || q.code_challenge_method !== 'S256') {
      return res.status(400).type('text').send('invalid_request: code_challenge with code_challenge_method=S256 is required');
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    const users = SANDBOX_USERS.map(
      (u) => `<form method="post" action="/oauth/authorize">${hidden}<input type="hidden" name="user_id" value="${u.id}"><button type="submit">Sign in as ${escapeHtml(u.name)}</button></form>`,
    ).join('');
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Genesys Cloud sandbox sign-in</title></head>
<body><main><h1>Genesys Cloud (sandbox) sign-in</h1><p>Choose a test user of the simulated org.</p>${users}</main></body></html>`);
  });

  app.post('/oauth/authorize', form, (req, res) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const user = SANDBOX_USERS.find((u) => u.id === b.user_id);
    if (!user || !b.client_id || !b.redirect_uri || !b.code_challenge) return res.status(400).type('text').send('invalid_request');
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { clientId: b.client_id, redirectUri: b.redirect_uri, challenge: b.code_challenge, userId: user.id, expiresAt: now() + CODE_TTL_MS });
    const back = new URL(b.redirect_uri);
    back.searchParams.set('code', code);
    if (b.state) back.searchParams.set('state', b.state);
    res.redirect(302, back.toString());
  });

  // The authorization code grant; the client credentials grant goes on to oauth.ts.
  app.post('/oauth/token', form, (req, res, next) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    if (b.grant_type !== 'authorization_code') return next();
    const grant = b.code ? codes.get(b.code) : undefined;
    if (b.code) codes.delete(b.code); // single use
    const verifierHash = createHash('sha256').update(b.code_verifier ?? '').digest('base64url');
    if (!grant || grant.expiresAt < now() || grant.redirectUri !== b.redirect_uri || grant.clientId !== b.client_id || verifierHash !== grant.challenge) {
      return res.status(400).json({ error: 'invalid_grant' });
    }
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, { userId: grant.userId, expiresAt: now() + TOKEN_TTL_MS });
    res.json({ access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_MS / 1000 });
  });

  app.get('/api/v2/users/me', (req, res) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const t = m ? tokens.get(m[1]!) : undefined;
    const user = t && t.expiresAt > now() ? SANDBOX_USERS.find((u) => u.id === t.userId) : undefined;
    if (!user) return res.status(401).json({ status: 401, code: 'bad.credentials', message: 'Invalid login credentials.' });
    const expand = String(req.query.expand ?? '').split(',');
    res.json({ id: user.id, name: user.name, email: user.email, ...(expand.includes('groups') ? { groups: user.groups.map((id) => ({ id })) } : {}) });
  });
}
