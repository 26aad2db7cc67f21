import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Router } from 'express';
import { createLogger } from '../logger.ts';
import { edgeApp } from '../testing/app.ts';
import { tempDir } from '../testing/tmp.ts';
import type { AppDeps } from './app.ts';
import { jsonDepth } from './body.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function app(deps: Partial<AppDeps> = {}) {
  const a = edgeApp(deps);
  cleanups.push(a.cleanup);
  return a.app;
}

describe('body guards', () => {
  it('answers 413 for a body over 256 kB', async () => {
    const big = JSON.stringify({ message: { type: 'Text', text: 'x'.repeat(300 * 1024) } });
    const res = await request(app()).post('/api/validate').set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await request(app()).post('/api/validate').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(app()).post('/api/validate').set('Content-Type', 'application/json').send('{"message": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('answers 400 naming the path of a %s key anywhere', async (key) => {
    const body = `{"message":{"type":"Text","content":[{"x":{"${key}":{"polluted":true}}}]}}`;
    const res = await request(app()).post('/api/validate').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('forbidden_key');
    expect(res.body.error.message).toContain(`$.message.content[0].x.${key}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a depth bomb before parsing it', async () => {
    const body = `{"message":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await request(app()).post('/api/validate').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_deep');
  });

  it('counts depth ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[1,[2]]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
  });
});

describe('error responses', () => {
  it('never include a stack trace, even for an unexpected error', async () => {
    const api = Router();
    api.get('/connection', async () => {
      throw new Error('boom at /secret/path.ts:12');
    });
    const res = await request(app({ api })).get('/api/connection');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(res.text).not.toContain('boom');
  });
});

describe('cross-site guard', () => {
  it('rejects a state-changing request from another site', async () => {
    const res = await request(app())
      .post('/api/validate')
      .set('Origin', 'https://evil.example')
      .send({ message: { type: 'Text', text: 'hi' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_site');
    const res2 = await request(app())
      .post('/api/validate')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ message: { type: 'Text', text: 'hi' } });
    expect(res2.status).toBe(403);
  });

  it('lets a same-origin write through', async () => {
    const a = app({ allowedHosts: ['127.0.0.1:3000'] });
    const res = await request(a)
      .post('/api/auth/login')
      .set('Host', '127.0.0.1:3000')
      .set('Origin', 'http://127.0.0.1:3000')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ token: 'x' });
    expect(res.status).toBe(200);
  });
});

describe('behind a reverse proxy (APP_PUBLIC_URL)', () => {
  const token = 'a-very-long-access-token-1234';
  const publicOrigin = 'https://designer.example.com';

  it('accepts writes from the public origin even when the proxy rewrites Host, and still refuses other sites', async () => {
    const a = app({ accessToken: token, publicOrigin, allowedHosts: ['127.0.0.1:3000'] });
    const ok = await request(a).post('/api/auth/login').set('Host', '127.0.0.1:3000').set('Origin', publicOrigin).send({ token });
    expect(ok.status).toBe(200);
    const evil = await request(a).post('/api/auth/login').set('Host', '127.0.0.1:3000').set('Origin', 'https://evil.example').send({ token });
    expect(evil.status).toBe(403);
  });

  it('marks the session cookie Secure when the public origin is https, and not otherwise', async () => {
    const secure = await request(app({ accessToken: token, publicOrigin })).post('/api/auth/login').send({ token });
    expect(secure.headers['set-cookie']![0]).toMatch(/; Secure/);
    const plain = await request(app({ accessToken: token })).post('/api/auth/login').send({ token });
    expect(plain.headers['set-cookie']![0]).not.toMatch(/Secure/);
  });

  it('rate-limits per client address the local proxy forwards, not per proxy', async () => {
    const a = app({ publicOrigin, rateLimit: { apiPerMinute: 2, botConnectorPerMinute: 2 } });
    for (let i = 0; i < 2; i++) expect((await request(a).get('/api/health').set('X-Forwarded-For', '203.0.113.1')).status).toBe(200);
    expect((await request(a).get('/api/health').set('X-Forwarded-For', '203.0.113.1')).status).toBe(429);
    expect((await request(a).get('/api/health').set('X-Forwarded-For', '203.0.113.2')).status).toBe(200);
  });
});

describe('access token', () => {
  const token = 'a-very-long-access-token-1234';

  it('requires the session cookie on every /api route except health and login', async () => {
    const a = app({ accessToken: token });
    expect((await request(a).get('/api/health')).status).toBe(200);
    const denied = await request(a).get('/api/designs');
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('unauthenticated');
    expect((await request(a).post('/api/auth/login').send({ token: 'wrong-token-wrong-token' })).status).toBe(401);
    const login = await request(a).post('/api/auth/login').send({ token });
    expect(login.status).toBe(200);
    const cookie = login.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);
    const ok = await request(a).get('/api/designs').set('Cookie', cookie.split(';')[0]!);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ items: [] });
    const forged = await request(a).get('/api/designs').set('Cookie', 'grmd_session=123.abc.def');
    expect(forged.status).toBe(401);
  });
});

describe('signing in and out', () => {
  const token = 'a-very-long-access-token-1234';

  it('ends the session on the server at sign-out: the old cookie is refused afterwards', async () => {
    const a = app({ accessToken: token });
    const login = await request(a).post('/api/auth/login').send({ token });
    const cookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await request(a).get('/api/auth/status').set('Cookie', cookie)).body).toEqual({ required: true, authenticated: true, who: 'access token', methods: { token: true, genesys: false } });
    const out = await request(a).post('/api/auth/logout').set('Cookie', cookie);
    expect(out.status).toBe(200);
    expect(out.headers['set-cookie']![0]).toMatch(/grmd_session=;/);
    expect((await request(a).get('/api/designs').set('Cookie', cookie)).status).toBe(401);
    expect((await request(a).get('/api/auth/status').set('Cookie', cookie)).body).toEqual({ required: true, authenticated: false, methods: { token: true, genesys: false } });
  });

  it('throttles wrong tokens per client address: 10 a minute, then 429 with Retry-After, even for the right token', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const a = app({ accessToken: token, publicOrigin: 'https://designer.example.com', logger });
    const attempt = (t: string, ip: string) => request(a).post('/api/auth/login').set('X-Forwarded-For', ip).send({ token: t });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-token-number-${i}`, '203.0.113.7')).status).toBe(401);
    const blocked = await attempt(token, '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_sign_in_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(token, '203.0.113.8')).status).toBe(200);
    const refusals = lines.filter((l) => l.includes('wrong access token'));
    expect(refusals).toHaveLength(10);
    expect(refusals[0]).toContain('203.0.113.7');
    expect(lines.join('')).not.toContain('wrong-token-number');
  });
});

describe('static client', () => {
  it('serves a placeholder page when client/dist is missing', async () => {
    const res = await request(app({ clientDist: '/nonexistent' })).get('/designs/abc');
    expect(res.status).toBe(200);
    expect(res.text).toContain('has not been built');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves built files and falls back to index.html for client routes', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    mkdirSync(path.join(t.dir, 'assets'));
    writeFileSync(path.join(t.dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
    writeFileSync(path.join(t.dir, 'assets/app.js'), 'console.log(1)');
    const a = app({ clientDist: t.dir });
    const asset = await request(a).get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log(1)');
    const spa = await request(a).get('/library/some-design');
    expect(spa.status).toBe(200);
    expect(spa.text).toContain('id="root"');
    const api404 = await request(a).get('/api/unknown');
    expect(api404.status).toBe(404);
    expect(api404.body.error.code).toBe('not_found');
  });
});

describe('rate limiting', () => {
  it('answers 429 in the API error shape past the per-minute limit', async () => {
    const a = app({ rateLimit: { apiPerMinute: 3, botConnectorPerMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await request(a).get('/api/health')).status).toBe(200);
    const res = await request(a).get('/api/health');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.headers['ratelimit-policy'] ?? res.headers['ratelimit']).toBeDefined();
  });

  it('limits /botconnector on its own budget', async () => {
    const bot = Router();
    bot.get('/bots', (_req, res) => {
      res.json({ entities: [] });
    });
    const a = app({ botConnector: bot, rateLimit: { apiPerMinute: 100, botConnectorPerMinute: 2 } });
    for (let i = 0; i < 2; i++) expect((await request(a).get('/botconnector/bots')).status).toBe(200);
    expect((await request(a).get('/botconnector/bots')).status).toBe(429);
    expect((await request(a).get('/api/health')).status).toBe(200);
  });
});

describe('GET /api/health', () => {
  it('answers status, mode and version', async () => {
    const res = await request(app()).get('/api/health');
    expect(res.body).toEqual({ status: 'ok', mode: 'sandbox', version: '9.9.9' });
  });
});
