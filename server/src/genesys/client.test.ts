import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutgoingMessageRequest } from '@grmd/shared';
import { startSandbox, fakeSleep, TEST_BOT, TEST_DEPLOYMENT_ID } from '../testing/sandbox.ts';
import { createGenesysClient, GenesysApiError, TokenCache } from './index.ts';

type Env = Awaited<ReturnType<typeof startSandbox>>;
let env: Env;

beforeEach(async () => {
  env = await startSandbox();
});
afterEach(async () => {
  await env.sandbox.close();
});

const card = {
  type: 'Structured' as const,
  content: [
    {
      contentType: 'Card' as const,
      card: {
        title: '50% off Flights to Norway',
        description: 'Valid September to November only',
        actions: [{ type: 'Postback' as const, text: 'Book Now', payload: 'book-norway' }],
      },
    },
  ],
};

function push(botSessionId: string, extra: Partial<OutgoingMessageRequest> = {}): OutgoingMessageRequest {
  return { ...TEST_BOT, botSessionId, languageCode: 'en-us', botState: 'MoreData', replyMessages: [card], ...extra };
}

async function caught(p: Promise<unknown>): Promise<GenesysApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GenesysApiError);
    return e as GenesysApiError;
  }
  throw new Error('expected the call to fail');
}

/** A client whose waits are recorded (not slept), a fresh bot session, and a fault its calls meet. */
function faulty(fault: Parameters<Env['sandbox']['addFault']>[0], opts: Parameters<Env['client']>[0] = {}) {
  const { waits, sleep } = fakeSleep();
  const client = env.client({ sleep, ...opts });
  const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
  env.sandbox.addFault(fault);
  return { waits, client, s };
}

const tokenRequests = () => env.sandbox.requests().filter((r) => r.route === 'token').length;

describe('token cache', () => {
  it('reuses a cached token across calls', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    await client.postOutgoingMessage(push(s.botSessionId));
    await client.postOutgoingMessage(push(s.botSessionId));
    expect(tokenRequests()).toBe(1);
  });

  it('shares one in-flight token request between concurrent callers', async () => {
    const cache = new TokenCache({ loginBaseUrl: env.url, ...credentials() });
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => cache.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests()).toBe(1);
    expect(cache.fetchCount).toBe(1);
  });

  it('refreshes the token once less than 60 s of its lifetime remain', async () => {
    await env.sandbox.close();
    env = await startSandbox({ tokenLifetimeSeconds: 300 });
    let now = 1_000_000;
    const cache = new TokenCache({ loginBaseUrl: env.url, ...credentials(), clock: () => now });
    const first = await cache.getToken();
    now += 239_000; // 61 s left: still fresh
    expect(await cache.getToken()).toBe(first);
    expect(tokenRequests()).toBe(1);
    now += 2_000; // 59 s left: refresh early
    const second = await cache.getToken();
    expect(second).not.toBe(first);
    expect(tokenRequests()).toBe(2);
  });

  it('retries once with a fresh token when the API answers 401', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    await client.postOutgoingMessage(push(s.botSessionId));
    env.sandbox.expireTokens();
    const r = await client.postOutgoingMessage(push(s.botSessionId));
    expect(r.attempts).toBe(2);
    expect(tokenRequests()).toBe(2);
    expect(env.sandbox.deliveries({ botSessionId: s.botSessionId })).toHaveLength(2);
  });

  it('gives up after one fresh token when the API keeps answering 401', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    env.sandbox.addFault({ route: 'outgoing', status: 401, times: 5 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('unauthorized');
    expect(e.attempts).toBe(2);
    expect(tokenRequests()).toBe(2);
  });

  it('reports bad credentials as unauthorized with a hint naming the variables to check', async () => {
    const client = env.client({ clientSecret: 'not-the-secret-at-all' });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('unauthorized');
    expect(e.operation).toBe('token');
    expect(e.code).toBe('invalid_client');
    expect(e.hint).toMatch(/GENESYS_CLIENT_ID.*GENESYS_CLIENT_SECRET/);
    expect(await client.checkToken()).toBe(false);
    expect(await env.client().checkToken()).toBe(true);
  });

  it('never reveals the client secret or the access token in JSON or inspect output', async () => {
    const secret = env.sandbox.defaultClient.clientSecret;
    const client = env.client();
    await client.tokenCache.getToken();
    const token = await client.tokenCache.getToken();
    for (const out of [JSON.stringify(client), inspect(client, { depth: 5 }), JSON.stringify(client.tokenCache), inspect(client.tokenCache, { depth: 5, showHidden: true }), String(client.tokenCache)]) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(token);
    }
  });
});

function credentials() {
  return { clientId: env.sandbox.defaultClient.clientId, clientSecret: env.sandbox.defaultClient.clientSecret };
}

describe('error mapping', () => {
  it('maps a 400 to bad-request naming the field Genesys rejected, without retrying', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const e = await caught(client.postOutgoingMessage({ ...push(s.botSessionId), botState: 'Maybe' as never }));
    expect(e.kind).toBe('bad-request');
    expect(e.status).toBe(400);
    expect(e.fieldName).toBe('botState');
    expect(e.message).toContain('botState');
    expect(e.attempts).toBe(1);
  });

  it('maps a 403 to forbidden with a hint naming integration:botconnector:send', async () => {
    env.sandbox.addClient({ clientId: 'weak', clientSecret: 'weak-secret-123456', permissions: ['conversation:message:create'] });
    const client = env.client({ clientId: 'weak', clientSecret: 'weak-secret-123456' });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('forbidden');
    expect(e.hint).toContain("role needs integration:botconnector:send");
    expect(e.attempts).toBe(1);
  });

  it('maps a 404 for a communication outside the conversation to not-found', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const e = await caught(client.sendAgentMessage(s.conversationId, 'not-a-communication', { textBody: 'hi' }));
    expect(e.kind).toBe('not-found');
    expect(e.code).toBe('not.found');
    expect(e.hint).toMatch(/communication id/);
  });

  it('maps the 409 codes to conflict with a hint per code', async () => {
    const client = env.client();
    const unknown = await caught(client.postOutgoingMessage(push('no-such-session')));
    expect([unknown.kind, unknown.code]).toEqual(['conflict', 'session.not.found']);
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const wrongVersion = await caught(client.postOutgoingMessage(push(s.botSessionId, { botVersion: 'v2' })));
    expect(wrongVersion.code).toBe('session.bot.version.mismatch');
    expect(wrongVersion.hint).toMatch(/BOT_CONNECTOR_BOT_VERSION/);
    await client.postOutgoingMessage(push(s.botSessionId, { botState: 'Complete', intent: 'Done' }));
    const closed = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(closed.code).toBe('session.already.closed');
    expect(closed.attempts).toBe(1);
  });

  it('sends the agent text and returns MessageData, refusing text over the 2000-character limit', async () => {
    const client = env.client();
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const agentComm = await client.findAgentCommunicationId(s.conversationId);
    expect(agentComm).toBeTruthy();
    const r = await client.sendAgentMessage(s.conversationId, agentComm!, { textBody: 'Card preview: Book Now' });
    expect(r.message.status).toBe('sent');
    expect(r.message.conversationId).toBe(s.conversationId);
    const e = await caught(client.sendAgentMessage(s.conversationId, agentComm!, { textBody: 'x'.repeat(2001) }));
    expect(e.kind).toBe('bad-request');
    expect(e.fieldName).toBe('textBody');
  });
});

describe('retry policy', () => {
  it('honours a real Retry-After of 1 s on a 429 and then succeeds', async () => {
    const waits: number[] = [];
    const client = env.client({ sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, ms))) });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    env.sandbox.addFault({ route: 'outgoing', status: 429, retryAfterSeconds: 1, times: 1 });
    const retries: unknown[] = [];
    const r = await client.postOutgoingMessage(push(s.botSessionId), { onRetry: (e) => retries.push(e) });
    expect(r.attempts).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual([{ attempt: 1, waitMs: waits[0], status: 429 }]);
    const rejected = env.sandbox.requests().find((q) => q.route === 'outgoing' && q.status === 429);
    expect(rejected).toBeTruthy();
  });

  it('waits 3 s when a 429 has no Retry-After, and stops after 3 retries', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', status: 429, times: 10 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('rate-limited');
    expect(e.attempts).toBe(4);
    expect(waits).toEqual([3000, 3000, 3000]);
    expect(env.sandbox.deliveries()).toHaveLength(0);
  });

  it('never waits less than a long Retry-After', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', status: 429, retryAfterSeconds: 42, times: 1 });
    await client.postOutgoingMessage(push(s.botSessionId));
    expect(waits).toEqual([42_000]);
  });

  it('fails at once, without shortening it, when Retry-After is longer than a call may wait', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', status: 429, retryAfterSeconds: 120, times: 1 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('rate-limited');
    expect(e.retryAfterMs).toBe(120_000);
    expect(e.attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it('honours Retry-After on the token endpoint too', async () => {
    const { waits, client, s } = faulty({ route: 'token', status: 429, retryAfterSeconds: 2, times: 1 });
    await client.postOutgoingMessage(push(s.botSessionId));
    expect(waits).toEqual([2000]);
    expect(tokenRequests()).toBe(2);
  });

  it('backs off exponentially on 5xx and succeeds on the third attempt', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', status: 503, times: 2 }, { random: () => 0.5 });
    const r = await client.postOutgoingMessage(push(s.botSessionId));
    expect(r.attempts).toBe(3);
    expect(waits).toEqual([750, 1500]);
    expect(env.sandbox.deliveries({ botSessionId: s.botSessionId })).toHaveLength(1);
  });

  it('fails with kind server after 3 attempts of 5xx', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', status: 502, times: 5 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('server');
    expect(e.attempts).toBe(3);
    expect(waits).toHaveLength(2);
    expect(e.correlationId).toBeTruthy();
  });

  it('reports a reset after sending as an unknown outcome and does not resend it', async () => {
    const { waits, client, s } = faulty({ route: 'outgoing', reset: true, times: 1 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('unknown-outcome');
    expect(e.attempts).toBe(1);
    expect(waits).toHaveLength(0);
    const delivered = env.sandbox.deliveries({ botSessionId: s.botSessionId });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.message.content).toEqual(card.content);
    expect(env.sandbox.requests().filter((q) => q.route === 'outgoing')).toHaveLength(1);
  });

  it('reports a POST timeout after sending as an unknown outcome', async () => {
    const client = env.client({ timeoutMs: 200 });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    await client.tokenCache.getToken();
    env.sandbox.addFault({ route: 'outgoing', delayMs: 600, times: 1 });
    const e = await caught(client.postOutgoingMessage(push(s.botSessionId)));
    expect(e.kind).toBe('unknown-outcome');
    expect(e.attempts).toBe(1);
  });

  it('retries a GET that timed out and reports kind timeout at the end', async () => {
    const { sleep } = fakeSleep();
    const client = env.client({ timeoutMs: 150, sleep });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    await client.tokenCache.getToken();
    env.sandbox.addFault({ route: 'conversation', delayMs: 400, times: 3 });
    const e = await caught(client.getConversation(s.conversationId));
    expect(e.kind).toBe('timeout');
    expect(e.attempts).toBe(3);
  });

  it('retries a request that could not be sent, then reports kind network', async () => {
    const { waits, sleep } = fakeSleep();
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const client = createGenesysClient({
      apiBaseUrl: `http://127.0.0.1:${port}`,
      loginBaseUrl: env.url,
      ...credentials(),
      sleep,
    });
    const e = await caught(client.postOutgoingMessage(push('x')));
    expect(e.kind).toBe('network');
    expect(e.attempts).toBe(3);
    expect(waits).toHaveLength(2);
  });
});

describe('request hygiene', () => {
  it('sends no-cache headers and one request id per call, reused across its retries', async () => {
    const { sleep } = fakeSleep();
    const client = env.client({ sleep });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    env.sandbox.addFault({ route: 'outgoing', status: 500, times: 1 });
    const r = await client.postOutgoingMessage(push(s.botSessionId), { requestId: 'req-123' });
    expect(r.requestId).toBe('req-123');
    expect(r.correlationId).toBeTruthy();
    const outgoing = env.sandbox.requests().filter((q) => q.route === 'outgoing');
    expect(outgoing.map((q) => [q.requestId, q.cacheControl, q.pragma])).toEqual([
      ['req-123', 'no-cache', 'no-cache'],
      ['req-123', 'no-cache', 'no-cache'],
    ]);
    expect(outgoing[1]!.correlationId).toBe(r.correlationId);
    const other = await client.postOutgoingMessage(push(s.botSessionId));
    expect(other.requestId).not.toBe('req-123');
  });

  it('logs each answer with its request id and ININ-Correlation-Id, and never the secret or token', async () => {
    const lines: { o: object; msg?: string }[] = [];
    const logger = { info: (o: object, msg?: string) => lines.push({ o, msg }), warn: (o: object, msg?: string) => lines.push({ o, msg }) };
    const client = env.client({ logger });
    const s = env.sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const r = await client.postOutgoingMessage(push(s.botSessionId));
    const answered = lines.find((l) => l.msg === 'genesys call answered');
    expect(answered?.o).toMatchObject({ op: 'outgoing', requestId: r.requestId, correlationId: r.correlationId, status: 200, attempt: 1 });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(env.sandbox.defaultClient.clientSecret);
    expect(all).not.toContain(await client.tokenCache.getToken());
  });
});
