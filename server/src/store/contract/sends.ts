/** The SendRepo part of the store contract (with the outbox rows written alongside). */
import { describe, expect, it } from 'vitest';
import type { SendRecord } from '@grmd/shared';
import { InvalidCursorError, UNKNOWN_OUTCOME } from '../errors.ts';
import type { OutboxFor } from '../ports.ts';
import { sendInput, sleep, type CurrentStores } from './fixtures.ts';

const toOutbox: OutboxFor = (r: SendRecord) => ({ topic: 'send.completed', payload: { id: r.id, status: r.status } });

export function describeSendContract(s: CurrentStores): void {
  describe('sends', () => {
    it('begin claims a new key; the same request is in flight while pending and a replay once completed', async () => {
      const first = await s().sends.begin(sendInput('k-1'));
      expect(first.kind).toBe('new');
      expect(first.record).toMatchObject({ status: 'pending', attempts: 0, actor: 'Ada', designName: 'Welcome card', target: { kind: 'botSession', botSessionId: 'b-1' } });
      expect(first.record.message).toEqual(sendInput('k-1').message);
      expect(await s().sends.begin(sendInput('k-1'))).toEqual({ kind: 'in-flight', record: first.record });
      const done = await s().sends.complete(first.record.id, { status: 'sent', genesysMessageId: 'g-1', attempts: 1, latencyMs: 42 });
      expect(done).toMatchObject({ id: first.record.id, status: 'sent', genesysMessageId: 'g-1', attempts: 1, latencyMs: 42, error: null });
      expect(done.completedAt).not.toBeNull();
      expect(await s().sends.begin(sendInput('k-1'))).toEqual({ kind: 'replay', record: done });
      expect(await s().sends.findByKey('k-1')).toEqual({ hash: 'hash-of-k-1', record: done });
      expect(await s().sends.findByKey('k-2')).toBeNull();
      expect(await s().sends.get(first.record.id)).toEqual(done);
    });

    it('a bot reply (a record-only target) is kept and found like any other send', async () => {
      const target = { kind: 'botReply', botSessionId: 'b-77', inReplyTo: 'm-1' } as const;
      const { record } = await s().sends.begin(sendInput('k-reply', { target }));
      expect(record.target).toEqual(target);
      await s().sends.complete(record.id, { status: 'sent', attempts: 1, latencyMs: 4 });
      const found = await s().sends.list({ q: 'b-77' });
      expect(found.items.map((r) => [r.id, r.status, r.target])).toEqual([[record.id, 'sent', target]]);
    });

    it('the same key with a different request is a mismatch that changes nothing', async () => {
      const first = await s().sends.begin(sendInput('k-1'));
      const other = await s().sends.begin(sendInput('k-1', { requestHash: 'another', designName: 'Other' }));
      expect(other).toEqual({ kind: 'mismatch', record: first.record });
    });

    it('one key begun by several calls at once is new exactly once', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => s().sends.begin(sendInput('k-race'))));
      expect(results.filter((r) => r.kind === 'new')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'in-flight')).toHaveLength(7);
      expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
      expect((await s().sends.stats()).total).toBe(1);
    });

    it('complete writes its outbox row in the same transaction, and only a pending record changes', async () => {
      const { record } = await s().sends.begin(sendInput('k-1'));
      const error = { kind: 'upstream', message: 'Genesys said no', status: 400 };
      const done = await s().sends.complete(record.id, { status: 'failed', attempts: 2, latencyMs: null, error }, toOutbox);
      expect(done).toMatchObject({ status: 'failed', error, attempts: 2 });
      expect(await s().outbox.counts()).toEqual({ pending: 1, delivered: 0, dead: 0 });
      const [item] = await s().outbox.claimDue(10, 60_000);
      expect(item).toMatchObject({ topic: 'send.completed', payload: { id: record.id, status: 'failed' }, attempts: 0 });
      const again = await s().sends.complete(record.id, { status: 'sent', attempts: 3, latencyMs: 5 }, toOutbox);
      expect(again).toEqual(done);
      expect(await s().outbox.counts()).toEqual({ pending: 1, delivered: 0, dead: 0 });
    });

    it('complete leaves the record pending when its outbox row cannot be made', async () => {
      const { record } = await s().sends.begin(sendInput('k-1'));
      const broken: OutboxFor = () => {
        throw new Error('no outbox row');
      };
      await expect(s().sends.complete(record.id, { status: 'sent', attempts: 1, latencyMs: 1 }, broken)).rejects.toThrow('no outbox row');
      expect((await s().sends.get(record.id))?.status).toBe('pending');
      expect(await s().outbox.counts()).toEqual({ pending: 0, delivered: 0, dead: 0 });
    });

    it('refused logs a failed send with no attempt under a key of its own, with its outbox row', async () => {
      const { idempotencyKey: _k, requestHash: _h, ...input } = sendInput('k-1');
      const error = { kind: 'invalid', message: 'Nothing a bot may send' };
      const refused = await s().sends.refused(input, error, toOutbox);
      expect(refused).toMatchObject({ status: 'failed', attempts: 0, latencyMs: null, error, actor: 'Ada' });
      expect(refused.completedAt).not.toBeNull();
      expect(await s().sends.findByKey('k-1')).toBeNull();
      expect((await s().sends.begin(sendInput('k-1'))).kind).toBe('new');
      expect(await s().outbox.counts()).toEqual({ pending: 1, delivered: 0, dead: 0 });
    });

    it('recoverPending makes only records pending since before the cutoff unknown, each with an outbox row', async () => {
      const old = await s().sends.begin(sendInput('k-old'));
      const done = await s().sends.begin(sendInput('k-done'));
      await s().sends.complete(done.record.id, { status: 'sent', attempts: 1, latencyMs: 3 });
      await sleep(5);
      const cutoff = new Date().toISOString();
      await sleep(5);
      const young = await s().sends.begin(sendInput('k-young'));
      expect(await s().sends.recoverPending(cutoff, toOutbox)).toBe(1);
      expect(await s().sends.get(old.record.id)).toMatchObject({ status: 'unknown', error: UNKNOWN_OUTCOME });
      expect((await s().sends.get(young.record.id))?.status).toBe('pending');
      expect((await s().sends.get(done.record.id))?.status).toBe('sent');
      expect((await s().outbox.claimDue(10, 60_000)).map((i) => i.payload)).toEqual([{ id: old.record.id, status: 'unknown' }]);
      expect((await s().sends.begin(sendInput('k-old'))).kind).toBe('replay');
    });

    it('list pages newest first with an opaque cursor and refuses a cursor it did not hand out', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await s().sends.begin(sendInput(`k-${i}`))).record.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const r = await s().sends.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...r.items.map((x) => x.id));
        if (!r.nextCursor) break;
        expect(r.items).toHaveLength(2);
        cursor = r.nextCursor;
      }
      expect(seen).toEqual([...ids].reverse());
      expect((await s().sends.list({ limit: 5 })).nextCursor).toBeNull();
      await expect(s().sends.list({ cursor: 'not-ours!' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(s().sends.list({ cursor: Buffer.from('-1').toString('base64url') })).rejects.toMatchObject({ code: 'invalid_cursor' });
    });

    it('list filters by status, actor and text in the design name, ids and target, % and _ as themselves', async () => {
      const a = await s().sends.begin(sendInput('k-a', { designName: '50% off', actor: 'Ada' }));
      const b = await s().sends.begin(sendInput('k-b', { designName: 'fifty off', actor: 'Bob', target: { kind: 'conversation', conversationId: 'conv_77' } }));
      await s().sends.begin(sendInput('k-c', { designName: 'convX77', actor: 'Bob' }));
      await s().sends.complete(a.record.id, { status: 'sent', genesysMessageId: 'GEN-abc', attempts: 1, latencyMs: 9 });
      const ids = async (o: Parameters<ReturnType<CurrentStores>['sends']['list']>[0]) => (await s().sends.list(o)).items.map((r) => r.id);
      expect(await ids({ status: 'sent' })).toEqual([a.record.id]);
      expect(await ids({ actor: 'Bob', q: 'fifty' })).toEqual([b.record.id]);
      expect(await ids({ q: '%' })).toEqual([a.record.id]);
      expect(await ids({ q: 'v_7' })).toEqual([b.record.id]);
      expect(await ids({ q: 'gen-ABC' })).toEqual([a.record.id]);
      expect(await ids({ q: b.record.id.slice(0, 13) })).toEqual([b.record.id]);
      expect(await ids({ actor: 'Nobody' })).toEqual([]);
    });

    it('stats count every status and give the success rate and latency percentiles of sent ones', async () => {
      expect(await s().sends.stats()).toEqual({ total: 0, counts: { pending: 0, sent: 0, failed: 0, unknown: 0 }, successRate: null, latencyMs: { p50: null, p95: null } });
      for (let i = 1; i <= 4; i++) {
        const { record } = await s().sends.begin(sendInput(`k-${i}`));
        await s().sends.complete(record.id, { status: 'sent', attempts: 1, latencyMs: i * 10 });
      }
      const f = await s().sends.begin(sendInput('k-f'));
      await s().sends.complete(f.record.id, { status: 'failed', attempts: 1, latencyMs: 999 });
      await s().sends.begin(sendInput('k-p'));
      expect(await s().sends.stats()).toEqual({ total: 6, counts: { pending: 1, sent: 4, failed: 1, unknown: 0 }, successRate: 80, latencyMs: { p50: 20, p95: 40 } });
    });
  });
}
