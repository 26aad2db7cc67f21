import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CARD_MESSAGE, openGuest, startHarness, waitFor, type Harness } from '../testing/harness.ts';
import { tempDir } from '../testing/tmp.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('restart', () => {
  it('shows a send left pending by a crash as unknown and never resends it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = await startHarness({}, { dataDir: t.dir });
    // The record a send writes before its upstream call; the process "dies" before completing it.
    const pending = (await first.sends.begin({
      idempotencyKey: 'crash-key-0001',
      requestHash: 'h',
      target: { kind: 'botSession', botSessionId: 'b-1' },
      message: { botState: 'MoreData' },
      text: 'Card',
    })).record;
    await first.close();

    const second = await startHarness({}, { dataDir: t.dir });
    cleanups.push(() => second.close());
    const rec = (await request(second.url).get(`/api/sends/${pending.id}`)).body;
    expect(rec.status).toBe('unknown');
    expect(rec.error.kind).toBe('unknown-outcome');
    expect(rec.error.hint).toMatch(/not resent/);
    expect(second.sandbox!.deliveries().length).toBe(0);
    expect(second.sandbox!.requests().filter((r) => r.route === 'outgoing').length).toBe(0);
    const stats = (await request(second.url).get('/api/sends/stats')).body;
    expect(stats.counts.unknown).toBe(1);
    expect(second.logs()).toContain('marked unknown');
  });
});

describe('analytics webhook', () => {
  it('receives each send result from the outbox, retrying after failures without delaying the send', async () => {
    const received: unknown[] = [];
    let failuresLeft = 2;
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          res.statusCode = 503;
          res.end();
          return;
        }
        received.push(JSON.parse(body));
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => hook.close(() => r())));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/events`;
    const h: Harness = await startHarness({ ANALYTICS_WEBHOOK_URL: url });
    cleanups.push(() => h.cleanup());
    const guest = await openGuest(h);
    cleanups.push(() => guest.close());
    const res = await request(h.url)
      .post('/api/sends')
      .set('Idempotency-Key', 'webhook-send-1')
      .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: guest.session.botSessionId } });
    expect(res.body.status).toBe('sent');
    await waitFor(() => received.length > 0, 15_000);
    expect(received[0]).toMatchObject({ event: 'send.completed', sendId: res.body.id, status: 'sent', attempts: 1 });
    // The outbox marks the row delivered once the webhook's answer is back, just after it received the body.
    await waitFor(async () => (await h.outbox.counts()).delivered === 1, 15_000);
    expect(await h.outbox.counts()).toMatchObject({ delivered: 1, pending: 0 });
    expect(failuresLeft).toBe(0);
  }, 30_000);
});
