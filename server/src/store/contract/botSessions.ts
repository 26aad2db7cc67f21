/** The BotSessionRepo part of the store contract. */
import { describe, expect, it } from 'vitest';
import { inbound, REPLY, sleep, type CurrentStores } from './fixtures.ts';

export function describeBotSessionContract(s: CurrentStores): void {
  describe('bot sessions', () => {
    it('the first inbound message creates the session, the next ones update it', async () => {
      const first = await s().botSessions.recordInbound(inbound('b-1', { parameters: { messengerType: 'whatsapp', runId: 'r-1' } }));
      expect(first.created).toBe(true);
      expect(first.replyMessages).toEqual([]);
      expect(first.session).toMatchObject({
        botSessionId: 'b-1',
        genesysConversationId: 'conv-b-1',
        channel: 'whatsapp',
        status: 'open',
        timeoutMinutes: 60,
        parameters: { messengerType: 'whatsapp', runId: 'r-1' },
        armed: null,
        messageCount: 1,
      });
      expect(Date.parse(first.session.expiresAt) - Date.parse(first.session.lastInboundAt)).toBe(3_600_000);
      expect(first.entry).toMatchObject({ botSessionId: 'b-1', direction: 'inbound', kind: 'text', text: 'hello', messageId: expect.stringMatching(/^m-/) });
      const tap = await s().botSessions.recordInbound(
        inbound('b-1', {
          languageCode: 'fr-fr',
          inputMessage: { type: 'Structured', text: 'Yes', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' } }] },
        }),
      );
      expect(tap.created).toBe(false);
      expect(tap.entry).toMatchObject({ kind: 'tap', taps: [{ type: 'QuickReply', text: 'Yes', payload: 'yes' }] });
      expect(tap.entry.id).toBeGreaterThan(first.entry.id);
      expect(tap.session).toMatchObject({ languageCode: 'fr-fr', channel: 'webmessaging', messageCount: 2, createdAt: first.session.createdAt });
      expect(await s().botSessions.summary('b-1')).toEqual(tap.session);
      expect(await s().botSessions.summary('nope')).toBeUndefined();
      expect(await s().botSessions.get('nope')).toBeUndefined();
    });

    it('a reply entry is settled as delivered or unknown; other entries are left alone', async () => {
      const first = await s().botSessions.recordInbound(inbound('b-1'));
      expect(first.replyEntryId).toBeNull();
      await s().botSessions.arm('b-1', REPLY);
      const next = await s().botSessions.recordInbound(inbound('b-1'));
      await s().botSessions.settleReply(next.replyEntryId!, 'delivered');
      await s().botSessions.settleReply(first.entry.id, 'unknown');
      const timeline = (await s().botSessions.get('b-1'))!.timeline;
      expect(timeline.find((e) => e.kind === 'reply')).toMatchObject({ status: 'delivered', replyMessages: REPLY, botState: 'MoreData' });
      expect(timeline[0]!.status).toBeUndefined();
    });

    it('an armed reply goes out with the next inbound message once and is recorded as a pending reply', async () => {
      await s().botSessions.recordInbound(inbound('b-1'));
      expect(await s().botSessions.arm('nope', REPLY)).toBe(false);
      expect(await s().botSessions.arm('b-1', REPLY)).toBe(true);
      expect((await s().botSessions.summary('b-1'))?.armed).toEqual(REPLY);
      const next = await s().botSessions.recordInbound(inbound('b-1'));
      expect(next.replyMessages).toEqual(REPLY);
      expect(next.session.armed).toBeNull();
      const timeline = (await s().botSessions.get('b-1'))!.timeline;
      expect(timeline.map((e) => [e.direction, e.kind])).toEqual([
        ['inbound', 'text'],
        ['inbound', 'text'],
        ['outbound', 'reply'],
      ]);
      expect(timeline[2]).toMatchObject({ replyMessages: REPLY, botState: 'MoreData', status: 'pending' });
      expect(next.replyEntryId).toBe(timeline[2]!.id);
      expect(next.session.messageCount).toBe(3);
      expect((await s().botSessions.recordInbound(inbound('b-1'))).replyMessages).toEqual([]);
      expect(await s().botSessions.disarm('b-1')).toBe(false);
      await s().botSessions.arm('b-1', REPLY);
      expect(await s().botSessions.disarm('b-1')).toBe(true);
      expect((await s().botSessions.recordInbound(inbound('b-1'))).replyMessages).toEqual([]);
    });

    it('an armed reply keeps who armed it and from what, and gives it back with the reply when taken', async () => {
      await s().botSessions.recordInbound(inbound('b-1'));
      const by = { actor: 'Ada Lovelace', designId: 'd-1', designName: 'Welcome card', channel: 'webmessaging' };
      expect(await s().botSessions.arm('b-1', REPLY, by)).toBe(true);
      // The session reads as before: the reply only.
      expect((await s().botSessions.summary('b-1'))?.armed).toEqual(REPLY);
      expect(await s().botSessions.recordInbound(inbound('b-1'))).toMatchObject({ replyMessages: REPLY, armedBy: by });
      expect(await s().botSessions.recordInbound(inbound('b-1'))).toMatchObject({ replyMessages: [], armedBy: null });
      // Armed without it (a caller that has no actor): the reply still leaves, with no one named.
      await s().botSessions.arm('b-1', REPLY);
      expect(await s().botSessions.recordInbound(inbound('b-1'))).toMatchObject({ replyMessages: REPLY, armedBy: null });
      // Re-armed by someone else before the customer writes: the last arming names who.
      await s().botSessions.arm('b-1', REPLY, by);
      await s().botSessions.arm('b-1', REPLY, { ...by, actor: 'Grace Hopper' });
      expect((await s().botSessions.recordInbound(inbound('b-1'))).armedBy?.actor).toBe('Grace Hopper');
    });

    it('two inbound messages at once take an armed reply only once', async () => {
      await s().botSessions.recordInbound(inbound('b-1'));
      await s().botSessions.arm('b-1', REPLY);
      const both = await Promise.all([s().botSessions.recordInbound(inbound('b-1')), s().botSessions.recordInbound(inbound('b-1'))]);
      expect(both.map((r) => r.replyMessages.length).sort()).toEqual([0, 1]);
      expect((await s().botSessions.get('b-1'))!.timeline.filter((e) => e.kind === 'reply')).toHaveLength(1);
    });

    it('a delivered Complete or Failed push closes the session; another push does not; a message reopens it', async () => {
      await s().botSessions.recordInbound(inbound('b-1'));
      expect(await s().botSessions.recordOutbound('nope', { replyMessages: REPLY, botState: 'MoreData', status: 'delivered' })).toBeUndefined();
      const failed = await s().botSessions.recordOutbound('b-1', { replyMessages: REPLY, botState: 'Complete', status: 'failed', error: 'HTTP 500', requestId: 'req-1' });
      expect(failed).toMatchObject({ direction: 'outbound', kind: 'push', status: 'failed', error: 'HTTP 500', requestId: 'req-1', botState: 'Complete' });
      expect((await s().botSessions.summary('b-1'))?.status).toBe('open');
      await s().botSessions.recordOutbound('b-1', { replyMessages: REPLY, botState: 'MoreData', status: 'delivered', messageId: 'g-1' });
      expect((await s().botSessions.summary('b-1'))?.status).toBe('open');
      const closing = await s().botSessions.recordOutbound('b-1', { replyMessages: REPLY, botState: 'Complete', status: 'delivered', messageId: 'g-2' });
      expect(closing).toMatchObject({ messageId: 'g-2', replyMessages: REPLY });
      expect(await s().botSessions.summary('b-1')).toMatchObject({ status: 'closed', closedReason: 'Complete', messageCount: 4 });
      const reopened = await s().botSessions.recordInbound(inbound('b-1'));
      expect(reopened.session.status).toBe('open');
      expect(reopened.session).not.toHaveProperty('closedReason');
      expect(await s().botSessions.close('b-1', 'ended by the test')).toBe(true);
      expect(await s().botSessions.summary('b-1')).toMatchObject({ status: 'closed', closedReason: 'ended by the test' });
      expect(await s().botSessions.close('nope', 'x')).toBe(false);
    });

    it('a session past its timeout reads as closed by timeout, in summaries and in the status filter', async () => {
      await s().botSessions.recordInbound(inbound('b-short', { botSessionTimeout: 0.002 }));
      await s().botSessions.recordInbound(inbound('b-long'));
      await sleep(200);
      expect(await s().botSessions.summary('b-short')).toMatchObject({ status: 'closed', closedReason: 'timeout' });
      expect((await s().botSessions.list({ status: 'closed' })).map((x) => x.botSessionId)).toEqual(['b-short']);
      expect((await s().botSessions.list({ status: 'open' })).map((x) => x.botSessionId)).toEqual(['b-long']);
      const again = await s().botSessions.recordInbound(inbound('b-short', { botSessionTimeout: 60 }));
      expect(again.session).toMatchObject({ status: 'open' });
    });

    it('list is newest first and findByParameter finds the newest session holding the value', async () => {
      await s().botSessions.recordInbound(inbound('b-1', { parameters: { runId: 'r-1' } }));
      await sleep(3);
      await s().botSessions.recordInbound(inbound('b-2', { parameters: { runId: 'r-2', note: "it's 100%" } }));
      await sleep(3);
      await s().botSessions.recordInbound(inbound('b-3', { parameters: { runId: 'r-1' } }));
      expect((await s().botSessions.list()).map((x) => x.botSessionId)).toEqual(['b-3', 'b-2', 'b-1']);
      expect((await s().botSessions.list({ limit: 1 })).map((x) => x.botSessionId)).toEqual(['b-3']);
      expect((await s().botSessions.findByParameter('runId', 'r-1'))?.botSessionId).toBe('b-3');
      expect((await s().botSessions.findByParameter('note', "it's 100%"))?.botSessionId).toBe('b-2');
      expect(await s().botSessions.findByParameter('runId', 'r-')).toBeUndefined();
      expect(await s().botSessions.findByParameter('other', 'r-1')).toBeUndefined();
      await sleep(3);
      await s().botSessions.recordInbound(inbound('b-1', { parameters: { runId: 'r-1' } }));
      expect((await s().botSessions.findByParameter('runId', 'r-1'))?.botSessionId).toBe('b-1');
    });

    it('the timeline lists every entry oldest first', async () => {
      await s().botSessions.recordInbound(inbound('b-1', { messageId: 'in-1' }));
      await s().botSessions.recordOutbound('b-1', { replyMessages: REPLY, botState: 'MoreData', status: 'unknown', messageId: 'out-1' });
      await s().botSessions.recordInbound(inbound('b-2', { messageId: 'other' }));
      await s().botSessions.recordInbound(inbound('b-1', { messageId: 'in-2' }));
      const detail = (await s().botSessions.get('b-1'))!;
      expect(detail.timeline.map((e) => e.messageId)).toEqual(['in-1', 'out-1', 'in-2']);
      expect(detail.timeline.every((e) => e.botSessionId === 'b-1')).toBe(true);
      expect(detail.timeline[0]).toMatchObject({ raw: { type: 'Text', text: 'hello' }, text: 'hello' });
      const ids = detail.timeline.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(detail.messageCount).toBe(3);
    });
  });
}
