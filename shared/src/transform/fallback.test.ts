import { describe, expect, it } from 'vitest';
import { formatTimeSlot, messageToText, textFallback, truncateText } from './fallback.ts';
import { SMS_TEXT_MAX } from '../model/limits.ts';
import type { Design, DesignNode } from '../model/design.ts';
import { createRng, randomDesign } from '../testing/index.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

let seq = 0;
function n(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = []): DesignNode {
  seq += 1;
  return { id: `f${seq}`, kind, props, children };
}
function design(root: DesignNode, variables: Design['variables'] = []): Design {
  return { formatVersion: 1, id: 'd', name: 'd', channel: 'sms', variables, root };
}

const orderCard = () =>
  n('card', { title: 'Your order', description: 'Shipped today' }, [
    n('action', { type: 'Postback', text: 'Track order', payload: 'track' }),
    n('action', { type: 'Link', text: 'Invoice', url: 'https://shop.example.com/inv/42' }),
    n('action', { type: 'Postback', text: 'Talk to us', payload: 'agent' }),
  ]);

describe('textFallback', () => {
  it('writes the text, then each card with numbered options and labelled links', () => {
    const text = textFallback(design(n('message', { text: 'Hi Ada' }, [orderCard()])));
    expect(text).toBe(['Hi Ada', '', 'Your order', 'Shipped today', '1. Track order', 'Invoice: https://shop.example.com/inv/42', '2. Talk to us'].join('\n'));
  });

  it('numbers options across the whole message and lists quick replies as options', () => {
    const text = textFallback(
      design(
        n('message', { text: 'Pick' }, [
          n('carousel', {}, [
            n('card', { title: 'A' }, [n('action', { type: 'Postback', text: 'Buy A', payload: 'a' })]),
            n('card', { title: 'B' }, [n('action', { type: 'Postback', text: 'Buy B', payload: 'b' })]),
          ]),
          n('quickReply', { text: 'Yes', payload: 'y' }),
          n('quickReply', { text: 'No', payload: 'n' }),
        ]),
      ),
    );
    expect(text).toBe('Pick\n\nA\n1. Buy A\n\nB\n2. Buy B\n\n3. Yes\n4. No');
  });

  it('lists list picker sections and items, and date picker times in a readable UTC form', () => {
    const text = textFallback(
      design(
        n('message', {}, [
          n('listPicker', { receivedMessage: { title: 'Choose a product' }, replyMessage: { title: 'Thanks' } }, [
            n('listSection', { title: 'Phones', multipleSelection: false }, [n('listItem', { id: 'p1', title: 'Model A', subtitle: '128 GB' })]),
          ]),
          n('datePicker', { title: 'When?', dateDisplayFormat: 'monthDayYear' }, [n('timeSlot', { dateTime: '2025-05-30T12:00:00Z', duration: 1800 })]),
        ]),
      ),
    );
    expect(text).toBe('Choose a product\nPhones:\n1. Model A (128 GB)\n\nWhen?\nAvailable times:\n2. Fri May 30, 2025, 12:00 UTC (30 min)');
  });

  it('formats times in every display format and keeps unparseable dates as typed', () => {
    expect(formatTimeSlot('2025-06-30T13:00:00Z', 900)).toBe('Mon 30 Jun 2025, 13:00 UTC (15 min)');
    expect(formatTimeSlot('2025-06-30T13:00:00Z', 5400, 'yearMonthDay')).toBe('Mon 2025-06-30, 13:00 UTC (1 h 30 min)');
    expect(formatTimeSlot('next tuesday', 3600)).toBe('next tuesday (1 h)');
  });

  it('binds variables when given and leaves placeholders otherwise', () => {
    const d = design(n('message', { text: 'Hi {{name}}' }), [{ name: 'name', sample: 'Ada' }]);
    expect(textFallback(d)).toBe('Hi {{name}}');
    expect(textFallback(d, { variables: 'samples' })).toBe('Hi Ada');
    expect(textFallback(d, { variables: { name: 'Grace' } })).toBe('Hi Grace');
  });

  it('stays within SMS_TEXT_MAX by default, ending with "…"', () => {
    const cards = Array.from({ length: 10 }, (_, i) => n('card', { title: `Card number ${i}`, description: 'x'.repeat(70) }, [n('action', { type: 'Postback', text: 'Choose this one', payload: `p${i}` })]));
    const text = textFallback(design(n('message', { text: 'Many' }, [n('carousel', {}, cards)])));
    expect(text.length).toBeLessThanOrEqual(SMS_TEXT_MAX);
    expect(text.length).toBeGreaterThan(SMS_TEXT_MAX - 80);
    expect(text.endsWith('…')).toBe(true);
  });

  it('honours maxLength and never cuts inside a URL', () => {
    const d = design(n('message', { text: 'See the invoice' }, [orderCard()]));
    const full = textFallback(d, { maxLength: 10_000 });
    const urlStart = full.indexOf('https://');
    const urlEnd = urlStart + 'https://shop.example.com/inv/42'.length;
    for (let max = 1; max <= full.length + 2; max++) {
      const t = textFallback(d, { maxLength: max });
      expect(t.length, `max ${max}`).toBeLessThanOrEqual(max);
      if (max >= full.length) expect(t).toBe(full);
      else {
        expect(t.endsWith('…'), `max ${max}`).toBe(true);
        const kept = t.slice(0, -1);
        expect(full.startsWith(kept), `max ${max}`).toBe(true);
        // Either the whole URL is kept, or none of it.
        if (kept.length > urlStart) expect(kept.length, `max ${max}`).toBeGreaterThanOrEqual(urlEnd);
      }
    }
  });

  it('is deterministic: the same design gives the same text', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const d = randomDesign(createRng(seed));
      const a = textFallback(d, { maxLength: 300 });
      const b = textFallback(structuredClone(d), { maxLength: 300 });
      expect(a).toBe(b);
      expect(a.length).toBeLessThanOrEqual(300);
    }
  }, FUZZ_TIMEOUT);

  it('gives an empty string for an empty message', () => {
    expect(textFallback(design(n('message', {})))).toBe('');
    expect(messageToText({ type: 'Text', text: '' })).toBe('');
  });
});

describe('truncateText', () => {
  it('prefers a word boundary', () => {
    expect(truncateText('Hello wonderful world', 18)).toBe('Hello wonderful…');
  });
  it('cuts mid-word rather than throw away more than half the room', () => {
    expect(truncateText('Hello wonderful world', 12)).toBe('Hello wonde…');
  });
  it('cuts a single long word when there is no boundary', () => {
    expect(truncateText('abcdefghij', 5)).toBe('abcd…');
  });
  it('drops a link line whole rather than leave its label without the URL', () => {
    const text = 'Your order\nTrack order: https://shop.example.com/track/42\nThanks';
    expect(truncateText(text, 30)).toBe('Your order…');
    expect(truncateText('https://shop.example.com/track/42 and more', 20)).toBe('…');
  });
  it('returns short text unchanged', () => {
    expect(truncateText('abc', 3)).toBe('abc');
  });
});
