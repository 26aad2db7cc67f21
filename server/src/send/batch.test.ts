import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CARD_MESSAGE, openGuest, startHarness, type Harness } from '../testing/harness.ts';

let h: Harness | undefined;
afterAll(async () => {
  await h?.cleanup();
});

describe('a batch above the upstream rate limit', () => {
  it('delivers 200 sends against a 120/min limit exactly once each, pacing instead of hitting 429s', async () => {
    // The sandbox enforces 120 requests/minute per token; the send path is told the same limit.
    h = await startHarness({ GENESYS_RATE_LIMIT_PER_MINUTE: '120' });
    const guest = await openGuest(h);
    const botSessionId = guest.session.botSessionId;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(h!.url)
          .post('/api/sends')
          .set('Idempotency-Key', `batch-${String(i).padStart(4, '0')}`)
          .send({ message: { ...CARD_MESSAGE, text: `Batch ${i}` }, target: { kind: 'botSession', botSessionId } }),
      ),
    );
    guest.close();
    expect(results.map((r) => r.body.status).filter((s) => s !== 'sent')).toEqual([]);
    const outgoing = h.sandbox!.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing');
    expect(outgoing.length).toBe(200);
    expect(new Set(outgoing.map((d) => d.outgoingMessageId)).size).toBe(200);
    expect(new Set(results.map((r) => r.body.genesysMessageId)).size).toBe(200);
    const calls = h.sandbox!.requests().filter((r) => r.route === 'outgoing');
    expect(calls.filter((r) => r.status === 429)).toEqual([]);
    expect(results.every((r) => r.body.attempts === 1)).toBe(true);
  }, 180_000);
});
