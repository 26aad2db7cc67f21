import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { botSchema, type ReplyMessage } from '@grmd/shared';
import { EXAMPLES_DIR, referencePath } from '@grmd/shared/testing/reference';
import { SqliteBotSessionRepo } from '../store/sqlite/botSessions.ts';
import { openDb, type Db } from '../store/sqlite/db.ts';
import { tempDir } from '../testing/tmp.ts';
import { waitFor } from '../testing/harness.ts';
import { createBotConnectorRouter, SessionStore, type SessionChange } from './index.ts';

const SECRET = 'connection-secret-0123456789';
const bot = { botId: 'test-bot', botName: 'Tester', botVersion: 'v1', secretHeader: 'X-Bot-Connector-Secret', secret: SECRET };
const example = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, 'botconnector-v2-messages-request.json'), 'utf8')) as Record<string, unknown>;

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: SessionStore;
let app: express.Express;
let now: number;

beforeEach(() => {
  dir = tempDir('grmd-bc-');
  db = openDb(dir.dir);
  now = Date.parse('2025-05-30T12:00:00.000Z');
  store = new SessionStore(new SqliteBotSessionRepo(db, { clock: () => now }));
  app = express();
  app.use('/botconnector', createBotConnectorRouter({ store, bot }));
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const msg = (over: Record<string, unknown> = {}) => ({
  ...example,
  botId: 'test-bot',
  botVersion: 'v1',
  ...over,
});
const post = (body: unknown, secret: string | null = SECRET) => {
  const r = request(app).post('/botconnector/messages');
  if (secret !== null) r.set('X-Bot-Connector-Secret', secret);
  return r.send(body as object);
};

const card: ReplyMessage = {
  type: 'Structured',
  content: [{ contentType: 'Card', card: { title: 'Hi', description: '', actions: [{ type: 'Postback', text: 'Go', payload: 'go' }] } }],
};

describe('bot list', () => {
  it('lists our bot in the shape of the Bot Connector bot list', async () => {
    const r = await request(app).get('/botconnector/bots').set('X-Bot-Connector-Secret', SECRET);
    expect(r.status).toBe(200);
    expect(r.body.entities).toHaveLength(1);
    expect(botSchema.parse(r.body.entities[0]).id).toBe('test-bot');
  });

  it('returns one bot by id and 404 for an unknown id', async () => {
    const ok = await request(app).get('/botconnector/bots/test-bot').set('X-Bot-Connector-Secret', SECRET);
    expect(ok.status).toBe(200);
    expect(ok.body.versions[0].version).toBe('v1');
    const missing = await request(app).get('/botconnector/bots/TEST-BOT').set('X-Bot-Connector-Secret', SECRET);
    expect(missing.status).toBe(404);
  });
});

describe('connection secret', () => {
  it('refuses a missing, wrong, or different-length secret with 403 on every route', async () => {
    for (const secret of [null, 'connection-secret-0123456780', 'short', `${SECRET}x`]) {
      expect((await post(msg(), secret)).status).toBe(403);
      const g = request(app).get('/botconnector/bots');
      if (secret !== null) g.set('X-Bot-Connector-Secret', secret);
      expect((await g).status).toBe(403);
    }
    expect(await store.list()).toHaveLength(0);
  });
});

describe('POST /messages', () => {
  it('answers MoreData with no replies and registers the session from the spec example', async () => {
    const r = await post(msg());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ botState: 'MoreData', replyMessages: [] });
    const s = (await store.get('462064bd-820f-4806-a04b-8bdc915dba3e'))!;
    expect(s).toMatchObject({
      genesysConversationId: '31408724-1e03-44ca-a698-31da56dd08f4',
      languageCode: 'en-us',
      channel: 'webmessaging',
      botId: 'test-bot',
      botVersion: 'v1',
      timeoutMinutes: 60,
      status: 'open',
      parameters: { parameter1: 'value1', parameter2: 'value2' },
    });
    expect(s.timeline).toHaveLength(1);
    expect(s.timeline[0]).toMatchObject({
      direction: 'inbound',
      kind: 'tap',
      messageId: 'aa30d0f5-a7de-4949-a59d-b527eddb7a78',
      text: 'Message sent to bot',
      taps: [{ type: 'QuickReply', text: 'Button Response Text', payload: 'cookie' }],
    });
  });

  it('takes the channel from the parameters when Genesys sends one', async () => {
    await post(msg({ parameters: { channel: 'whatsapp' } }));
    expect((await store.list())[0]!.channel).toBe('whatsapp');
  });

  it('rejects an invalid body with 400 naming the field', async () => {
    const r = await post(msg({ botSessionTimeout: 'sixty' }));
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('botSessionTimeout');
    const bad = await post(msg({ inputMessage: { type: 'Structured', content: [{ contentType: 'ButtonResponse' }] } }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('inputMessage.content[0].buttonResponse');
    const missing = await post(msg({ botSessionId: undefined }));
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('botSessionId');
    const notJson = await request(app).post('/botconnector/messages').set('X-Bot-Connector-Secret', SECRET).set('Content-Type', 'application/json').send('{"botId":');
    expect(notJson.status).toBe(400);
    expect(await store.list()).toHaveLength(0);
  });

  it('answers 404 for a bot id or version it does not have, naming it', async () => {
    const id = await post(msg({ botId: 'other' }));
    expect(id.status).toBe(404);
    expect(id.body).toMatchObject({ error: 'not_found', field: 'botId' });
    expect(id.body.message).toContain('other');
    const version = await post(msg({ botVersion: 'v9' }));
    expect(version.status).toBe(404);
    expect(version.body).toMatchObject({ error: 'not_found', field: 'botVersion' });
    expect(version.body.message).toMatch(/v9.*v1/);
  });

  it('accepts fields it does not know at every level, as Genesys adds them, and ignores them', async () => {
    // The spec page's own request (../shared/reference/dbc-v2-spec) plus the fields the Platform
    // model IncomingMessageRequest lists and a few invented ones at each level.
    const spec = JSON.parse(readFileSync(referencePath('reference/dbc-v2-spec/IncomingMessage-Request.json'), 'utf8')) as Record<string, unknown>;
    const input = spec.inputMessage as { content: Record<string, unknown>[] };
    const body = {
      ...spec,
      botId: 'test-bot',
      botVersion: 'v1',
      botName: 'Tester',
      integrationId: 'int-1',
      conversationId: 'conv-1',
      messagingPlatformType: 'WebMessaging',
      channels: ['Messaging'],
      channel: { id: 'ch', platform: 'Genesys', futureField: 1 },
      futureTopLevel: { nested: true },
      inputMessage: {
        ...input,
        futureInput: 'x',
        content: [
          { ...input.content[0], futureItem: 1, buttonResponse: { ...(input.content[0]!.buttonResponse as object), futureButton: 'y' } },
          { contentType: 'Reactions', reactions: [] },
        ],
      },
    };
    const r = await post(body);
    expect(r.status).toBe(200);
    expect(r.body.botState).toBe('MoreData');
    const session = (await store.get(spec.botSessionId as string))!;
    expect(session.timeline[0]).toMatchObject({ kind: 'tap', taps: [{ type: 'QuickReply', text: 'Button Response Text', payload: 'cookie' }] });
  });

  it('returns an armed card in the next reply, once', async () => {
    await post(msg({ inputMessage: { type: 'Text', text: 'hi' } }));
    const id = '462064bd-820f-4806-a04b-8bdc915dba3e';
    expect(await store.arm(id, [card])).toBe(true);
    expect((await store.get(id))!.armed).toEqual([card]);
    const r1 = await post(msg({ messageId: 'm2', inputMessage: { type: 'Text', text: 'again' } }));
    expect(r1.body).toEqual({ botState: 'MoreData', replyMessages: [card] });
    const r2 = await post(msg({ messageId: 'm3', inputMessage: { type: 'Text', text: 'third' } }));
    expect(r2.body.replyMessages).toEqual([]);
    expect((await store.get(id))!.timeline.map((e) => [e.direction, e.kind])).toEqual([
      ['inbound', 'text'],
      ['inbound', 'text'],
      ['outbound', 'reply'],
      ['inbound', 'text'],
    ]);
    // Settled once the answer was written (on the response's close, just after the client has it).
    await waitFor(async () => (await store.get(id))!.timeline.find((e) => e.kind === 'reply')?.status === 'delivered');
  });

  it('hands a reply that leaves to the audit with who armed it and the message it answers, and completes it once the answer is written', async () => {
    const calls: unknown[] = [];
    const outcomes: { written: boolean; latencyMs: number }[] = [];
    const audited = express();
    audited.use(
      '/botconnector',
      createBotConnectorRouter({
        store,
        bot,
        replies: {
          leaving: async (r) => {
            calls.push(r);
            return async (o) => {
              outcomes.push(o);
            };
          },
        },
      }),
    );
    const send = (body: unknown) => request(audited).post('/botconnector/messages').set('X-Bot-Connector-Secret', SECRET).send(body as object);
    await send(msg({ inputMessage: { type: 'Text', text: 'hi' } }));
    expect(calls).toEqual([]);
    const id = '462064bd-820f-4806-a04b-8bdc915dba3e';
    const by = { actor: 'Ada Lovelace', designId: 'd-1', designName: 'Welcome', channel: 'webmessaging' };
    await store.arm(id, [card], by);
    const r = await send(msg({ messageId: 'm-answered', inputMessage: { type: 'Text', text: 'again' } }));
    expect(r.body.replyMessages).toEqual([card]);
    expect(calls).toEqual([{ botSessionId: id, inReplyTo: 'm-answered', replyMessages: [card], armedBy: by }]);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]!.written).toBe(true);
    expect(outcomes[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('still answers with the armed reply when its audit record cannot be written', async () => {
    const audited = express();
    audited.use('/botconnector', createBotConnectorRouter({ store, bot, replies: { leaving: () => Promise.reject(new Error('database down')) } }));
    const send = (body: unknown) => request(audited).post('/botconnector/messages').set('X-Bot-Connector-Secret', SECRET).send(body as object);
    await send(msg({ inputMessage: { type: 'Text', text: 'hi' } }));
    await store.arm('462064bd-820f-4806-a04b-8bdc915dba3e', [card]);
    const r = await send(msg({ messageId: 'm2', inputMessage: { type: 'Text', text: 'again' } }));
    expect(r.status).toBe(200);
    expect(r.body.replyMessages).toEqual([card]);
  });

  it('refuses to arm an invalid reply or an unknown session', async () => {
    expect(await store.arm('nope', [card])).toBe(false);
    await expect(store.arm('nope', [{ type: 'Structured', content: [{ contentType: 'DatePicker' }] } as never])).rejects.toThrow();
  });
});

describe('session store', () => {
  it('records pushes, closes the session on a delivered Complete, and emits changes', async () => {
    const changes: SessionChange[] = [];
    store.on('change', (c) => changes.push(c));
    await post(msg({ inputMessage: { type: 'Text', text: 'hi' } }));
    const id = '462064bd-820f-4806-a04b-8bdc915dba3e';
    await store.recordOutbound(id, { replyMessages: [card], botState: 'MoreData', status: 'delivered', messageId: 'x1', requestId: 'r1' });
    expect((await store.get(id))!.status).toBe('open');
    await store.recordOutbound(id, { replyMessages: [], botState: 'Complete', status: 'failed', error: '409' });
    expect((await store.get(id))!.status).toBe('open');
    await store.recordOutbound(id, { replyMessages: [], botState: 'Complete', status: 'delivered' });
    expect(await store.get(id)).toMatchObject({ status: 'closed', closedReason: 'Complete' });
    expect(changes.map((c) => c.type)).toEqual(['created', 'outbound', 'outbound', 'outbound']);
    expect(changes[1]!.entry).toMatchObject({ kind: 'push', messageId: 'x1', requestId: 'r1', replyMessages: [card] });
    expect(await store.recordOutbound('unknown', { replyMessages: [], botState: 'MoreData', status: 'delivered' })).toBeUndefined();
  });

  it('reports a session closed once its botSessionTimeout has passed', async () => {
    await post(msg({ inputMessage: { type: 'Text', text: 'hi' }, botSessionTimeout: 1 }));
    const id = '462064bd-820f-4806-a04b-8bdc915dba3e';
    now += 59_000;
    expect((await store.get(id))!.status).toBe('open');
    now += 2_000;
    expect(await store.get(id)).toMatchObject({ status: 'closed', closedReason: 'timeout' });
  });

  it('keeps sessions in SQLite across store instances', async () => {
    await post(msg());
    const again = new SessionStore(new SqliteBotSessionRepo(db));
    expect((await again.list()).map((s) => s.botSessionId)).toEqual(['462064bd-820f-4806-a04b-8bdc915dba3e']);
  });
});
