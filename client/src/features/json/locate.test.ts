import { describe, expect, it } from 'vitest';
import { locate, pathSegments } from './locate.ts';

const doc = JSON.stringify(
  {
    type: 'Structured',
    content: [
      { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } },
      { contentType: 'Carousel', carousel: { cards: [{ title: 'A', actions: [] }, { title: 'B "x"', actions: [{ type: 'Link', url: 'u' }] }] } },
    ],
  },
  null,
  2,
);

describe('locate', () => {
  it('splits an Issue-style path into keys and indices', () => {
    expect(pathSegments('content[1].carousel.cards[0]')).toEqual(['content', 1, 'carousel', 'cards', 0]);
    expect(pathSegments('')).toEqual([]);
  });

  it('finds the text range of a nested card, action and scalar', () => {
    const card = locate(doc, 'content[1].carousel.cards[1]')!;
    expect(JSON.parse(doc.slice(card.from, card.to))).toEqual({ title: 'B "x"', actions: [{ type: 'Link', url: 'u' }] });
    const url = locate(doc, 'content[1].carousel.cards[1].actions[0].url')!;
    expect(doc.slice(url.from, url.to)).toBe('"u"');
    const qr = locate(doc, 'content[0].quickReply')!;
    expect(JSON.parse(doc.slice(qr.from, qr.to))).toEqual({ text: 'Yes', payload: 'yes' });
  });

  it('returns the whole document for the empty path and null for a missing one', () => {
    expect(locate(doc, '')).toEqual({ from: 0, to: doc.length });
    expect(locate(doc, 'content[5]')).toBeNull();
    expect(locate('{"a": [1, 2', 'a[1]')).toEqual({ from: 10, to: 11 });
    expect(locate('{"a": [1, 2', 'b')).toBeNull();
  });
});
