import { describe, expect, it } from 'vitest';
import { BUTTON_TEXT_MAX, CARD_DESCRIPTION_MAX, CARD_TITLE_MAX, PAYLOAD_MAX } from '../model/limits.ts';
import { card, design, link, node, one, postback, run, withCode } from './fixtures.ts';

describe('props against the kind schema', () => {
  it('reports one issue per bad prop field with its path', () => {
    const d = design([
      card([postback('A', 'a'), { ...link(), props: { type: 'Link', text: 'More', url: 5 } }], { title: 3, colour: 'red' }),
      node('action', { type: 'Nope', text: 'x', payload: 'y' }),
    ]);
    const issues = run(d);
    const invalid = withCode(issues, 'props.invalid').map((i) => i.path);
    expect(invalid).toContain('content[0].card.title');
    expect(invalid).toContain('content[0].card.actions[1].url');
    expect(invalid).toContain('children[1].type');
    expect(one(issues, 'props.unknown_field').path).toBe('content[0].card.colour');
    const missing = run(design([node('quickReply', { text: 'x' })]));
    expect(one(missing, 'props.missing')).toMatchObject({ path: 'content[0].quickReply.payload' });
    expect(one(missing, 'props.missing').message).toContain('Quick reply needs "payload"');
  });

  it('passes well-typed props', () => {
    expect(withCode(run(design([card()])), 'props.invalid')).toEqual([]);
  });
});

describe('field limits', () => {
  it('warns about a button text over BUTTON_TEXT_MAX and a payload over PAYLOAD_MAX', () => {
    const issues = run(design([card([postback('x'.repeat(BUTTON_TEXT_MAX + 1), 'p'.repeat(PAYLOAD_MAX + 1))])]));
    const t = one(issues, 'action.text_too_long');
    expect(t).toMatchObject({ severity: 'warning', path: 'content[0].card.actions[0].text' });
    expect(t.message).toContain(`${BUTTON_TEXT_MAX} (BUTTON_TEXT_MAX)`);
    expect(one(issues, 'action.payload_too_long').message).toContain('PAYLOAD_MAX');
    const ok = run(design([card([postback('x'.repeat(BUTTON_TEXT_MAX))])]));
    expect(withCode(ok, 'action.text_too_long')).toEqual([]);
  });

  it('counts an emoji as one character', () => {
    expect(withCode(run(design([card([postback('😀'.repeat(BUTTON_TEXT_MAX))])])), 'action.text_too_long')).toEqual([]);
  });

  it('warns about card titles and descriptions over their limits and about an empty title', () => {
    const issues = run(design([card([postback()], { title: 't'.repeat(CARD_TITLE_MAX + 1), description: 'd'.repeat(CARD_DESCRIPTION_MAX + 1) })]));
    expect(one(issues, 'card.title_too_long').message).toContain('CARD_TITLE_MAX');
    expect(one(issues, 'card.description_too_long').path).toBe('content[0].card.description');
    const empty = one(run(design([card([postback()], { title: '  ' })])), 'card.empty_title');
    expect(empty).toMatchObject({ severity: 'warning', path: 'content[0].card.title' });
    expect(withCode(run(design([card()])), 'card.empty_title')).toEqual([]);
  });
});
