import { describe, expect, it } from 'vitest';
import { forChannel } from './forChannel.ts';
import { compile } from './compile.ts';
import { textFallback } from './fallback.ts';
import { CHANNEL_IDS, CHANNELS } from '../model/channels.ts';
import { genesysMessageSchema } from '../model/genesys.ts';
import { SMS_SEGMENT_MAX } from '../model/limits.ts';
import type { Design, DesignNode } from '../model/design.ts';
import { createRng, randomDesign } from '../testing/index.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

let seq = 0;
function n(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = []): DesignNode {
  seq += 1;
  return { id: `c${seq}`, kind, props, children };
}
function design(...content: DesignNode[]): Design {
  return { formatVersion: 1, id: 'd', name: 'd', channel: 'webmessaging', variables: [], root: n('message', { text: 'Hi' }, content) };
}
const postback = (t: string) => n('action', { type: 'Postback', text: t, payload: t });
const link = (t: string) => n('action', { type: 'Link', text: t, url: `https://e.com/${t}` });

describe('forChannel', () => {
  it('leaves a plain card unchanged on Web Messenger, with no issue', () => {
    const d = design(n('card', { title: 'A' }, [postback('a'), link('b')]));
    const r = forChannel(d, 'webmessaging');
    expect(r.issues).toEqual([]);
    expect(r.design).toBe(d);
    expect(r.text).toBeNull();
    expect(r.message).toStrictEqual(compile(d));
  });

  it('turns a carousel into its cards on WhatsApp and Twitter, with an error naming the change', () => {
    const carousel = n('carousel', {}, [n('card', { title: 'A' }, [postback('a')]), n('card', { title: 'B' }, [postback('b')])]);
    for (const channel of ['whatsapp', 'twitter'] as const) {
      const r = forChannel(design(carousel), channel);
      expect(r.message.content?.map((c) => c.contentType)).toEqual(['Card', 'Card']);
      const issue = r.issues.find((i) => i.code === 'channel.carousel_unsupported');
      expect(issue).toMatchObject({ severity: 'error', path: 'content[0].carousel', nodeId: carousel.id });
      expect(issue!.message).toContain('does not support carousels');
    }
  });

  it('keeps a carousel where support is unknown or partial, with a warning', () => {
    const d = design(n('carousel', {}, [n('card', { title: 'A' }, [postback('a')]), n('card', { title: 'B' }, [postback('b')])]));
    for (const channel of ['line', 'apple', 'open', 'instagram'] as const) {
      const r = forChannel(d, channel);
      expect(r.message.content?.[0]?.contentType).toBe('Carousel');
      expect(r.issues.find((i) => i.code === 'channel.carousel_unconfirmed')).toMatchObject({ severity: 'warning', path: 'content[0].carousel' });
    }
  });

  it('drops Link buttons on WhatsApp, one error per button with its path', () => {
    const l = link('docs');
    const r = forChannel(design(n('card', { title: 'A' }, [postback('a'), l])), 'whatsapp');
    expect(r.message.content?.[0]).toMatchObject({ card: { actions: [{ type: 'Postback', text: 'a', payload: 'a' }] } });
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'channel.link_button_dropped', path: 'content[0].card.actions[1]', nodeId: l.id })]);
  });

  it('cuts buttons beyond cardButtonsMax on WhatsApp, where more is an error', () => {
    const fourth = postback('d');
    const r = forChannel(design(n('card', { title: 'A' }, [postback('a'), postback('b'), postback('c'), fourth])), 'whatsapp');
    const card = r.message.content?.[0];
    expect(card?.contentType === 'Card' && card.card.actions.map((a) => a.text)).toEqual(['a', 'b', 'c']);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'channel.card_button_cut', path: 'content[0].card.actions[3]', nodeId: fourth.id })]);
    expect(r.issues[0]!.message).toContain('CARD_BUTTONS_MAX = 3');
  });

  it('counts buttons after dropping links, so a link never costs a Postback its place', () => {
    const r = forChannel(design(n('card', { title: 'A' }, [link('x'), postback('a'), postback('b'), postback('c')])), 'whatsapp');
    const card = r.message.content?.[0];
    expect(card?.contentType === 'Card' && card.card.actions.map((a) => a.text)).toEqual(['a', 'b', 'c']);
    expect(r.issues.map((i) => i.code)).toEqual(['channel.link_button_dropped']);
  });

  it('keeps four buttons on Facebook, where more than three is a warning, and says so', () => {
    const r = forChannel(design(n('card', { title: 'A' }, [postback('a'), postback('b'), postback('c'), postback('d')])), 'facebook');
    const card = r.message.content?.[0];
    expect(card?.contentType === 'Card' && card.card.actions).toHaveLength(4);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'card.too_many_buttons', path: 'content[0].card' })]);
  });

  it('removes the default action where the channel ignores it (WhatsApp, LINE, Twitter)', () => {
    const withDefault = () => design(n('card', { title: 'A', defaultAction: { type: 'Link', url: 'https://e.com' } }, [postback('a')]));
    for (const channel of CHANNEL_IDS.filter((c) => CHANNELS[c].rich)) {
      const r = forChannel(withDefault(), channel);
      const card = r.message.content?.find((c) => c.contentType === 'Card');
      if (CHANNELS[channel].defaultActionIgnored) {
        expect(card?.contentType === 'Card' && card.card.defaultAction, channel).toBeUndefined();
        expect(r.issues.find((i) => i.code === 'channel.default_action_ignored'), channel).toMatchObject({ path: 'content[0].card.defaultAction' });
      } else {
        expect(card?.contentType === 'Card' && card.card.defaultAction, channel).toEqual({ type: 'Link', url: 'https://e.com', text: 'A' });
      }
    }
    expect(['whatsapp', 'line', 'twitter'].every((c) => CHANNELS[c as 'line'].defaultActionIgnored)).toBe(true);
  });

  it('names the default action of a carousel card by its carousel path', () => {
    const d = design(n('carousel', {}, [n('card', { title: 'A', defaultAction: { type: 'Link', url: 'https://e.com' } }, [postback('a')])]));
    const r = forChannel(d, 'line');
    expect(r.issues.find((i) => i.code === 'channel.default_action_ignored')!.path).toBe('content[0].carousel.cards[0].defaultAction');
  });

  it('drops list pickers everywhere but Apple, and date pickers everywhere but Web Messenger and Apple', () => {
    const d = design(
      n('listPicker', { receivedMessage: { title: 'Pick' }, replyMessage: { title: 'Thanks' } }, [n('listSection', { title: 'S', multipleSelection: false }, [n('listItem', { id: 'i', title: 'I' })])]),
      n('datePicker', { title: 'When' }),
    );
    const kinds = (channel: (typeof CHANNEL_IDS)[number]) => forChannel(d, channel).message.content?.map((c) => c.contentType) ?? [];
    expect(kinds('webmessaging')).toEqual(['DatePicker']);
    expect(kinds('apple')).toEqual(['ListPicker', 'DatePicker']);
    expect(kinds('facebook')).toEqual([]);
    const wm = forChannel(d, 'webmessaging').issues;
    expect(wm.find((i) => i.code === 'channel.list_picker_dropped')).toMatchObject({ severity: 'warning', path: 'content[0].listPicker' });
    expect(wm.find((i) => i.code === 'channel.date_picker_unconfirmed')).toMatchObject({ severity: 'warning', path: 'content[1].datePicker' });
  });

  it('notes that WhatsApp shows more than three quick replies as a list', () => {
    const r = forChannel(design(...['a', 'b', 'c', 'd'].map((t) => n('quickReply', { text: t, payload: t }))), 'whatsapp');
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'channel.quick_replies_as_list' })]);
    expect(r.message.content).toHaveLength(4);
  });

  it('gives SMS the text fallback as a Text message', () => {
    const d = design(n('card', { title: 'Order' }, [postback('Track'), link('Invoice')]));
    const r = forChannel(d, 'sms');
    expect(r.text).toBe(textFallback(d, { maxLength: CHANNELS.sms.textMax }));
    expect(r.text).toContain('1. Track');
    expect(r.message).toStrictEqual({ type: 'Text', text: r.text });
    expect(r.design.root.children).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'channel.text_fallback', severity: 'warning' })]);
  });

  it('says when the SMS fallback had to be cut', () => {
    const d = design(n('card', { title: 'x'.repeat(900) }, [postback('a')]));
    const r = forChannel(d, 'sms');
    expect(r.text!.length).toBeLessThanOrEqual(CHANNELS.sms.textMax);
    expect(r.issues.map((i) => i.code)).toEqual(['channel.text_fallback', 'channel.text_truncated', 'channel.sms_segments']);
  });

  it('warns when the SMS fallback of rich content needs more than one segment', () => {
    const short = forChannel(design(n('card', { title: 'Order' }, [postback('Track')])), 'sms');
    expect(short.issues.map((i) => i.code)).not.toContain('channel.sms_segments');
    const long = forChannel(design(n('card', { title: 'Order', description: 'd'.repeat(150) }, [postback('Track'), postback('Return')])), 'sms');
    expect(long.text!.length).toBeGreaterThan(SMS_SEGMENT_MAX);
    expect(long.issues).toContainEqual(expect.objectContaining({ code: 'channel.sms_segments', severity: 'warning', message: expect.stringContaining('SMS_SEGMENT_MAX') }));
  });

  it('always returns a schema-valid message for generated designs on every channel', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const d = randomDesign(createRng(seed));
      for (const channel of CHANNEL_IDS) {
        const r = forChannel(d, channel);
        expect(genesysMessageSchema.safeParse(r.message).success, `seed ${seed} ${channel}`).toBe(true);
        expect(r.text === null, `${channel}`).toBe(CHANNELS[channel].rich);
        for (const i of r.issues) expect(i.message.length).toBeGreaterThan(20);
      }
    }
  }, FUZZ_TIMEOUT);

  it('treats an unknown channel id as Web Messenger instead of reading inherited keys', () => {
    const d = design(n('card', { title: 'A' }, [postback('a')]));
    for (const channel of ['toString', 'pager']) {
      const r = forChannel(d, channel as 'sms');
      expect(r.message).toStrictEqual(compile(d));
      expect(r.text).toBeNull();
    }
  });
});
