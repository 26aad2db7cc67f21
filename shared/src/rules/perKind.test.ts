import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_ITEMS, QUICK_REPLIES_MAX } from '../model/limits.ts';
import { attachment, card, carousel, design, errors, link, node, one, postback, qr, run, withCode } from './fixtures.ts';

describe('counts', () => {
  it('rejects 11 carousel cards naming CAROUSEL_MAX_CARDS at the carousel path', () => {
    const cards = Array.from({ length: 11 }, () => card());
    const i = one(run(design([carousel(cards)])), 'carousel.too_many_cards');
    expect(i.severity).toBe('error');
    expect(i.path).toBe('content[0].carousel');
    expect(i.message).toContain('at most 10 cards (CAROUSEL_MAX_CARDS)');
  });

  it('accepts 10 carousel cards', () => {
    const cards = Array.from({ length: 10 }, () => card());
    expect(withCode(run(design([carousel(cards)])), 'carousel.too_many_cards')).toEqual([]);
  });

  it('rejects an empty carousel and warns about a one-card carousel', () => {
    const empty = one(run(design([carousel([])])), 'carousel.too_few_cards');
    expect(empty).toMatchObject({ severity: 'error', path: 'content[0].carousel' });
    expect(empty.message).toContain('CAROUSEL_MIN_CARDS');
    const single = one(run(design([carousel([card()])])), 'carousel.few_cards');
    expect(single.severity).toBe('warning');
    expect(single.message).toContain('CAROUSEL_RECOMMENDED_MIN_CARDS');
  });

  it('rejects more than MAX_CONTENT_ITEMS content items', () => {
    const items = Array.from({ length: MAX_CONTENT_ITEMS + 1 }, () => card());
    const i = one(run(design(items)), 'message.too_many_items');
    expect(i).toMatchObject({ severity: 'error', path: 'content' });
    expect(i.message).toContain(`at most ${MAX_CONTENT_ITEMS} (MAX_CONTENT_ITEMS)`);
    expect(withCode(run(design(items.slice(1))), 'message.too_many_items')).toEqual([]);
  });

  it('warns above QUICK_REPLIES_RECOMMENDED and rejects above QUICK_REPLIES_MAX', () => {
    const six = run(design(Array.from({ length: 6 }, () => qr())));
    const w = one(six, 'quickReply.over_recommended');
    expect(w).toMatchObject({ severity: 'warning', path: 'content[5].quickReply' });
    expect(w.message).toContain('QUICK_REPLIES_RECOMMENDED');
    const eleven = run(design(Array.from({ length: QUICK_REPLIES_MAX + 1 }, () => qr())));
    const e = one(eleven, 'quickReply.too_many');
    expect(e).toMatchObject({ severity: 'error', path: `content[${QUICK_REPLIES_MAX}].quickReply` });
    expect(e.message).toContain('(QUICK_REPLIES_MAX)');
    expect(withCode(eleven, 'quickReply.over_recommended')).toEqual([]);
    const five = run(design(Array.from({ length: 5 }, () => qr())));
    expect(five.filter((i) => i.code.startsWith('quickReply.'))).toEqual([]);
  });

  it('allows one attachment alone and rejects a second attachment or other items beside it', () => {
    expect(errors(run(design([attachment()])))).toEqual([]);
    const two = run(design([attachment(), attachment()]));
    expect(one(two, 'attachment.more_than_one').path).toBe('content[1].attachment');
    const mixed = run(design([attachment(), card()]));
    const i = one(mixed, 'attachment.not_alone');
    expect(i.path).toBe('content[0].attachment');
    expect(i.message).toContain('only one item is allowed');
  });
});

describe('buttons', () => {
  it('requires a payload on a Postback and a url on a Link', () => {
    const issues = run(design([card([node('action', { type: 'Postback', text: 'A' }), node('action', { type: 'Link', text: 'B' })])]));
    expect(one(issues, 'action.payload_missing').path).toBe('content[0].card.actions[0].payload');
    expect(one(issues, 'action.url_missing').path).toBe('content[0].card.actions[1].url');
    const ok = run(design([card([postback(), link()])]));
    expect(ok.filter((i) => i.code.startsWith('action.'))).toEqual([]);
  });

  it('rejects two buttons of a card with the same text and payload', () => {
    const i = one(run(design([card([postback('Go', 'go'), postback('Go', 'go')])])), 'card.duplicate_button');
    expect(i.path).toBe('content[0].card.actions[1]');
    expect(withCode(run(design([card([postback('Go', 'go'), postback('Stay', 'go')])])), 'card.duplicate_button')).toEqual([]);
  });

  it('checks quick replies like card buttons: the same text and payload twice is an error', () => {
    const i = one(run(design([qr('Yes', 'yes'), qr('No', 'no'), qr('Yes', 'yes')])), 'quickReply.duplicate');
    expect(i).toMatchObject({ severity: 'error', path: 'content[2].quickReply' });
    expect(withCode(run(design([qr('Yes', 'yes'), qr('Yes please', 'yes')])), 'quickReply.duplicate')).toEqual([]);
  });

  it('rejects a payload used twice across a carousel naming CAROUSEL_UNIQUE_PAYLOAD', () => {
    const issues = run(design([carousel([card([postback('A', 'same')]), card([postback('B', 'same')])])]));
    const i = one(issues, 'carousel.duplicate_payload');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].carousel.cards[1].actions[0].payload' });
    expect(i.message).toContain('CAROUSEL_UNIQUE_PAYLOAD');
    expect(i.message).toContain('content[0].carousel.cards[0].actions[0]');
    const ok = run(design([carousel([card([postback('A', 'one')]), card([postback('B', 'two')])])]));
    expect(withCode(ok, 'carousel.duplicate_payload')).toEqual([]);
  });
});

describe('messages and pickers', () => {
  it('warns about an empty message', () => {
    expect(one(run(design([], { text: '' })), 'message.empty').path).toBe('');
  });

  it('marks list and date pickers export only', () => {
    const issues = run(design([node('listPicker', { receivedMessage: {}, replyMessage: {} }, [node('listSection', { title: 's', multipleSelection: false }, [node('listItem', { id: 'i', title: 't' })])]), node('datePicker', {})]));
    expect(one(issues, 'export.list_picker').message).toContain('export only: not allowed through the Bot Connector');
    expect(one(issues, 'export.date_picker')).toMatchObject({ severity: 'info', path: 'content[1].datePicker' });
    expect(withCode(run(design([card()])), 'export.list_picker')).toEqual([]);
  });
});
