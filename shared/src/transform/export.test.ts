import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportDesign, replyMessagesFor, toReplyMessages } from './export.ts';
import { compile } from './compile.ts';
import { textFallback } from './fallback.ts';
import { botConnectorV1ReplySchema, botConnectorV2ReplySchema, replyMessageSchema, type GenesysMessage } from '../model/genesys.ts';
import { designSchema, type Design, type DesignNode } from '../model/design.ts';
import { createRng, mutate, randomDesign } from '../testing/index.ts';
import { forChannel } from './forChannel.ts';
import { CHANNEL_IDS } from '../model/channels.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

let seq = 0;
function n(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = []): DesignNode {
  seq += 1;
  return { id: `e${seq}`, kind, props, children };
}
function design(root: DesignNode, extra: Partial<Design> = {}): Design {
  return { formatVersion: 1, id: 'd', name: 'd', channel: 'webmessaging', variables: [], root, ...extra };
}
const att = { id: 'a1', mediaType: 'Image', url: 'https://e.com/p.jpg', filename: 'p.jpg' };

describe('toReplyMessages', () => {
  it('strips the envelope and keeps type, text and content', () => {
    const msg: GenesysMessage = {
      id: 'x',
      direction: 'Outbound',
      channel: { platform: 'Open' },
      type: 'Structured',
      text: 'Hi',
      content: [{ contentType: 'Card', card: { title: 'T', description: '', actions: [] } }],
    };
    expect(toReplyMessages(msg)).toStrictEqual([{ type: 'Structured', text: 'Hi', content: msg.content }]);
  });

  it('keeps only text, payload and image in quick replies, and says so', () => {
    const r = replyMessagesFor({
      type: 'Structured',
      content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y', image: 'https://e.com/i.png', action: 'Message', summaryText: 's' } }],
    });
    expect(r.messages).toStrictEqual([
      { type: 'Structured', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y', image: 'https://e.com/i.png' } }] },
    ]);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'export.quick_reply_fields_stripped', path: 'content[0].quickReply' })]);
  });

  it('leaves out content types a bot may not send, naming each', () => {
    const r = replyMessagesFor({
      type: 'Structured',
      text: 'When?',
      content: [
        { contentType: 'DatePicker', datePicker: { title: 'When' } },
        { contentType: 'QuickReply', quickReply: { text: 'Later', payload: 'later' } },
      ],
    });
    expect(r.messages).toStrictEqual([{ type: 'Structured', text: 'When?', content: [{ contentType: 'QuickReply', quickReply: { text: 'Later', payload: 'later' } }] }]);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'export.not_allowed_in_bot_reply', path: 'content[0]' })]);
  });

  it('says why a reply is left empty, naming what a bot may not send', () => {
    const r = replyMessagesFor({ type: 'Structured', content: [{ contentType: 'ListPicker', listPicker: { sections: [] } } as never] });
    expect(r.messages).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['export.not_allowed_in_bot_reply', 'bot_reply.nothing_to_send']);
    expect(r.issues[1]!.message).toContain('ListPicker is not allowed');
    expect(replyMessagesFor({ type: 'Text', text: '' }).issues[0]!.message).toContain('the message is empty');
  });

  it('sends an Attachment alone in a Text message, with the caption', () => {
    expect(toReplyMessages({ type: 'Text', text: 'Caption', content: [{ contentType: 'Attachment', attachment: att as never }] })).toStrictEqual([
      { type: 'Text', text: 'Caption', content: [{ contentType: 'Attachment', attachment: att }] },
    ]);
  });

  it('splits an Attachment mixed with rich content into its own Text message', () => {
    const r = replyMessagesFor({
      type: 'Structured',
      text: 'Look',
      content: [
        { contentType: 'Attachment', attachment: att as never },
        { contentType: 'QuickReply', quickReply: { text: 'OK', payload: 'ok' } },
      ],
    });
    expect(r.messages).toStrictEqual([
      { type: 'Structured', text: 'Look', content: [{ contentType: 'QuickReply', quickReply: { text: 'OK', payload: 'ok' } }] },
      { type: 'Text', content: [{ contentType: 'Attachment', attachment: att }] },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['export.attachment_split']);
  });

  it('sends nothing for an empty message, and a Text message for text alone', () => {
    expect(toReplyMessages({ type: 'Text', text: '' })).toEqual([]);
    expect(toReplyMessages({ type: 'Text', text: 'Hello' })).toStrictEqual([{ type: 'Text', text: 'Hello' }]);
  });

  it('always produces reply messages the Bot Connector schema accepts, for generated designs', () => {
    for (let seed = 1; seed <= 100; seed++) {
      for (const m of toReplyMessages(compile(randomDesign(createRng(seed))))) {
        expect(replyMessageSchema.safeParse(m).success, `seed ${seed}`).toBe(true);
      }
    }
  }, FUZZ_TIMEOUT);
});

describe('exportDesign', () => {
  const d = design(n('message', { text: 'Hi {{name}}' }, [n('quickReply', { text: 'Yes', payload: 'yes', action: 'Message' })]), {
    variables: [{ name: 'name', sample: 'Ada' }],
  });

  it('lists the five formats', () => {
    expect(EXPORT_FORMATS).toEqual(['message', 'botconnector-v2', 'botconnector-v1', 'text', 'design']);
  });

  it('exports the message as pretty JSON, with placeholders unless variables are given', () => {
    const r = exportDesign(d, 'message');
    expect(r.output).toStrictEqual(compile(d));
    expect(r.text).toBe(JSON.stringify(compile(d), null, 2));
    expect((r.output as GenesysMessage).text).toBe('Hi {{name}}');
    expect((exportDesign(d, 'message', { variables: 'samples' }).output as GenesysMessage).text).toBe('Hi Ada');
  });

  it('wraps the message in a MoreData Bot Connector v2 reply by default', () => {
    const r = exportDesign(d, 'botconnector-v2');
    expect(r.output).toStrictEqual({
      botState: 'MoreData',
      replyMessages: [{ type: 'Structured', text: 'Hi {{name}}', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } }] }],
    });
    expect(botConnectorV2ReplySchema.safeParse(r.output).success).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['export.quick_reply_fields_stripped']);
  });

  it('exports v1 with lowercase replymessages and an upper-case botState, without entities', () => {
    const withMeta = { ...d, botReply: { botState: 'Complete' as const, intent: 'Order', entities: [{ name: 'x', type: 'String', value: 'y' }] } };
    const r = exportDesign(withMeta, 'botconnector-v1');
    expect(r.output).toMatchObject({ botState: 'COMPLETE', intent: 'Order' });
    expect(r.output).toHaveProperty('replymessages');
    expect(r.output).not.toHaveProperty('replyMessages');
    expect(r.output).not.toHaveProperty('entities');
    expect(botConnectorV1ReplySchema.safeParse(r.output).success).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('export.entities_not_in_v1');
  });

  it('warns when botState Complete has no intent', () => {
    const r = exportDesign({ ...d, botReply: { botState: 'Complete' } }, 'botconnector-v2');
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'export.complete_needs_intent', path: 'intent' }));
  });

  it('exports the text fallback as plain text, limited by the channel', () => {
    const r = exportDesign(d, 'text', { variables: 'samples' });
    expect(r.output).toBe('Hi Ada\n\n1. Yes');
    expect(r.text).toBe(r.output);
    const long = design(n('message', { text: 'word '.repeat(500) }));
    expect((exportDesign(long, 'text', { channel: 'instagram' }).output as string).length).toBeLessThanOrEqual(1000);
    expect(exportDesign(long, 'text').output).toBe(textFallback(long));
  });

  it('exports the design file as JSON that parses back to the design', () => {
    const r = exportDesign(d, 'design');
    expect(designSchema.parse(JSON.parse(r.text))).toStrictEqual(d);
  });

  it('exports what a channel really gets when a channel is given', () => {
    const carousel = design(
      n('message', {}, [n('carousel', {}, [n('card', { title: 'A' }, [n('action', { type: 'Link', text: 'Go', url: 'https://e.com' })]), n('card', { title: 'B' })])]),
    );
    const r = exportDesign(carousel, 'message', { channel: 'whatsapp' });
    expect((r.output as GenesysMessage).content?.map((c) => c.contentType)).toEqual(['Card', 'Card']);
    expect(r.issues.map((i) => i.code)).toEqual(['channel.carousel_unsupported', 'channel.link_button_dropped']);
    const sms = exportDesign(carousel, 'botconnector-v2', { channel: 'sms' });
    expect(sms.output).toStrictEqual({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'A\nGo: https://e.com\n\nB' }] });
  });
});

describe('robustness', () => {
  it('never throws from compile, forChannel, textFallback or exportDesign on mutated or broken designs', () => {
    const broken: unknown[] = [null, {}, { root: null }, { root: 'x' }, { root: { id: 'r', kind: 'message', props: null, children: [null, 1, 'x'] } }];
    for (let seed = 1; seed <= 80; seed++) {
      const rng = createRng(seed);
      broken.push(mutate(randomDesign(rng), rng));
    }
    for (const d of broken as Design[]) {
      expect(() => compile(d)).not.toThrow();
      expect(() => compile(d, { variables: 'samples' })).not.toThrow();
      expect(() => textFallback(d)).not.toThrow();
      for (const channel of CHANNEL_IDS) expect(() => forChannel(d, channel)).not.toThrow();
      for (const format of EXPORT_FORMATS) expect(() => exportDesign(d, format)).not.toThrow();
    }
  }, FUZZ_TIMEOUT);
});
