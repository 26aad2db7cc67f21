import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Router } from 'express';
import { edgeApp } from '../testing/app.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import type { AppDeps } from './app.ts';
import { hostAllowed, splitHost } from './host.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function app(deps: Partial<AppDeps> = {}) {
  const a = edgeApp(deps);
  cleanups.push(a.cleanup);
  return a.app;
}

const policy = { publicHost: 'designer.example.com', allowedHosts: ['intranet.corp', 'box.lan:8080'] };

describe('hostAllowed', () => {
  it.each([
    ['127.0.0.1:3000'],
    ['localhost:3000'],
    ['LOCALHOST:3000'],
    ['[::1]:3000'],
    ['designer.example.com'],
    ['intranet.corp'],
    ['intranet.corp:9999'],
    ['box.lan:8080'],
  ])('accepts %s on port 3000', (host) => {
    expect(hostAllowed(host, 3000, policy)).toBe(true);
  });

  it.each([
    ['evil.example:3000'],
    ['127.0.0.1:3001'],
    ['localhost'],
    ['designer.example.com:3000'],
    ['box.lan:8081'],
    ['box.lan'],
    ['127.0.0.1.evil.example:3000'],
    [''],
    [undefined],
  ])('refuses %s on port 3000', (host) => {
    expect(hostAllowed(host, 3000, policy)).toBe(false);
  });

  it('splits bracketed IPv6 hosts from their port', () => {
    expect(splitHost('[::1]:8080')).toEqual({ name: '[::1]', port: '8080' });
    expect(splitHost('Example.COM')).toEqual({ name: 'example.com', port: '' });
  });
});

describe('a foreign Host', () => {
  it('gets 421 in the JSON error shape on every kind of route, before authentication', async () => {
    const bot = Router();
    let botCalled = false;
    bot.use((_req, res) => {
      botCalled = true;
      res.json({});
    });
    const a = app({ accessToken: 'a-very-long-access-token-1234', botConnector: bot });
    const routes: [string, string][] = [
      ['get', '/'],
      ['get', '/library/some-design'],
      ['get', '/api/health'],
      ['get', '/api/designs'],
      ['post', '/api/auth/login'],
      ['post', '/api/validate'],
      ['get', '/api/sends/events'],
      ['post', '/botconnector/messages'],
      ['get', '/botconnector/bots'],
    ];
    for (const [method, path] of routes) {
      const res = await (request(a) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set('Host', 'evil.example:3000');
      expect(res.status, `${method} ${path}`).toBe(421);
      expect(res.body.error.code).toBe('misdirected_request');
    }
    expect(botCalled).toBe(false);
  });

  it('is refused by the real server while its own loopback names and ALLOWED_HOSTS are answered', async () => {
    const h: Harness = await startHarness({ ALLOWED_HOSTS: 'designer.lan' });
    cleanups.push(h.cleanup);
    const port = new URL(h.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'designer.lan']) {
      expect((await request(h.url).get('/api/health').set('Host', host)).status, host).toBe(200);
    }
    const rebound = await request(h.url).get('/api/designs').set('Host', `attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).toEqual({ error: { code: 'misdirected_request', message: expect.any(String) } });
  });
});
