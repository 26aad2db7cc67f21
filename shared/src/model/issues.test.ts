import { describe, expect, it } from 'vitest';
import { mergeIssues, type Issue } from './issues.ts';

describe('mergeIssues', () => {
  const a: Issue = { severity: 'warning', code: 'x.a', path: 'text', message: 'one' };
  const b: Issue = { severity: 'error', code: 'x.b', path: 'text', message: 'two' };
  it('drops an issue another stage already reported at the same place and puts errors first', () => {
    const merged = mergeIssues([a], [{ ...a, message: 'same issue, other words' }, b]);
    expect(merged).toEqual([b, a]);
  });
  it('keeps the same code at two different nodes', () => {
    expect(mergeIssues([a, { ...a, nodeId: 'n2' }])).toHaveLength(2);
  });
});

