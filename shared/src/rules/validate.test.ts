import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../model/channels.ts';
import type { Issue } from '../model/issues.ts';
import { VALIDATE_MAX_ISSUES } from '../model/limits.ts';
import { createRng, mutate, randomDesign, randomJson } from '../testing/index.ts';
import { validate } from './validate.ts';
import { card, carousel, design, errors, isWellFormed, link, node, one, postback, qr, run } from './fixtures.ts';

describe('a valid design', () => {
  it('has no issues at all when it is complete and on a supporting channel', () => {
    const d = design([card([postback('Book', 'book'), link()]), carousel([card(), card()]), qr('Yes', 'y'), qr('No', 'n')]);
    expect(run(d, { channel: 'webmessaging' })).toEqual([]);
  });

  it('random generated designs have no errors', () => {
    const rng = createRng(7);
    for (let i = 0; i < 300; i++) {
      const d = randomDesign(rng);
      expect(errors(run(d))).toEqual([]);
    }
  });
});

describe('design envelope', () => {
  it('reports a non-object input', () => {
    for (const input of [null, 42, 'x', [], undefined, true]) {
      expect(one(run(input), 'design.not_object').path).toBe('');
    }
  });

  it('reports formatVersion, id, name and a missing root with their paths', () => {
    const issues = run({ formatVersion: 2, id: '', name: 5 });
    expect(one(issues, 'design.format_version').path).toBe('formatVersion');
    expect(one(issues, 'design.id').path).toBe('id');
    expect(one(issues, 'design.name').path).toBe('name');
    expect(one(issues, 'design.root_missing').path).toBe('root');
  });

  it('reports a root that is not a message and an unknown channel', () => {
    const d = { formatVersion: 1, id: 'd', name: 'n', channel: 'fax', root: card() };
    const issues = run(d);
    expect(one(issues, 'design.root_kind').path).toBe('');
    expect(one(issues, 'design.channel').path).toBe('channel');
  });
});

describe('robustness', () => {
  it('does not modify its input', () => {
    const d = design([carousel([card([postback('A', 'same')]), card([postback('A', 'same')])]), node('bogus')]);
    const before = JSON.stringify(d);
    run(d, { channel: 'whatsapp' });
    expect(JSON.stringify(d)).toBe(before);
  });

  it('caps the number of issues at VALIDATE_MAX_ISSUES', () => {
    const d = design(Array.from({ length: 3000 }, () => node('bogus')));
    const issues = run(d);
    expect(issues.length).toBe(VALIDATE_MAX_ISSUES + 1);
    expect(issues[issues.length - 1]!.code).toBe('validate.truncated');
  });

  it('never throws and always returns well-formed issues on 10,000 random and mutated inputs', { timeout: 120_000 }, () => {
    const rng = createRng(20_261_123);
    const channels: (ChannelId | undefined)[] = [undefined, 'webmessaging', 'whatsapp', 'sms', 'instagram'];
    let withIssues = 0;
    const failures: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const r = rng();
      let input: unknown;
      if (r < 0.1) input = randomJson(rng, 4);
      else if (r < 0.2) input = randomDesign(rng);
      else input = mutate(randomDesign(rng), rng);
      const channel = channels[i % channels.length];
      let issues: Issue[] = [];
      try {
        issues = validate(input, channel ? { channel } : {});
      } catch (e) {
        failures.push(`input ${i} threw ${String(e)}`);
        continue;
      }
      if (!Array.isArray(issues)) failures.push(`input ${i}: not an array`);
      else {
        const bad = issues.find((x) => !isWellFormed(x) || x.code === 'validate.internal');
        if (bad) failures.push(`input ${i}: ${JSON.stringify(bad)}`);
        if (issues.length) withIssues++;
      }
    }
    expect(failures).toEqual([]);
    // The mutations really produce problems (the fuzz is not vacuous).
    expect(withIssues).toBeGreaterThan(5000);
  });
});
