/**
 * The sandbox's Guest WebSocket (genesys-messaging.md, "Web Messaging Guest WebSocket API"):
 * upgrade checks, SessionResponse, echo and the error frames, driven with raw frames and with
 * our guest client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { GUEST_ERROR_CODES } from '@grmd/shared';
import { startSandbox, TEST_DEPLOYMENT_ID, TEST_ORIGIN } from '../testing/sandbox.ts';
import { createGuestClient, GuestError, type GuestClient } from '../guest/index.ts';
import { originAllowed } from './index.ts';

let env: Awaited<ReturnType<typeof startSandbox>> | undefined;
const open: (WebSocket | GuestClient)[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) o instanceof WebSocket ? o.terminate() : await o.close();
  await env?.sandbox.close();
  env = undefined;
});

async function raw(opts: { origin?: string; deploymentId?: string } = {}) {
  env ??= await startSandbox();
  const ws = new WebSocket(`${env.wsUrl}?deploymentId=${opts.deploymentId ?? TEST_DEPLOYMENT_ID}`, { origin: opts.origin ?? TEST_ORIGIN });
  open.push(ws);
  const frames: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('unexpected-response', (_q, r) => rej(new Error(String(r.statusCode))));
    ws.once('error', rej);
  });
  return {
    ws,
    frames,
    /** Sends a frame and resolves with the next frame received. */
    async ask(obj: object): Promise<Record<string, unknown>> {
      const n = frames.length;
      ws.send(JSON.stringify(obj));
      while (frames.length <= n) await new Promise<void>((r) => waiters.push(r));
      return frames[n]!;
    },
  };
}

const configure = (token: string) => ({ action: 'configureSession', deploymentId: TEST_DEPLOYMENT_ID, token });
const text = (token: string, t: string, extra: object = {}) => ({ action: 'onMessage', token, message: { type: 'Text', text: t, ...extra } });

describe('upgrade', () => {
  it('refuses an Origin outside the allowed domains with 403', async () => {
    env = await startSandbox();
    const g = createGuestClient({ url: env.wsUrl, deploymentId: TEST_DEPLOYMENT_ID, origin: 'https://evil.example' });
    const e = await g.connect().catch((err) => err);
    expect(e).toBeInstanceOf(GuestError);
    expect(e.code).toBe(403);
    await expect(raw({ origin: 'http://designer.test:5174' })).rejects.toThrow('403');
  });

  it('refuses an unknown deployment with 404', async () => {
    await expect(raw({ deploymentId: 'nope' })).rejects.toThrow('404');
  });

  it('matches origins and bare domains as documented', () => {
    expect(originAllowed('https://shop.example.com', ['example.com'])).toBe(true);
    expect(originAllowed('https://example.com.evil.io', ['example.com'])).toBe(false);
    expect(originAllowed('http://127.0.0.1:3000', ['http://127.0.0.1:3000'])).toBe(true);
    expect(originAllowed('http://127.0.0.1:3001', ['http://127.0.0.1:3000'])).toBe(false);
    expect(originAllowed(undefined, ['example.com'])).toBe(false);
    expect(originAllowed(undefined, '*')).toBe(true);
  });
});

describe('frames', () => {
  it('answers configureSession with a SessionResponse, newSession false on reconnect', async () => {
    const a = await raw();
    const r1 = await a.ask(configure('tok-1'));
    expect(r1).toMatchObject({ type: 'response', class: 'SessionResponse', code: 200, body: { connected: true, newSession: true, readOnly: false, maxCustomDataBytes: 2048, clearedExistingSession: false } });
    const b = await raw();
    expect(await b.ask(configure('tok-1'))).toMatchObject({ class: 'SessionResponse', body: { newSession: false } });
  });

  it('answers echo as a StructuredMessage response carrying the marker', async () => {
    const a = await raw();
    await a.ask(configure('tok-e'));
    const r = await a.ask({ action: 'echo', token: 'tok-e', message: { type: 'Text', text: 'ping', metadata: { customMessageId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=' } } });
    expect(r).toMatchObject({ type: 'response', class: 'StructuredMessage', code: 200, body: { text: 'ping', type: 'Text', direction: 'Inbound', metadata: { customMessageId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=' } } });
    expect(env!.sandbox.conversations()).toHaveLength(0);
  });

  it('sends 4007 for onMessage before configureSession', async () => {
    const a = await raw();
    expect(await a.ask(text('tok-x', 'hi'))).toEqual({ type: 'response', class: 'string', code: 4007, body: 'session not found error message' });
  });

  it('sends 4020 for a missing token or message', async () => {
    const a = await raw();
    expect(await a.ask({ action: 'configureSession', deploymentId: TEST_DEPLOYMENT_ID })).toMatchObject({ class: 'string', code: GUEST_ERROR_CODES.MissingParameter });
    await a.ask(configure('tok-m'));
    expect(await a.ask({ action: 'onMessage', token: 'tok-m' })).toMatchObject({ class: 'string', code: 4020 });
    expect(await a.ask({ action: 'echo', message: { type: 'Text', text: 'ping' } })).toMatchObject({ class: 'string', code: 4020 });
  });

  it('sends 4011 for a message over the configured length', async () => {
    env = await startSandbox({ guestMessageMaxLength: 10 });
    const a = await raw();
    await a.ask(configure('tok-l'));
    expect(await a.ask(text('tok-l', 'x'.repeat(11)))).toEqual({ type: 'response', class: 'string', code: 4011, body: 'message too long' });
    expect((await a.ask(text('tok-l', 'x'.repeat(10)))).code).toBe(200);
  });

  it('sends 4013 for custom attributes over 2048 bytes', async () => {
    const a = await raw();
    await a.ask(configure('tok-c'));
    const r = await a.ask(text('tok-c', 'hi', { channel: { metadata: { customAttributes: { big: 'x'.repeat(2100) } } } }));
    expect(r).toEqual({ type: 'response', class: 'string', code: 4013, body: 'Custom Attributes in channel metadata is larger than 2048 bytes' });
  });

  it('sends a 429 TooManyRequestsErrorMessage with errorCode 4029 past the session rate', async () => {
    env = await startSandbox({ guestRateLimit: { max: 2, windowSeconds: 60 } });
    const a = await raw();
    await a.ask(configure('tok-r'));
    // Each accepted message is answered by its Inbound echo and a receipt: 1 + 2 + 2 frames.
    const settled = async (n: number) => {
      while (a.frames.length < n) await new Promise((r) => setTimeout(r, 5));
    };
    await a.ask(text('tok-r', 'one'));
    await settled(3);
    await a.ask(text('tok-r', 'two'));
    await settled(5);
    const r = await a.ask(text('tok-r', 'three'));
    expect(a.frames).toHaveLength(6);
    expect(r).toMatchObject({ type: 'response', class: 'TooManyRequestsErrorMessage', code: 429, body: { errorCode: 4029, errorMessage: 'Message rate too high for this session' } });
    expect((r.body as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
  });

  it('sends 4006 once the session has expired, also on configureSession', async () => {
    const a = await raw();
    await a.ask(configure('tok-x6'));
    env!.sandbox.expireGuestSession('tok-x6');
    expect(await a.ask(text('tok-x6', 'hi'))).toEqual({ type: 'response', class: 'string', code: 4006, body: 'session expired error message' });
    expect((await a.ask(configure('tok-x6'))).code).toBe(4006);
  });

  it('applies guest fault rules to onMessage', async () => {
    const a = await raw();
    await a.ask(configure('tok-f'));
    env!.sandbox.addFault({ route: 'guest', status: 5000, times: 1 });
    expect(await a.ask(text('tok-f', 'hi'))).toEqual({ type: 'response', class: 'string', code: 5000, body: 'Request failed.' });
    env!.sandbox.addFault({ route: 'guest', status: 429, retryAfterSeconds: 7, times: 1 });
    expect(await a.ask(text('tok-f', 'hi'))).toMatchObject({ class: 'TooManyRequestsErrorMessage', body: { retryAfter: 7, errorCode: 4029 } });
  });

  it('echoes the guest message back as Inbound, then a Delivered receipt', async () => {
    const a = await raw();
    await a.ask(configure('tok-i'));
    const first = await a.ask(text('tok-i', 'hello'));
    expect(first).toMatchObject({ type: 'message', class: 'StructuredMessage', body: { type: 'Text', text: 'hello', direction: 'Inbound' } });
    while (a.frames.length < 3) await new Promise((r) => setTimeout(r, 5));
    expect(a.frames[2]).toMatchObject({ type: 'message', body: { type: 'Receipt', status: 'Delivered', id: (first.body as { id: string }).id } });
  });

  it('closes the oldest of more than 3 connections of one session', async () => {
    const sockets = [await raw(), await raw(), await raw()];
    for (const s of sockets) await s.ask(configure('tok-4'));
    const closed = new Promise<number>((r) => sockets[0]!.ws.once('close', (code) => r(code)));
    const fourth = await raw();
    await fourth.ask(configure('tok-4'));
    expect(await closed).toBe(1000);
  });
});

describe('guest client', () => {
  it('records every frame, and exposes only Outbound messages as received', async () => {
    env = await startSandbox();
    const g = createGuestClient({ url: env.wsUrl, deploymentId: TEST_DEPLOYMENT_ID, origin: TEST_ORIGIN, echoIntervalMs: 50 });
    open.push(g);
    await g.connect();
    g.sendText('hi');
    await g.waitFor((f) => f.kind === 'receipt');
    await g.waitFor((f) => f.kind === 'echo');
    expect(g.frames.map((f) => f.kind)).toContain('session');
    expect(g.messages().map((m) => m.direction)).toEqual(['Inbound']);
    expect(g.received()).toEqual([]);
    expect(g.frames.filter((f) => f.kind === 'echo').length).toBeGreaterThan(0);
  });

  it('keeps frames it cannot parse as text with the reason, instead of dropping them', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    server.on('connection', (ws) => {
      ws.on('message', () => {
        ws.send(JSON.stringify({ type: 'response', class: 'SessionResponse', code: 200, body: { connected: true, newSession: true } }));
        ws.send('not json at all');
        ws.send(JSON.stringify({ hello: 'world' }));
      });
    });
    const port = (server.address() as { port: number }).port;
    const g = createGuestClient({ url: `ws://127.0.0.1:${port}/v1`, deploymentId: 'd', origin: TEST_ORIGIN, echoIntervalMs: 0 });
    open.push(g);
    try {
      await g.connect();
      for (let i = 0; i < 50 && g.unrecognized.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(g.unrecognized.map((u) => [u.raw, u.reason.split(' (')[0]])).toEqual([
        ['not json at all', 'not JSON'],
        ['{"hello":"world"}', 'not a Guest API frame'],
      ]);
      expect(g.frames.map((f) => f.kind)).toEqual(['session']);
    } finally {
      await g.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('surfaces error frames as events', async () => {
    env = await startSandbox({ guestMessageMaxLength: 3 });
    const g = createGuestClient({ url: env.wsUrl, deploymentId: TEST_DEPLOYMENT_ID, origin: TEST_ORIGIN });
    open.push(g);
    await g.connect();
    const got = new Promise((r) => g.once('error-frame', r));
    g.sendText('too long');
    expect(await got).toMatchObject({ code: 4011 });
  });
});
