import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import type { Issue } from './model/issues.ts';
import { runPipeline, withoutRestatedRules } from './pipeline.ts';

describe('the earlier names of check()', () => {
  it('runPipeline is check', () => {
    expect(runPipeline).toBe(check);
  });

  it('withoutRestatedRules keeps a rule no adapted issue repeats, and gives a repeated one the graver severity', () => {
    const rule: Issue = { severity: 'error', code: 'card.too_many_buttons', path: 'content[0].card', message: 'm' };
    const info: Issue = { severity: 'info', code: 'channel.link_button_dropped', path: 'content[0].card.actions[0]', message: 'rule' };
    const change: Issue = { severity: 'warning', code: 'channel.link_button_dropped', path: 'content[0].card.actions[0]', message: 'dropped' };
    expect(withoutRestatedRules([rule, info], [change])).toEqual({ rules: [rule], adapted: [change] });
    const graver: Issue = { ...info, severity: 'error' };
    expect(withoutRestatedRules([graver], [change]).adapted).toEqual([{ ...change, severity: 'error' }]);
  });
});
