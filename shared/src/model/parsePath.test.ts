import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, valueAt } from './paths.ts';

describe('issue paths', () => {
  it('formatPath writes indexes in brackets', () => {
    expect(formatPath(['content', 0, 'card', 'actions', 1, 'type'])).toBe('content[0].card.actions[1].type');
    expect(formatPath([])).toBe('');
    expect(formatPath([2, 'a'])).toBe('[2].a');
  });

  it('parsePath reads back what formatPath writes', () => {
    const parts = ['content', 1, 'carousel', 'cards', 0];
    expect(parsePath(formatPath(parts))).toEqual(parts);
    expect(parsePath('')).toEqual([]);
  });

  it('valueAt follows a path and gives undefined where it leads nowhere', () => {
    const v = { content: [{ card: { title: 'T' } }] };
    expect(valueAt(v, ['content', 0, 'card', 'title'])).toBe('T');
    expect(valueAt(v, ['content', 3, 'card'])).toBeUndefined();
    expect(valueAt(v, ['content', 0, 'card', 'title', 'x'])).toBeUndefined();
  });
});
