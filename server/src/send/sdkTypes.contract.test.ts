/**
 * Every body the server sends to Genesys type-checks against the official JavaScript SDK's
 * models (npm purecloud-platform-client-v2, a dev dependency): the outgoing messages API body
 * as OutgoingMessageRequest, the agent send as AdditionalMessage. The bodies are the ones the
 * audit log records as sent (exactly what went out), from real sends of every reference
 * example through the whole server into the sandbox; one tsc pass checks them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { exportDesign } from '@grmd/shared';
import { sdkTypeErrors, type SdkBody } from '@grmd/shared/testing/sdkTypes';
import { contractDesigns } from '@grmd/shared/contract/fixtures';
import { openGuest, startHarness, type Guest, type Harness } from '../testing/harness.ts';

let h: Harness;
let guest: Guest;
const bodies: SdkBody[] = [];

beforeAll(async () => {
  h = await startHarness();
  guest = await openGuest(h);
  const conversationId = h.sandbox!.conversations()[0]!.id;
  let n = 0;
  for (const { name, design } of contractDesigns()) {
    // A bot reply example holds a Text reply too: send what the designer would, its message.
    const message = exportDesign(design, 'message').output;
    for (const target of [
      { kind: 'botSession', botSessionId: guest.session.botSessionId },
      { kind: 'conversation', conversationId },
    ]) {
      const r = await request(h.url).post('/api/sends').set('Idempotency-Key', `sdk-contract-${n++}`).send({ message, target });
      if (r.body.id === undefined) continue; // refused before sending (nothing went out)
      const record = await request(h.url).get(`/api/sends/${r.body.id}`);
      bodies.push({ name: `${name} to ${target.kind}`, model: target.kind === 'botSession' ? 'OutgoingMessageRequest' : 'AdditionalMessage', body: record.body.message });
    }
  }
}, 120_000);
afterAll(async () => {
  guest?.close();
  await h?.cleanup();
});

describe('bodies sent to Genesys against the official Platform SDK models', () => {
  it('sends an outgoing push and an agent text for the reference examples, and each type-checks', () => {
    expect(bodies.filter((b) => b.model === 'OutgoingMessageRequest').length).toBeGreaterThanOrEqual(5);
    expect(bodies.filter((b) => b.model === 'AdditionalMessage').length).toBeGreaterThanOrEqual(5);
    expect(sdkTypeErrors(bodies)).toEqual([]);
  }, 120_000);

  it('reports a body the Platform API would not take (negative control)', () => {
    const push = bodies.find((b) => b.model === 'OutgoingMessageRequest')!;
    const errors = sdkTypeErrors([
      { ...push, body: { ...(push.body as object), botSessionTimeout: 5 } },
      { name: 'agent', model: 'AdditionalMessage', body: { text: 'hi' } },
    ]);
    expect(errors.some((e) => e.includes('botSessionTimeout'))).toBe(true);
    expect(errors.some((e) => e.startsWith('agent'))).toBe(true);
  }, 120_000);
});
