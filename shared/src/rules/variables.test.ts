import { describe, expect, it } from 'vitest';
import { BUTTON_TEXT_MAX } from '../model/limits.ts';
import { card, design, one, postback, run, withCode } from './fixtures.ts';

describe('variable declarations', () => {
  it('reports invalid and duplicate variable names', () => {
    const d = design([], {
      variables: [{ name: 'ok', sample: '' }, { name: '1bad', sample: '' }, { name: 'ok', sample: '' }, 'str', { name: 'n', sample: 3 }],
    });
    const issues = run(d);
    expect(one(issues, 'variable.name_invalid').path).toBe('variables[1].name');
    expect(one(issues, 'variable.name_duplicate').path).toBe('variables[2].name');
    expect(one(issues, 'variable.not_object').path).toBe('variables[3]');
    expect(one(issues, 'variable.sample_invalid').path).toBe('variables[4].sample');
  });
});

describe('variables in text', () => {
  it('warns about an unknown {{variable}} with its path', () => {
    const i = one(run(design([card([postback('Hi {{who}}', 'p')])])), 'variable.unknown');
    expect(i).toMatchObject({ severity: 'warning', path: 'content[0].card.actions[0].text' });
    expect(i.message).toContain('{{who}}');
  });

  it('accepts declared variables and names given at send time', () => {
    const d = design([], { text: 'Hi {{who}} {{extra}}', variables: [{ name: 'who', sample: 'Ada' }] });
    expect(withCode(run(d, { variables: { extra: 'x' } }), 'variable.unknown')).toEqual([]);
    expect(one(run(d), 'variable.unknown').path).toBe('text');
  });

  it('measures lengths after binding samples', () => {
    const d = design([card([postback('{{v}}', 'p')])], { variables: [{ name: 'v', sample: 'x'.repeat(BUTTON_TEXT_MAX + 5) }] });
    expect(withCode(run(d), 'action.text_too_long')).toHaveLength(1);
  });
});
