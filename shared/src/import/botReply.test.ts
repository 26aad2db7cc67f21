import { describe, expect, it } from 'vitest';
import { importJson } from './import.ts';
import { exportDesign } from '../transform/export.ts';

describe('importJson: Bot Connector replies', () => {
  it('designs the first Structured reply message and keeps the others and the envelope around it', () => {
    const input = {
      botState: 'MoreData',
      replyMessages: [
        { type: 'Text', text: 'one' },
        { type: 'Structured', text: 'two', content: [{ contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }] },
        { type: 'Structured', text: 'three', content: [{ contentType: 'QuickReply', quickReply: { text: 'b', payload: 'b' } }] },
      ],
      parameters: { p: 'v' },
    };
    const r = importJson(input);
    expect(r.format).toBe('botconnector-v2');
    expect(r.issues).toEqual([]);
    expect(r.design!.root.props).toEqual({ text: 'two' });
    expect(r.design!.botReply).toEqual({ botState: 'MoreData', parameters: { p: 'v' }, before: [input.replyMessages[0]], after: [input.replyMessages[2]] });
    expect(exportDesign(r.design!, 'botconnector-v2').output).toStrictEqual(input);
  });

  it('designs the first message when none is Structured', () => {
    const r = importJson({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'a' }, { type: 'Text', text: 'b' }] });
    expect(r.design!.root.props).toEqual({ text: 'a' });
    expect(r.design!.botReply!.after).toEqual([{ type: 'Text', text: 'b' }]);
  });

  it('reports content a bot may not send with the replyMessages path', () => {
    const r = importJson({
      botState: 'MoreData',
      replyMessages: [
        {
          type: 'Structured',
          content: [
            { contentType: 'DatePicker', datePicker: { title: 'When' } },
            { contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a', action: 'Message' } },
          ],
        },
      ],
    });
    // The quick reply's action is the Platform model's and is accepted; the DatePicker is not a bot's.
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(['replyMessages[0].content[0].contentType']);
    expect(r.issues[0]!.message).toContain('only QuickReply, Card, Carousel, Attachment');
    // Still designable: the date picker shows in the editor with the error beside it.
    expect(r.design!.root.children.map((c) => c.kind)).toEqual(['datePicker', 'quickReply']);
  });

  it('requires an intent with botState Complete', () => {
    const r = importJson({ botState: 'Complete', replyMessages: [] });
    expect(r.issues).toEqual([expect.objectContaining({ path: 'intent' })]);
    expect(r.design).not.toBeNull();
  });

  it('reads the v1 variant with lowercase replymessages and an upper-case botState', () => {
    const r = importJson({ botState: 'MOREDATA', replymessages: [{ type: 'Text', text: 'Hello' }], slotValues: { a: 1 } });
    expect(r.format).toBe('botconnector-v1');
    expect(r.design!.botReply!.botState).toBe('MoreData');
    expect(r.issues.map((i) => i.code).sort()).toEqual(['import.bot_state_normalised', 'import.slot_values_dropped']);
    expect(exportDesign(r.design!, 'botconnector-v1').output).toStrictEqual({ botState: 'MOREDATA', replymessages: [{ type: 'Text', text: 'Hello' }] });
  });

  it('imports an outgoing-messages API push as its reply, leaving out the session address', () => {
    const reply = { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Card', card: { title: 'T', description: '', actions: [] } }] }] };
    const r = importJson({ botId: 'b', botVersion: 'v1', botSessionId: 's-1', languageCode: 'en-us', ...reply });
    expect(r.format).toBe('botconnector-v2');
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'import.outgoing_request' })]);
    expect(exportDesign(r.design!, 'botconnector-v2').output).toStrictEqual(reply);
  });

  it('says when the designed reply message will export as more than one reply message', () => {
    const att = { id: 'a', mediaType: 'Image', url: 'https://e.com/a.png', filename: 'a.png' };
    const r = importJson({
      botState: 'MoreData',
      replyMessages: [{ type: 'Structured', content: [{ contentType: 'Attachment', attachment: att }, { contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }] }],
    });
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'import.not_exact', path: 'replyMessages[0]' })]);
    expect(r.issues[0]!.message).toContain('exports as 2 reply messages');
  });

  it('names the imported design after its first text', () => {
    expect(importJson({ type: 'Text', text: 'Hello there' }).design!.name).toBe('Imported message: Hello there');
    expect(importJson({ botState: 'MoreData', replyMessages: [] }).design!.name).toBe('Imported bot reply');
  });

  it('rejects an unknown botState with a clear message and falls back to MoreData', () => {
    for (const botState of ['Done', 'constructor']) {
      const r = importJson({ botState, replyMessages: [] });
      expect(r.issues[0]).toMatchObject({ path: 'botState', code: 'import.invalid_value' });
      expect(r.design!.botReply!.botState).toBe('MoreData');
    }
  });
});
