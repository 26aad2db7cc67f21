/**
 * Every frame the sandbox sends a guest is what Genesys' own guest API schema describes
 * (../shared/reference/web-messaging/guest-api-swagger.json): the frame envelope as BaseMessage
 * and its body as the class it names. A real send, a tap, an echo and getJwt run through the
 * whole server, so the frames are the ones a test conversation really gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { guestSchemaErrors, messageSchemaErrors } from '@grmd/shared/testing/guestApi';
import { CARD_MESSAGE, openGuest, startHarness, waitFor, type Guest, type Harness } from '../testing/harness.ts';

type Frame = Guest['frames'][number];

/** What the schema says of one frame: [] when it conforms. */
function frameErrors(f: Frame): string[] {
  if (typeof f.body === 'string') return []; // error frames: class "string", described by the catalogue, not a definition
  const envelope = guestSchemaErrors('BaseMessage', f).map((e) => `envelope ${e}`);
  const body = f.class === 'StructuredMessage' ? messageSchemaErrors(f.body) : guestSchemaErrors(f.class, f.body);
  return [...envelope, ...body.map((e) => `${f.class} body ${e}`)];
}

let h: Harness;
let guest: Guest;
beforeAll(async () => {
  h = await startHarness();
  guest = await openGuest(h);
  const target = { kind: 'botSession', botSessionId: guest.session.botSessionId };
  const quickReplies = { type: 'Structured', text: 'Pick one', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } }] };
  for (const message of [CARD_MESSAGE, quickReplies]) {
    const r = await request(h.url).post('/api/sends').set('Idempotency-Key', `frames-${message.type}-${Math.random()}`).send({ message, target });
    expect(r.body.status).toBe('sent');
  }
  guest.ws.send(JSON.stringify({ action: 'onMessage', token: guest.token, message: { type: 'Structured', text: 'Yes', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' } }] } }));
  guest.ws.send(JSON.stringify({ action: 'echo', token: guest.token, message: { type: 'Text', text: 'ping', metadata: { customMessageId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=' } } }));
  guest.ws.send(JSON.stringify({ action: 'getJwt', token: guest.token }));
  await waitFor(() => guest.frames.some((f) => f.class === 'JwtResponse') && guest.frames.filter((f) => (f.body as { direction?: string }).direction === 'Outbound' && (f.body as { content?: unknown }).content).length >= 2, 15_000);
}, 60_000);
afterAll(async () => {
  guest?.close();
  await h?.cleanup();
});

describe('guest frames against the official Web Messaging guest API schema', () => {
  it('has a SessionResponse, the guest echoes, receipts, the delivered card and quick reply, and a JwtResponse {jwt, exp}', () => {
    const classes = new Set(guest.frames.map((f) => f.class));
    expect([...classes]).toEqual(expect.arrayContaining(['SessionResponse', 'StructuredMessage', 'JwtResponse']));
    const jwt = guest.frames.find((f) => f.class === 'JwtResponse')!;
    expect(jwt).toMatchObject({ type: 'response', code: 200, body: { jwt: expect.any(String), exp: expect.any(Number) } });
    const card = guest.frames.find((f) => JSON.stringify(f.body).includes('"Card"'))!;
    expect((card.body as { metadata?: Record<string, string> }).metadata?.correlationId).toEqual(expect.any(String));
  });

  it('every frame conforms: envelope as BaseMessage, body as its class', () => {
    expect(guest.frames.length).toBeGreaterThan(5);
    for (const f of guest.frames) expect(frameErrors(f), JSON.stringify(f)).toEqual([]);
  });

  it('finds a frame that does not conform (negative control)', () => {
    const card = guest.frames.find((f) => JSON.stringify(f.body).includes('"Card"'))!;
    const broken = structuredClone(card) as Frame & { body: { type: string; content: { card: Record<string, unknown> }[] } };
    broken.body.type = 'Bogus';
    delete broken.body.content[0]!.card.title;
    expect(frameErrors(broken).length).toBeGreaterThanOrEqual(2);
    expect(frameErrors({ ...card, code: 'x' as unknown as number })).not.toEqual([]);
  });
});
