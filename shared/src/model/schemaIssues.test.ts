import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesFromZod, schemaProblems } from './schemaIssues.ts';

const schema = z.strictObject({
  name: z.string(),
  size: z.number().int(),
  kind: z.enum(['a', 'b']),
  items: z.array(z.strictObject({ id: z.string() })),
});

function fail(value: unknown): z.ZodError {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error;
}

describe('zod findings as located problems', () => {
  it('classifies each finding with its path and the value found there', () => {
    const input = { size: 'big', kind: 'c', items: [{ id: 1, extra: true }] };
    const problems = schemaProblems(fail(input), input, ['body']);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['body.name']).toMatchObject({ kind: 'missing', expected: 'string', value: undefined });
    expect(byPath['body.size']).toMatchObject({ kind: 'wrong_type', expected: 'number', value: 'big' });
    expect(byPath['body.kind']).toMatchObject({ kind: 'not_one_of', values: ['a', 'b'], value: 'c' });
    expect(byPath['body.items[0].id']).toMatchObject({ kind: 'wrong_type', value: 1, local: ['items', 0, 'id'] });
    expect(byPath['body.items[0].extra']).toMatchObject({ kind: 'unknown_field', key: 'extra', value: true });
  });

  it('words request-body issues as "<path>: <zod message>" with the caller\'s code', () => {
    const issues = issuesFromZod(fail({ name: 'n', size: 1, kind: 'a', items: 'x' }), { code: (zi) => `request.${zi.code}` });
    expect(issues).toEqual([{ severity: 'error', code: 'request.invalid_type', path: 'items', message: expect.stringMatching(/^items: /) }]);
    const top = issuesFromZod(z.string().safeParse(5).error!);
    expect(top[0]).toMatchObject({ code: 'schema.invalid_type', path: '' });
    expect(top[0]!.message).not.toMatch(/^: /);
  });

  it('caps the number of issues when asked', () => {
    const many = z.array(z.string()).safeParse([1, 2, 3, 4]).error!;
    expect(issuesFromZod(many, { max: 2 })).toHaveLength(2);
  });
});
