/**
 * The whole loop in the sandbox: a guest says hi → the simulated flow calls our bot → the
 * session appears → a card is pushed through the outgoing API → the guest socket receives it
 * → the guest taps a button → the ButtonResponse lands in the session timeline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyMessage } from '@grmd/shared';
import { startSandbox, TEST_BOT, TEST_DEPLOYMENT_ID, TEST_ORIGIN } from '../testing/sandbox.ts';
import { startBotServer, BOT_SECRET } from '../testing/botServer.ts';
import { CARD_MESSAGE } from '../testing/harness.ts';
import { createGuestClient, type GuestClient } from '../guest/index.ts';

let env: Awaited<ReturnType<typeof startSandbox>>;
let bot: Awaited<ReturnType<typeof startBotServer>>;
let guest: GuestClient;

beforeEach(async () => {
  bot = await startBotServer(TEST_BOT);
  env = await startSandbox({
    deployment: {
      botConnectorUri: bot.botConnectorUri,
      secretHeaderName: 'X-Bot-Connector-Secret',
      secretHeaderValue: BOT_SECRET,
    },
  });
  guest = createGuestClient({ url: env.wsUrl, deploymentId: TEST_DEPLOYMENT_ID, origin: TEST_ORIGIN });
});
afterEach(async () => {
  await guest.close();
  await env.sandbox.close();
  await bot.close();
});

// The harness's card, with the message text and default action a push may carry too.
const card = {
  ...CARD_MESSAGE,
  text: "Here is this week's offer",
  content: [{ contentType: 'Card', card: { ...CARD_MESSAGE.content[0]!.card, defaultAction: { type: 'Link', url: 'https://www.example.com/flights/norway' } } }],
} as ReplyMessage;

describe('full loop in the sandbox', () => {
  it('delivers a pushed card to the guest and records the tap in the session timeline', async () => {
    const session = await guest.connect();
    expect(session).toMatchObject({ connected: true, newSession: true });

    const created = bot.nextChange((c) => c.type === 'created');
    guest.sendText('hi');
    const { session: s } = await created;
    expect(s).toMatchObject({ botId: 'test-bot', botVersion: 'v1', status: 'open', channel: 'webmessaging', languageCode: 'en-us' });
    expect((await bot.store.get(s.botSessionId))!.timeline[0]).toMatchObject({ direction: 'inbound', kind: 'text', text: 'hi' });

    const client = env.client();
    const since = guest.lastSeq;
    const pushed = await client.postOutgoingMessage({
      botId: s.botId,
      botVersion: s.botVersion,
      botSessionId: s.botSessionId,
      languageCode: s.languageCode,
      botState: 'MoreData',
      replyMessages: [card],
    });
    await bot.store.recordOutbound(s.botSessionId, { replyMessages: [card], botState: 'MoreData', status: 'delivered', messageId: pushed.messageId, requestId: pushed.requestId });

    const frame = await guest.waitFor((f) => f.kind === 'message' && (f.frame.body as { originatingEntity?: string }).originatingEntity === 'Bot', { since });
    expect(frame.frame).toMatchObject({ type: 'message', class: 'StructuredMessage', code: 200 });
    const body = frame.frame.body as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'Structured', direction: 'Outbound', originatingEntity: 'Bot', id: pushed.messageId, text: card.text });
    expect(body.content).toEqual(card.content);
    expect(Number.isNaN(Date.parse((body.channel as { time: string }).time))).toBe(false);
    expect(guest.received().map((b) => b.id)).toEqual([pushed.messageId]);

    const deliveries = env.sandbox.deliveries({ botSessionId: s.botSessionId });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ kind: 'outgoing', conversationId: s.genesysConversationId, messageId: pushed.messageId, sockets: 1 });

    const tapped = bot.nextChange((c) => c.type === 'inbound' && c.entry?.kind === 'tap');
    guest.tap({ type: 'Button', text: 'Book Now', payload: 'I want it' });
    const change = await tapped;
    expect(change.botSessionId).toBe(s.botSessionId);
    expect(change.entry!.taps).toEqual([{ type: 'Button', text: 'Book Now', payload: 'I want it' }]);
    expect((await bot.store.get(s.botSessionId))!.timeline.map((e) => `${e.direction}:${e.kind}`)).toEqual(['inbound:text', 'outbound:push', 'inbound:tap']);
  });

  it('returns an armed card synchronously on the next guest message', async () => {
    await guest.connect();
    const created = bot.nextChange((c) => c.type === 'created');
    guest.sendText('hi');
    const { session: s } = await created;
    await bot.store.arm(s.botSessionId, [card]);
    const since = guest.lastSeq;
    guest.sendText('show me');
    const frame = await guest.waitFor((f) => f.kind === 'message' && (f.frame.body as { direction?: string }).direction === 'Outbound', { since });
    expect((frame.frame.body as { content: unknown }).content).toEqual(card.content);
    await env.sandbox.idle();
    expect(env.sandbox.deliveries({ botSessionId: s.botSessionId }).map((d) => d.kind)).toEqual(['bot-reply']);
    expect((await bot.store.get(s.botSessionId))!.armed).toBeNull();
  });

  it('starts the flow from a Presence Join without any typed text', async () => {
    await guest.connect();
    const created = bot.nextChange((c) => c.type === 'created');
    guest.join();
    const { session: s } = await created;
    expect((await bot.store.get(s.botSessionId))!.timeline[0]).toMatchObject({ kind: 'text', text: '' });
  });

  it('keeps the echo heartbeat out of the received messages', async () => {
    await guest.connect();
    guest.echo();
    const echo = await guest.waitFor((f) => f.kind === 'echo');
    expect(echo.frame).toMatchObject({ type: 'response', class: 'StructuredMessage', code: 200 });
    expect(guest.messages()).toHaveLength(0);
  });
});
