import { describe, expect, it } from 'vitest';
import { designSchema } from '../model/design.ts';
import { validate } from '../rules/validate.ts';
import { createRng, deepNest, mutate, randomDesign, randomJson } from './index.ts';

describe('test-data generators', () => {
  it('give the same designs for the same seed and different ones for another seed', () => {
    const a = Array.from({ length: 5 }, ((rng) => () => randomDesign(rng))(createRng(1)));
    const b = Array.from({ length: 5 }, ((rng) => () => randomDesign(rng))(createRng(1)));
    const c = Array.from({ length: 5 }, ((rng) => () => randomDesign(rng))(createRng(2)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('randomDesign parses with designSchema and validates without errors', () => {
    const rng = createRng(99);
    const kinds = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const d = randomDesign(rng);
      expect(designSchema.safeParse(d).success).toBe(true);
      expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
      for (const c of d.root.children) kinds.add(c.kind);
    }
    // The generator covers every content kind.
    expect([...kinds].sort()).toEqual(['attachment', 'card', 'carousel', 'datePicker', 'listPicker', 'quickReply']);
  });

  it('randomDesign can leave out export-only pickers', () => {
    const rng = createRng(3);
    for (let i = 0; i < 100; i++) {
      const kinds = randomDesign(rng, { pickers: false }).root.children.map((c) => c.kind);
      expect(kinds).not.toContain('listPicker');
      expect(kinds).not.toContain('datePicker');
    }
  });

  it('mutate never modifies its input and usually changes the value', () => {
    const rng = createRng(5);
    let changed = 0;
    for (let i = 0; i < 200; i++) {
      const d = randomDesign(rng);
      const before = JSON.stringify(d);
      const m = mutate(d, rng);
      expect(JSON.stringify(d)).toBe(before);
      if (JSON.stringify(m) !== before) changed++;
    }
    expect(changed).toBeGreaterThan(150);
  });

  it('randomJson and deepNest produce JSON-serialisable values', () => {
    const rng = createRng(8);
    for (let i = 0; i < 200; i++) expect(() => JSON.stringify(randomJson(rng, 4))).not.toThrow();
    expect(JSON.stringify(deepNest(3))).toBe('[[[[]]]]');
    expect((deepNest(2, true) as { kind: string }).kind).toBe('message');
  });
});
