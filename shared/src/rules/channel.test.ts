import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS, type ChannelId } from '../model/channels.ts';
import type { Design } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import { SMS_SEGMENT_MAX, SMS_TEXT_MAX, TEXT_MAX } from '../model/limits.ts';
import { createRng, randomDesign } from '../testing/index.ts';
import { forChannel } from '../transform/forChannel.ts';
import { card, carousel, design, link, one, postback, qr, run, withCode } from './fixtures.ts';
import { validate } from './validate.ts';

// 40 random designs × every channel: a generous timeout so a busy 2-core machine never fails
// it (it asserts agreement, never speed).
const LOOP_TIMEOUT = 60_000;

const key = (i: Issue) => `${i.severity} ${i.code} ${i.path} ${i.nodeId ?? ''}`;

describe('one source of channel rules', () => {
  it('lists every change forChannel makes among the problems validate reports, and every channel problem among the changes', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const d = randomDesign(createRng(seed));
      for (const channel of CHANNEL_IDS) {
        const problems = new Set(validate(d, { channel }).map(key));
        const changes = forChannel(d, channel, { variables: 'samples' }).issues;
        for (const c of changes) expect(problems.has(key(c)), `seed ${seed} ${channel}: ${key(c)}`).toBe(true);
        const changed = new Set(changes.map(key));
        for (const p of validate(d, { channel }).filter((i) => i.code.startsWith('channel.'))) {
          expect(changed.has(key(p)), `seed ${seed} ${channel}: ${key(p)}`).toBe(true);
        }
      }
    }
  }, LOOP_TIMEOUT);

  it('says in both places that a card has more buttons than Web Messenger recommends', () => {
    const d = design([card([postback(), postback(), postback(), postback()])]) as unknown as Design;
    const problem = one(run(d, { channel: 'webmessaging' }), 'card.too_many_buttons');
    expect(problem).toMatchObject({ severity: 'warning', path: 'content[0].card' });
    expect(problem.message).toContain('Web Messenger');
    const change = forChannel(d, 'webmessaging');
    expect(change.issues).toEqual([problem]);
    expect(change.design).toBe(d);
  });
});

describe('channel rules', () => {
  const withCarousel = () => design([carousel([card(), card()])]);

  it('warns above CARD_BUTTONS_RECOMMENDED without a channel, cuts beyond CARD_BUTTONS_MAX on WhatsApp and warns elsewhere', () => {
    const four = () => design([card([postback(), postback(), postback(), postback()])]);
    const w = one(run(four()), 'card.buttons_over_recommended');
    expect(w).toMatchObject({ severity: 'warning', path: 'content[0].card' });
    expect(w.message).toContain('CARD_BUTTONS_RECOMMENDED');
    const wa = one(run(four(), { channel: 'whatsapp' }), 'channel.card_button_cut');
    expect(wa).toMatchObject({ severity: 'error', path: 'content[0].card.actions[3]' });
    expect(wa.message).toContain('CARD_BUTTONS_MAX');
    expect(one(run(four(), { channel: 'facebook' }), 'card.too_many_buttons').severity).toBe('warning');
    const three = run(design([card([postback(), postback(), postback()])]), { channel: 'whatsapp' });
    expect(three.filter((i) => i.code.startsWith('card.') || i.code.startsWith('channel.'))).toEqual([]);
  });

  it('rejects message text over the channel limit', () => {
    const long = run(design([], { text: 'x'.repeat(TEXT_MAX + 1) }));
    const i = one(long, 'text.too_long');
    expect(i).toMatchObject({ severity: 'error', path: 'text' });
    expect(i.message).toContain(`${TEXT_MAX} (TEXT_MAX)`);
    expect(withCode(run(design([], { text: 'x'.repeat(TEXT_MAX) })), 'text.too_long')).toEqual([]);
    expect(one(run(design([], { text: 'x'.repeat(1001) }), { channel: 'instagram' }), 'text.too_long').message).toContain('1000');
  });

  it('warns above one SMS segment and rejects above SMS_TEXT_MAX on sms', () => {
    const seg = one(run(design([], { text: 'x'.repeat(SMS_SEGMENT_MAX + 1) }), { channel: 'sms' }), 'channel.sms_segments');
    expect(seg.severity).toBe('warning');
    expect(seg.message).toContain('SMS_SEGMENT_MAX');
    const over = one(run(design([], { text: 'x'.repeat(SMS_TEXT_MAX + 1) }), { channel: 'sms' }), 'text.too_long');
    expect(over.message).toContain('SMS_TEXT_MAX');
    expect(run(design([], { text: 'x'.repeat(SMS_SEGMENT_MAX) }), { channel: 'sms' })).toEqual([]);
  });

  it('rejects a carousel on whatsapp and twitter, warns where support is unconfirmed, accepts webmessaging', () => {
    for (const channel of ['whatsapp', 'twitter'] as ChannelId[]) {
      const i = one(run(withCarousel(), { channel }), 'channel.carousel_unsupported');
      expect(i).toMatchObject({ severity: 'error', path: 'content[0].carousel' });
    }
    for (const channel of ['instagram', 'line', 'apple', 'open'] as ChannelId[]) {
      expect(one(run(withCarousel(), { channel }), 'channel.carousel_unconfirmed').severity).toBe('warning');
    }
    for (const channel of ['webmessaging', 'facebook'] as ChannelId[]) {
      expect(run(withCarousel(), { channel }).filter((i) => i.code.startsWith('channel.'))).toEqual([]);
    }
  });

  it('uses the design channel when no channel option is given', () => {
    const d = { ...withCarousel(), channel: 'whatsapp' };
    expect(one(run(d), 'channel.carousel_unsupported').severity).toBe('error');
    expect(withCode(run(d, { channel: 'webmessaging' }), 'channel.carousel_unsupported')).toEqual([]);
  });

  it('drops Link buttons on whatsapp only', () => {
    const d = () => design([card([link()])]);
    const i = one(run(d(), { channel: 'whatsapp' }), 'channel.link_button_dropped');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].card.actions[0]' });
    expect(withCode(run(d(), { channel: 'facebook' }), 'channel.link_button_dropped')).toEqual([]);
  });

  it('warns that a default action is left out on whatsapp, line and twitter', () => {
    const d = () => design([card([postback()], { defaultAction: { type: 'Link', url: 'https://example.com' } })]);
    for (const channel of ['whatsapp', 'line', 'twitter'] as ChannelId[]) {
      expect(one(run(d(), { channel }), 'channel.default_action_ignored')).toMatchObject({
        severity: 'warning',
        path: 'content[0].card.defaultAction',
      });
    }
    expect(withCode(run(d(), { channel: 'webmessaging' }), 'channel.default_action_ignored')).toEqual([]);
  });

  it('tells once that sms gets the text fallback instead of quick replies and cards, and not for plain text', () => {
    const i = one(run(design([qr(), card()]), { channel: 'sms' }), 'channel.text_fallback');
    expect(i).toMatchObject({ severity: 'warning', path: '', nodeId: 'root' });
    expect(withCode(run(design([qr(), card()]), { channel: 'webmessaging' }), 'channel.text_fallback')).toEqual([]);
    expect(withCode(run(design([]), { channel: 'sms' }), 'channel.text_fallback')).toEqual([]);
  });

  it('notes that whatsapp shows more than 3 quick replies as a list', () => {
    const i = one(run(design([qr(), qr(), qr(), qr()]), { channel: 'whatsapp' }), 'channel.quick_replies_as_list');
    expect(i).toMatchObject({ severity: 'info', path: 'content[3].quickReply' });
    expect(withCode(run(design([qr(), qr(), qr()]), { channel: 'whatsapp' }), 'channel.quick_replies_as_list')).toEqual([]);
  });
});
