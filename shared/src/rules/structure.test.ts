import { describe, expect, it } from 'vitest';
import type { DesignNode } from '../model/design.ts';
import { deepNest } from '../testing/index.ts';
import { card, carousel, design, node, one, postback, run, withCode } from './fixtures.ts';

describe('nodes', () => {
  it('reports unknown kinds, duplicate ids, bad props and children with paths', () => {
    const d = design([
      node('widget', {}, [], 'w'),
      node('card', { title: 'A' }, [], 'same'),
      node('card', { title: 'B' }, [], 'same'),
      { id: 'p', kind: 'card', props: 'oops', children: [] } as unknown as DesignNode,
      { id: 'c', kind: 'card', props: { title: 'x' }, children: {} } as unknown as DesignNode,
      7 as unknown as DesignNode,
    ]);
    const issues = run(d);
    expect(one(issues, 'node.unknown_kind')).toMatchObject({ path: 'children[0]', nodeId: 'w' });
    expect(one(issues, 'node.id_duplicate')).toMatchObject({ path: 'content[1].card', nodeId: 'same' });
    expect(one(issues, 'node.props_not_object')).toMatchObject({ path: 'content[2].card', nodeId: 'p' });
    expect(one(issues, 'node.children_not_array')).toMatchObject({ path: 'content[3].card', nodeId: 'c' });
    expect(one(issues, 'node.not_object').path).toBe('children[5]');
  });
});

describe('grammar and depth', () => {
  it('reports a child the grammar forbids naming parent kind, child kind and path', () => {
    const issues = run(design([node('action', { type: 'Postback', text: 'x', payload: 'y' }, [], 'bad')]));
    const i = one(issues, 'tree.grammar');
    expect(i).toMatchObject({ path: 'children[0]', nodeId: 'bad', severity: 'error' });
    expect(i.message).toContain('A Button cannot go inside a Message');
    expect(i.message).toContain('children[0]');
  });

  it('allows a card inside a carousel', () => {
    expect(withCode(run(design([carousel([card(), card()])])), 'tree.grammar')).toEqual([]);
  });

  it('reports depth beyond MAX_DEPTH with the path and the limit', () => {
    // message › carousel › card › action › action (5 levels)
    const deep = design([carousel([card([node('action', { type: 'Postback', text: 'a', payload: 'b' }, [postback()])]), card()])]);
    const i = one(run(deep), 'tree.too_deep');
    expect(i.path).toBe('content[0].carousel.cards[0].actions[0].children[0]');
    expect(i.message).toContain('MAX_DEPTH = 4');
  });

  it('accepts exactly MAX_DEPTH levels', () => {
    expect(withCode(run(design([carousel([card([postback()]), card()])])), 'tree.too_deep')).toEqual([]);
  });

  it('does not blow the stack on a 10,000-deep node chain or array', () => {
    const chain = { formatVersion: 1, id: 'd', name: 'n', root: deepNest(10_000, true) };
    expect(withCode(run(chain), 'tree.too_deep')).toHaveLength(1);
    expect(one(run({ formatVersion: 1, id: 'd', name: 'n', root: deepNest(10_000) }), 'node.not_object').path).toBe('');
    const props = design([card([postback()], { description: deepNest(10_000) })]);
    expect(one(run(props), 'props.invalid').path).toBe('content[0].card.description');
  });
});
