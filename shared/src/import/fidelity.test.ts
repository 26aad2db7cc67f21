import { describe, expect, it } from 'vitest';
import { firstDifference } from './fidelity.ts';

describe('firstDifference', () => {
  it('ignores key order and finds the first differing path', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toBe('b[1].c');
  });

  it('counts a missing array item and a different root as differences', () => {
    expect(firstDifference([1, 2], [1])).toBe('[1]');
    expect(firstDifference('a', 'b')).toBe('');
  });
});
