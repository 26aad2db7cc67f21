/**
 * The sandbox's HTTP endpoints checked against ../shared/reference/genesys-messaging.md:
 * OAuth, the outgoing messages API, the agent send, errors and rate limits, test controls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { conversationSchema, errorBodySchema, messageDataSchema, OUTGOING_409_CODES } from '@grmd/shared';
import { createSandbox, type Sandbox } from './index.ts';
import { TEST_BOT, TEST_DEPLOYMENT_ID, TEST_ORIGIN } from '../testing/sandbox.ts';

const CLIENT = { clientId: 'client-a', clientSecret: 'secret-a-0123456789' };
let now: number;
let sandbox: Sandbox;

function make(opts: Parameters<typeof createSandbox>[0] = {}) {
  now = Date.parse('2025-05-30T12:00:00.000Z');
  return createSandbox({
    clients: [CLIENT, { clientId: 'no-perms', clientSecret: 'secret-b-0123456789', permissions: [] }],
    deployments: [{ deploymentId: TEST_DEPLOYMENT_ID, allowedOrigins: [TEST_ORIGIN], ...TEST_BOT }],
    clock: () => now,
    ...opts,
  });
}

beforeEach(() => {
  sandbox = make();
});
afterEach(async () => {
  await sandbox.close();
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
async function token(s = sandbox, c = CLIENT): Promise<string> {
  const r = await request(s.app).post('/oauth/token').set('Authorization', basic(c.clientId, c.clientSecret)).type('form').send({ grant_type: 'client_credentials' });
  expect(r.status).toBe(200);
  return r.body.access_token;
}
const OUT = '/api/v2/integrations/botconnectors/outgoing/messages';
const push = (botSessionId: string, extra: object = {}) => ({ ...TEST_BOT, botSessionId, languageCode: 'en-us', botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'hi' }], ...extra });

function expectErrorBody(body: unknown, status: number, code?: string) {
  const eb = errorBodySchema.parse(body);
  expect(eb.status).toBe(status);
  if (code) expect(eb.code).toBe(code);
  expect(eb.contextId).toBeTruthy();
  return eb;
}

describe('POST /oauth/token', () => {
  it('refuses a token lifetime outside the 300–172800 s Genesys allows, and a rate limit below 1', () => {
    for (const tokenLifetimeSeconds of [0, 299, 172_801, 1.5, Number.NaN]) expect(() => createSandbox({ tokenLifetimeSeconds })).toThrow(/300 to 172800/);
    for (const rateLimitPerMinute of [0, -1, Number.NaN]) expect(() => createSandbox({ rateLimitPerMinute })).toThrow(/rateLimitPerMinute/);
  });

  it('issues a bearer token with the configured lifetime', async () => {
    const s = make({ tokenLifetimeSeconds: 600 });
    const r = await request(s.app).post('/oauth/token').set('Authorization', basic(CLIENT.clientId, CLIENT.clientSecret)).type('form').send('grant_type=client_credentials');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 600 });
    expect(typeof r.body.access_token).toBe('string');
    await s.close();
  });

  it('answers 401 invalid_client for a wrong secret, an unknown client or no Basic auth', async () => {
    for (const auth of [basic(CLIENT.clientId, 'wrong'), basic('nobody', CLIENT.clientSecret), 'Bearer x', undefined]) {
      const r = request(sandbox.app).post('/oauth/token').type('form');
      if (auth) r.set('Authorization', auth);
      const res = await r.send({ grant_type: 'client_credentials' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'invalid_client' });
    }
  });

  it('refuses another grant type or a JSON body with 400', async () => {
    const a = await request(sandbox.app).post('/oauth/token').set('Authorization', basic(CLIENT.clientId, CLIENT.clientSecret)).type('form').send({ grant_type: 'password' });
    expect(a.status).toBe(400);
    const b = await request(sandbox.app).post('/oauth/token').set('Authorization', basic(CLIENT.clientId, CLIENT.clientSecret)).send({ grant_type: 'client_credentials' });
    expect(b.status).toBe(400);
  });

  it('makes an expired token get 401 on the API', async () => {
    const s = make({ tokenLifetimeSeconds: 300 });
    const t = await token(s);
    const { botSessionId } = s.openBotSession(TEST_DEPLOYMENT_ID);
    expect((await request(s.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(botSessionId))).status).toBe(200);
    now += 300_000;
    const r = await request(s.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(botSessionId));
    expect(r.status).toBe(401);
    expectErrorBody(r.body, 401);
    await s.close();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and ININ-Correlation-Id past the per-token limit, never inin-ratelimit-*', async () => {
    const s = make({ rateLimitPerMinute: 3 });
    const t = await token(s);
    const { botSessionId } = s.openBotSession(TEST_DEPLOYMENT_ID);
    for (let i = 0; i < 3; i++) expect((await request(s.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(botSessionId))).status).toBe(200);
    now += 20_000;
    const r = await request(s.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(botSessionId));
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('40');
    expect(r.headers['inin-correlation-id']).toBeTruthy();
    expect(Object.keys(r.headers).filter((h) => h.startsWith('inin-ratelimit'))).toEqual([]);
    const eb = expectErrorBody(r.body, 429, 'too.many.requests.retry.after');
    expect(eb.message).toBe('Rate limit exceeded the maximum. Retry the request in [40] seconds');
    expect(eb.contextId).toBe(r.headers['inin-correlation-id']);
    now += 40_000;
    expect((await request(s.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(botSessionId))).status).toBe(200);
    expect(s.deliveries()).toHaveLength(4);
    await s.close();
  });

  it('counts each token separately', async () => {
    const s = make({ rateLimitPerMinute: 2 });
    const t1 = await token(s);
    const t2 = await token(s);
    const { conversationId } = s.openBotSession(TEST_DEPLOYMENT_ID);
    const get = (t: string) => request(s.app).get(`/api/v2/conversations/${conversationId}`).set('Authorization', `Bearer ${t}`);
    expect((await get(t1)).status).toBe(200);
    expect((await get(t1)).status).toBe(200);
    expect((await get(t1)).status).toBe(429);
    expect((await get(t2)).status).toBe(200);
    // The token endpoint counts per client: this client already asked twice this minute.
    const third = await request(s.app).post('/oauth/token').set('Authorization', basic(CLIENT.clientId, CLIENT.clientSecret)).type('form').send({ grant_type: 'client_credentials' });
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBeTruthy();
    await s.close();
  });

  it('with rateLimitScope "client", counts every token of one OAuth client together', async () => {
    const s = make({ rateLimitPerMinute: 3, rateLimitScope: 'client' });
    const t1 = await token(s);
    const t2 = await token(s);
    const { conversationId } = s.openBotSession(TEST_DEPLOYMENT_ID);
    const get = (t: string) => request(s.app).get(`/api/v2/conversations/${conversationId}`).set('Authorization', `Bearer ${t}`);
    expect((await get(t1)).status).toBe(200);
    expect((await get(t2)).status).toBe(200);
    expect((await get(t1)).status).toBe(200);
    expect((await get(t2)).status).toBe(429);
    await s.close();
  });
});

describe('outgoing messages API', () => {
  it('returns 200 {messageId} and records the delivery with session and conversation ids', async () => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(s.botSessionId));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['messageId']);
    expect(sandbox.deliveries()).toMatchObject([{ kind: 'outgoing', botSessionId: s.botSessionId, conversationId: s.conversationId, messageId: r.body.messageId, message: { type: 'Text', text: 'hi', originatingEntity: 'Bot', direction: 'Outbound' } }]);
  });

  it.each([
    ['a missing botSessionId', { botSessionId: undefined }, 'botSessionId'],
    ['an unknown botState', { botState: 'Done' }, 'botState'],
    ['Complete without intent', { botState: 'Complete' }, 'intent'],
    ['an unknown field', { extra: 1 }, '(body)'],
    ['a DatePicker reply', { replyMessages: [{ type: 'Structured', content: [{ contentType: 'DatePicker', datePicker: {} }] }] }, 'replyMessages[0].content[0].contentType'],
    ['a Link without url', { replyMessages: [{ type: 'Structured', content: [{ contentType: 'Card', card: { title: 'a', actions: [{ type: 'Link', text: 'x' }] } }] }] }, 'replyMessages[0].content[0].card.actions[0].url'],
    ['a Card in a Text message', { replyMessages: [{ type: 'Text', content: [{ contentType: 'Card', card: { title: 'a', actions: [] } }] }] }, 'replyMessages[0].type'],
    ['an 11-card carousel', { replyMessages: [{ type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards: Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, actions: [{ type: 'Postback', text: 'Go', payload: `p${i}` }] })) } }] }] }, 'replyMessages[0].content[0].carousel.cards'],
  ])('answers 400 naming the field for %s', async (_n, extra, field) => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(s.botSessionId, extra));
    expect(r.status).toBe(400);
    const eb = expectErrorBody(r.body, 400, 'bad.request');
    expect(eb.details.map((d) => d.fieldName)).toContain(field);
    expect(sandbox.deliveries()).toHaveLength(0);
  });

  it('accepts a 10-card carousel', async () => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const cards = Array.from({ length: 10 }, (_, i) => ({ title: `c${i}`, description: '', actions: [{ type: 'Postback', text: 'Go', payload: `p${i}` }] }));
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(s.botSessionId, { replyMessages: [{ type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards } }] }] }));
    expect(r.status).toBe(200);
  });

  it('answers 400 for malformed JSON', async () => {
    const t = await token();
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).set('Content-Type', 'application/json').send('{"botId":');
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 400);
  });

  it('answers 409 with each documented code', async () => {
    const t = await token();
    const post = (body: object) => request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(body);
    const seen: string[] = [];
    const s1 = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    for (const [body] of [
      [push('unknown-session')],
      [push(s1.botSessionId, { botId: 'other-bot' })],
      [push(s1.botSessionId, { botVersion: 'v0' })],
    ] as const) {
      const r = await post(body);
      expect(r.status).toBe(409);
      seen.push(expectErrorBody(r.body, 409).code);
    }
    expect((await post(push(s1.botSessionId, { botState: 'Failed', errorInfo: { errorCode: 'x', errorMessage: 'y' } }))).status).toBe(200);
    const closed = await post(push(s1.botSessionId));
    seen.push(expectErrorBody(closed.body, 409).code);
    const s2 = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    sandbox.configureDeployment({ deploymentId: TEST_DEPLOYMENT_ID, allowedOrigins: [TEST_ORIGIN], ...TEST_BOT, integrationActive: false });
    seen.push(expectErrorBody((await post(push(s2.botSessionId))).body, 409).code);
    expect(seen.sort()).toEqual([...OUTGOING_409_CODES].sort());
  });

  it('answers 409 session.not.found once botSessionTimeout has passed', async () => {
    const t = await token();
    sandbox.configureDeployment({ deploymentId: TEST_DEPLOYMENT_ID, allowedOrigins: '*', ...TEST_BOT, botSessionTimeoutMinutes: 1 });
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    now += 61_000;
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(s.botSessionId));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('session.not.found');
  });

  it('answers 401 without a token and 403 without the permission', async () => {
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const none = await request(sandbox.app).post(OUT).send(push(s.botSessionId));
    expect(none.status).toBe(401);
    expectErrorBody(none.body, 401);
    const weak = await token(sandbox, { clientId: 'no-perms', clientSecret: 'secret-b-0123456789' });
    const r = await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${weak}`).send(push(s.botSessionId));
    expect(r.status).toBe(403);
    expect(expectErrorBody(r.body, 403).message).toContain('integration:botconnector:send');
  });
});

describe('agent send and conversation', () => {
  it('returns the conversation with customer and agent communications', async () => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const r = await request(sandbox.app).get(`/api/v2/conversations/${s.conversationId}`).set('Authorization', `Bearer ${t}`);
    expect(r.status).toBe(200);
    const conv = conversationSchema.parse(r.body);
    expect(conv.participants.map((p) => p.purpose)).toEqual(['customer', 'agent']);
    expect(conv.participants[1]!.messages![0]).toMatchObject({ state: 'connected', type: 'webmessaging' });
    const missing = await request(sandbox.app).get('/api/v2/conversations/nope').set('Authorization', `Bearer ${t}`);
    expect(missing.status).toBe(404);
    expectErrorBody(missing.body, 404, 'not.found');
  });

  it('sends text as MessageData and delivers it as a Human message', async () => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const conv = sandbox.conversations()[0]!;
    const r = await request(sandbox.app)
      .post(`/api/v2/conversations/messages/${s.conversationId}/communications/${conv.agentCommunicationId}/messages?useNormalizedMessage=true`)
      .set('Authorization', `Bearer ${t}`)
      .send({ textBody: 'Card preview: Book Now' });
    expect(r.status).toBe(200);
    const md = messageDataSchema.parse(r.body);
    expect(md).toMatchObject({ status: 'sent', direction: 'outbound', messengerType: 'webmessaging', conversationId: s.conversationId });
    expect(md.textBody).toBeUndefined();
    expect(sandbox.deliveries()).toMatchObject([{ kind: 'agent', message: { type: 'Text', text: 'Card preview: Book Now', originatingEntity: 'Human' } }]);
  });

  it('refuses a missing or too long textBody, a template, and a communication outside the conversation', async () => {
    const t = await token();
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const conv = sandbox.conversations()[0]!;
    const url = (comm: string) => `/api/v2/conversations/messages/${s.conversationId}/communications/${comm}/messages`;
    const send = (comm: string, body: object) => request(sandbox.app).post(url(comm)).set('Authorization', `Bearer ${t}`).send(body);
    expect((await send(conv.agentCommunicationId, {})).status).toBe(400);
    expect((await send(conv.agentCommunicationId, { textBody: 'x'.repeat(2000) })).status).toBe(200);
    const long = await send(conv.agentCommunicationId, { textBody: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.details[0].fieldName).toBe('textBody');
    expect((await send(conv.agentCommunicationId, { textBody: 'a', messagingTemplate: { responseId: 'r' } })).status).toBe(400);
    const outside = await send('c-other', { textBody: 'hi' });
    expect(outside.status).toBe(404);
    expectErrorBody(outside.body, 404, 'not.found');
  });

  it('applies the 765-character SMS limit', async () => {
    const t = await token();
    sandbox.configureDeployment({ deploymentId: TEST_DEPLOYMENT_ID, allowedOrigins: '*', ...TEST_BOT, messengerType: 'sms' });
    const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const conv = sandbox.conversations()[0]!;
    const send = (n: number) => request(sandbox.app).post(`/api/v2/conversations/messages/${s.conversationId}/communications/${conv.agentCommunicationId}/messages`).set('Authorization', `Bearer ${t}`).send({ textBody: 'x'.repeat(n) });
    expect((await send(765)).status).toBe(200);
    expect((await send(766)).status).toBe(400);
  });
});

describe('test controls', () => {
  it('validates, applies, counts down and clears fault rules', async () => {
    expect((await request(sandbox.app).post('/__sandbox/faults').send({ route: 'nowhere', status: 500 })).status).toBe(400);
    expect((await request(sandbox.app).post('/__sandbox/faults').send({ route: 'token' })).status).toBe(400);
    const added = await request(sandbox.app).post('/__sandbox/faults').send({ rules: [{ route: 'token', status: 503, times: 2 }, { route: 'outgoing', status: 500, times: 1 }] });
    expect(added.status).toBe(201);
    const tok = () => request(sandbox.app).post('/oauth/token').set('Authorization', basic(CLIENT.clientId, CLIENT.clientSecret)).type('form').send({ grant_type: 'client_credentials' });
    expect((await tok()).status).toBe(503);
    expect((await request(sandbox.app).get('/__sandbox/faults')).body.faults).toEqual([{ route: 'token', status: 503, times: 1 }, { route: 'outgoing', status: 500, times: 1 }]);
    expect((await request(sandbox.app).delete('/__sandbox/faults')).status).toBe(204);
    expect((await tok()).status).toBe(200);
  });

  it('validates rules with one validator everywhere: the API contract, delays up to 30 s, and a rule must do something', async () => {
    for (const rule of [{ route: 'outgoing', delayMs: 30_001, times: 1 }, { route: 'outgoing', times: 1 }, { route: 'outgoing', status: 4006, times: 1 }]) {
      const r = await request(sandbox.app).post('/__sandbox/faults').send(rule);
      expect(r.status).toBe(400);
      expect(() => sandbox.addFault(rule as never)).toThrow(r.body.error);
    }
    sandbox.addFault({ route: 'outgoing', delayMs: 30_000, times: 1 });
    expect(sandbox.faults()).toEqual([{ route: 'outgoing', delayMs: 30_000, times: 1 }]);
  });

  it('configures a deployment over HTTP without echoing its secret', async () => {
    const r = await request(sandbox.app).put('/__sandbox/deployments/dep-2').send({ allowedOrigins: ['https://example.com'], botId: 'b', botVersion: '1', botConnectorUri: 'http://127.0.0.1:1/botconnector', secretHeaderName: 'X-S', secretHeaderValue: 'top-secret-value-123' });
    expect(r.status).toBe(200);
    const list = await request(sandbox.app).get('/__sandbox/deployments');
    expect(JSON.stringify(list.body)).not.toContain('top-secret-value-123');
    expect(list.body.deployments.map((d: { deploymentId: string }) => d.deploymentId)).toContain('dep-2');
    expect((await request(sandbox.app).put('/__sandbox/deployments/dep-3').send({ allowedOrigins: 'x' })).status).toBe(400);
  });

  it("refuses over HTTP a bot URL on another machine, so the connection secret cannot be sent there", async () => {
    const own = sandbox.configureDeployment({ deploymentId: 'dep-own', allowedOrigins: '*', botId: 'b', botVersion: '1', botConnectorUri: 'http://designer.internal:3000/botconnector', secretHeaderName: 'X-S', secretHeaderValue: 'own-secret-value-123' });
    for (const uri of ['https://attacker.example/botconnector', 'http://10.0.0.5/botconnector', 'http://127.0.0.1.attacker.example/x']) {
      const r = await request(sandbox.app).put('/__sandbox/deployments/dep-own').send({ allowedOrigins: '*', botId: 'b', botVersion: '1', botConnectorUri: uri });
      expect(r.status, uri).toBe(400);
      expect(r.body.error).toMatch(/own bot URL or a loopback/);
    }
    const list = await request(sandbox.app).get('/__sandbox/deployments');
    expect(list.body.deployments.find((d: { deploymentId: string }) => d.deploymentId === 'dep-own').botConnectorUri).toBe(own.botConnectorUri);
    for (const uri of [own.botConnectorUri!, 'http://localhost:4000/botconnector', 'http://[::1]:4000/botconnector']) {
      expect((await request(sandbox.app).put('/__sandbox/deployments/dep-own').send({ allowedOrigins: '*', botId: 'b', botVersion: '1', botConnectorUri: uri })).status, uri).toBe(200);
    }
  });

  it('lists deliveries filtered by conversation', async () => {
    const t = await token();
    const a = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    const b = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
    await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(a.botSessionId));
    await request(sandbox.app).post(OUT).set('Authorization', `Bearer ${t}`).send(push(b.botSessionId));
    const r = await request(sandbox.app).get(`/__sandbox/deliveries?conversationId=${a.conversationId}`);
    expect(r.body.deliveries.map((d: { botSessionId: string }) => d.botSessionId)).toEqual([a.botSessionId]);
  });

  it('can be built without test controls', async () => {
    const s = make({ controls: false });
    expect((await request(s.app).get('/__sandbox/deliveries')).status).toBe(404);
    await s.close();
  });
});
