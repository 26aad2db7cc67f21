import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff.ts';

describe('lineDiff', () => {
  it('marks a changed line as one deletion and one addition between unchanged lines', () => {
    expect(lineDiff('{\n  "title": "A",\n  "x": 1\n}', '{\n  "title": "B",\n  "x": 1\n}')).toEqual([
      { op: 'same', text: '{' },
      { op: 'del', text: '  "title": "A",' },
      { op: 'add', text: '  "title": "B",' },
      { op: 'same', text: '  "x": 1' },
      { op: 'same', text: '}' },
    ]);
  });

  it('reports inserted and removed lines and nothing for identical texts', () => {
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.op === 'same')).toBe(true);
    expect(lineDiff('a\nc', 'a\nb\nc').filter((l) => l.op !== 'same')).toEqual([{ op: 'add', text: 'b' }]);
    expect(lineDiff('a\nb\nc', 'a\nc').filter((l) => l.op !== 'same')).toEqual([{ op: 'del', text: 'b' }]);
  });
});
