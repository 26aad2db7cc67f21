import { describe, expect, it } from 'vitest';
import { appendPath, childSegments, formatPath, joinPath, valueAt } from './paths.ts';

describe('issue paths', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['content', 0, 'card', 'actions', 1, 'type'])).toBe('content[0].card.actions[1].type');
    expect(formatPath([0, 'x'])).toBe('[0].x');
    expect(appendPath('content[0].card', ['actions', 2])).toBe('content[0].card.actions[2]');
    expect(appendPath('', [])).toBe('');
  });

  it('joins written segments, brackets without a dot', () => {
    expect(joinPath('', 'content[0].card')).toBe('content[0].card');
    expect(joinPath('content[0].carousel', 'cards[1]')).toBe('content[0].carousel.cards[1]');
    expect(joinPath('variables', '[2]')).toBe('variables[2]');
  });

  it('names children by the Genesys array they compile into, and forbidden ones by their raw index', () => {
    const node = { id: 'm', kind: 'message', props: {}, children: [
      { id: 'a', kind: 'card', props: {}, children: [] },
      { id: 'b', kind: 'action', props: {}, children: [] },
      { id: 'c', kind: 'quickReply', props: {}, children: [] },
    ] };
    expect(childSegments(node)).toEqual(['content[0].card', 'children[1]', 'content[1].quickReply']);
  });

  it('reads values at a path, numbers only in arrays and keys only as own keys', () => {
    const v = { a: [{ b: 'x' }] };
    expect(valueAt(v, ['a', 0, 'b'])).toBe('x');
    expect(valueAt(v, ['a', 'length'])).toBeUndefined();
    expect(valueAt(v, ['toString'])).toBeUndefined();
    expect(valueAt({ 0: 'y' }, [0])).toBeUndefined();
  });
});
