/**
 * The simulated Architect flow calling a Bot Connector bot (genesys-messaging.md, "POST {base}/messages"
 * and "Status codes, timeouts, retries"): request shape,
 * secret header, retries, timeouts and strict reply validation. The bot here is a scripted
 * HTTP server so each answer can be chosen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { botConnectorRequestSchema } from '@grmd/shared';
import { startSandbox, TEST_BOT, TEST_DEPLOYMENT_ID, TEST_ORIGIN } from '../testing/sandbox.ts';
import { createGuestClient, type GuestClient } from '../guest/index.ts';

type Call = { headers: http.IncomingHttpHeaders; body: Record<string, unknown>; path: string };
type Answer = { status: number; body?: unknown; delayMs?: number };

let calls: Call[];
let answers: Answer[];
let botServer: http.Server;
let env: Awaited<ReturnType<typeof startSandbox>>;
let guest: GuestClient;

const ok = (body: unknown = { botState: 'MoreData', replyMessages: [] }): Answer => ({ status: 200, body });

beforeEach(async () => {
  calls = [];
  answers = [];
  botServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || '{}') });
      const a = answers.shift() ?? ok();
      setTimeout(() => {
        res.writeHead(a.status, { 'Content-Type': 'application/json' });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {}));
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => botServer.listen(0, '127.0.0.1', () => r()));
  const uri = `http://127.0.0.1:${(botServer.address() as AddressInfo).port}/bc`;
  env = await startSandbox({
    // Generous: a busy 2-core machine must not turn a prompt bot into a timeout; the timeout
    // test below answers well after it.
    botTimeoutMs: 2_000,
    deployment: { botConnectorUri: uri, secretHeaderName: 'X-My-Secret', secretHeaderValue: 's3cret-value-0123456789', parameters: { channel: 'webmessaging', flow: 'Designer' } },
  });
  guest = createGuestClient({ url: env.wsUrl, deploymentId: TEST_DEPLOYMENT_ID, origin: TEST_ORIGIN, customAttributes: { designerRunId: 'r-42' } });
  await guest.connect();
});
afterEach(async () => {
  await guest.close();
  await env.sandbox.close();
  botServer.closeAllConnections();
  await new Promise<void>((r) => botServer.close(() => r()));
});

const events = () => env.sandbox.conversations()[0]?.flowEvents ?? [];
const lastSession = () => env.sandbox.conversations()[0]!.botSessions.at(-1)!;

async function say(text: string) {
  const since = guest.lastSeq;
  guest.sendText(text);
  await settle(since);
}

/**
 * The sandbox queues the bot turn right after echoing the guest's message back, so once the
 * echo arrived, idle() covers the turn; then wait for the delivered frames to arrive.
 */
async function settle(since: number) {
  await guest.waitFor((f) => f.kind === 'message' && (f.frame.body as { direction?: string }).direction === 'Inbound', { since });
  await env.sandbox.idle();
  for (let i = 0; i < 100 && guest.received().length < env.sandbox.deliveries().length; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('calling the bot', () => {
  it('posts the Bot Connector message body with the secret header to {uri}/messages', async () => {
    await say('Hello');
    expect(calls).toHaveLength(1);
    const c = calls[0]!;
    expect(c.path).toBe('/bc/messages');
    expect(c.headers['x-my-secret']).toBe('s3cret-value-0123456789');
    const body = botConnectorRequestSchema.parse(c.body);
    expect(body).toMatchObject({
      ...TEST_BOT,
      inputMessage: { type: 'Text', text: 'Hello' },
      languageCode: 'en-us',
      botSessionTimeout: 720,
      parameters: { channel: 'webmessaging', flow: 'Designer', designerRunId: 'r-42' },
    });
    const conv = env.sandbox.conversations()[0]!;
    expect(body.genesysConversationId).toBe(conv.id);
    expect(body.botSessionId).toBe(conv.botSessions[0]!.botSessionId);
  });

  it('sends a tap as a Structured ButtonResponse in the same bot session', async () => {
    await say('Hello');
    const since = guest.lastSeq;
    guest.tap({ type: 'QuickReply', text: 'Yes', payload: 'yes' });
    await settle(since);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.inputMessage).toEqual({
      type: 'Structured',
      text: 'Yes',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' } }],
    });
    expect(calls[1]!.body.botSessionId).toBe(calls[0]!.body.botSessionId);
    expect(calls[1]!.body.messageId).not.toBe(calls[0]!.body.messageId);
  });

  it('delivers synchronous replyMessages to the guest as Bot/Outbound StructuredMessages', async () => {
    answers.push(ok({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'One' }, { type: 'Structured', text: 'Two', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } }] }] }));
    await say('Hello');
    const got = guest.received();
    expect(got.map((b) => [b.type, b.text, b.originatingEntity, b.direction])).toEqual([
      ['Text', 'One', 'Bot', 'Outbound'],
      ['Structured', 'Two', 'Bot', 'Outbound'],
    ]);
    expect(env.sandbox.deliveries().map((d) => d.kind)).toEqual(['bot-reply', 'bot-reply']);
  });

  it('retries a 5xx three times, then takes the failure path', async () => {
    answers.push({ status: 503 }, { status: 500 }, { status: 502 }, { status: 503 });
    await say('Hello');
    expect(calls).toHaveLength(4);
    expect(events().at(-1)).toMatchObject({ type: 'failure-path', errorType: 'ServiceProviderErrorResponse', status: 503 });
    expect(lastSession().status).toBe('closed');
  });

  it('succeeds when the bot recovers within the retries', async () => {
    answers.push({ status: 500 }, ok({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'Back' }] }));
    await say('Hello');
    expect(calls).toHaveLength(2);
    expect(guest.received().map((b) => b.text)).toEqual(['Back']);
  });

  it('never retries a 4xx', async () => {
    answers.push({ status: 403, body: { error: 'forbidden' } });
    await say('Hello');
    expect(calls).toHaveLength(1);
    expect(events().at(-1)).toMatchObject({ type: 'failure-path', errorType: 'ServiceProviderErrorResponse', status: 403 });
  });

  it('takes the timeout failure path when the bot is slower than the configured timeout', async () => {
    answers.push({ ...ok(), delayMs: 3_000 });
    await say('Hello');
    expect(calls).toHaveLength(1);
    expect(events().at(-1)).toMatchObject({ type: 'failure-path', errorType: 'ServiceProviderTimeout' });
  });

  it.each([
    ['a DatePicker (not allowed through the bot connector)', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'DatePicker', datePicker: {} }] }] }],
    ['a Card in a Text message', { botState: 'MoreData', replyMessages: [{ type: 'Text', content: [{ contentType: 'Card', card: { title: 't', actions: [] } }] }] }],
    ['a Postback without payload', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Card', card: { title: 't', actions: [{ type: 'Postback', text: 'x' }] } }] }] }],
    ['an upper-case v1 botState', { botState: 'MOREDATA', replymessages: [] }],
    ['Complete without an intent', { botState: 'Complete' }],
    ['a body that is not JSON', 'hello'],
  ])('rejects a reply with %s as ServiceProviderInvalidResponse and delivers none of it', async (_name, body) => {
    answers.push({ status: 200, body });
    await say('Hello');
    expect(events().at(-1)).toMatchObject({ type: 'failure-path', errorType: 'ServiceProviderInvalidResponse' });
    expect(guest.received()).toHaveLength(0);
    expect(env.sandbox.deliveries()).toHaveLength(0);
  });

  it('closes the bot session on Complete so later pushes get 409 session.already.closed', async () => {
    answers.push(ok({ botState: 'Complete', intent: 'Done', replyMessages: [{ type: 'Text', text: 'Bye' }] }));
    await say('Hello');
    const s = lastSession();
    expect(s).toMatchObject({ status: 'closed', closedReason: 'Complete' });
    const res = await fetch(`${env.url}/api/v2/integrations/botconnectors/outgoing/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await env.client().tokenCache.getToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...TEST_BOT, botSessionId: s.botSessionId, languageCode: 'en-us', botState: 'MoreData' }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('session.already.closed');
    // The next guest message opens a new bot session.
    await say('Again');
    expect(calls.at(-1)!.body.botSessionId).not.toBe(s.botSessionId);
  });
});
