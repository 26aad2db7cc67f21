/**
 * The sandbox accepts what Genesys documents as valid: every body of the Digital Bot
 * Connector v2 spec's own examples (../shared/reference/dbc-v2-spec), sent to the outgoing
 * messages API in an open bot session, and every bot reply example, read as the flow reads a
 * bot's answer. The sandbox may be no stricter than Genesys.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { botConnectorV2ReplySchema, outgoingMessageRequestSchema } from '@grmd/shared';
import { referencePath } from '@grmd/shared/testing/reference';
import { createSandbox, type Sandbox } from './index.ts';
import { replyMessageIssues } from './wire.ts';
import { TEST_BOT, TEST_DEPLOYMENT_ID, TEST_ORIGIN } from '../testing/sandbox.ts';

const spec = (file: string) => JSON.parse(readFileSync(referencePath('reference/dbc-v2-spec', file), 'utf8')) as Record<string, unknown>;
const OUTGOING_BODIES = ['OutgoingMessage-Body.json', 'QuickReply.json', 'Card.json', 'Carousel.json', 'Attachment.json', 'Failed-Response.json'];
const OUT = '/api/v2/integrations/botconnectors/outgoing/messages';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox({ deployments: [{ deploymentId: TEST_DEPLOYMENT_ID, allowedOrigins: [TEST_ORIGIN], ...TEST_BOT }] });
});
afterEach(async () => {
  await sandbox.close();
});

async function pushInto(body: Record<string, unknown>) {
  const t = await request(sandbox.app)
    .post('/oauth/token')
    .auth(sandbox.defaultClient.clientId, sandbox.defaultClient.clientSecret)
    .type('form')
    .send({ grant_type: 'client_credentials' });
  const s = sandbox.openBotSession(TEST_DEPLOYMENT_ID);
  // The example's own bot and session ids name Genesys' test org; ours are these.
  return request(sandbox.app)
    .post(OUT)
    .set('Authorization', `Bearer ${t.body.access_token}`)
    .send({ ...body, ...TEST_BOT, botSessionId: s.botSessionId });
}

describe('the Bot Connector v2 spec examples', () => {
  for (const file of OUTGOING_BODIES) {
    it(`accepts ${file} on the outgoing messages API`, async () => {
      const r = await pushInto(spec(file));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(typeof r.body.messageId).toBe('string');
    });
  }

  it('accepts errorInfo in the Platform model spelling (code/message) as well', async () => {
    const r = await pushInto({ ...spec('Failed-Response.json'), errorInfo: { code: 'xxx', message: 'A description of the error' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("accepts Genesys' own carousel whose two cards share a payload", async () => {
    const body = spec('Carousel.json') as { replyMessages: { content: { carousel: { cards: { actions: { payload?: string }[] }[] } }[] }[] };
    const payloads = body.replyMessages[0]!.content[0]!.carousel.cards.flatMap((c) => c.actions.map((a) => a.payload).filter(Boolean));
    expect(new Set(payloads).size).toBeLessThan(payloads.length);
    expect((await pushInto(body)).status).toBe(200);
  });

  it('accepts quick replies with action and summaryText, as the Platform model allows', async () => {
    const r = await pushInto({
      ...spec('QuickReply.json'),
      botState: 'MoreData',
      replyMessages: [{ type: 'Structured', text: 'Pick', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes', action: 'Message', summaryText: 'Yes' } }] }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("reads the spec's bot reply example as a valid answer, as the flow does", () => {
    const reply = botConnectorV2ReplySchema.parse(spec('IncomingMessage-Response.json'));
    expect(replyMessageIssues(reply.replyMessages ?? [])).toEqual([]);
    expect(outgoingMessageRequestSchema.safeParse(spec('OutgoingMessage-Body.json')).success).toBe(true);
  });

  it('still refuses a body Genesys documents as invalid (negative control): a card without title, a Complete without intent', async () => {
    const carousel = structuredClone(spec('Carousel.json')) as { replyMessages: { content: { carousel: { cards: Record<string, unknown>[] } }[] }[] };
    delete carousel.replyMessages[0]!.content[0]!.carousel.cards[0]!.title;
    const noTitle = await pushInto(carousel);
    expect(noTitle.status).toBe(400);
    expect(JSON.stringify(noTitle.body)).toContain('title');
    const { intent: _i, ...noIntent } = spec('QuickReply.json');
    expect((await pushInto(noIntent)).status).toBe(400);
  });
});
