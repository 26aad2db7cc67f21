import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn, locateJson } from './jsonText.ts';
import { formatPath, valueAt, type PathPart } from '../model/paths.ts';
import { createRng, int, randomJson } from '../testing/index.ts';

/** Every path inside a JSON value, starting with the value's own (the empty path). */
function paths(v: unknown, at: PathPart[] = []): PathPart[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse about validity', () => {
    const cases = ['{}', '[1,2]', '{"a":1,}', '[1 2]', '"\\u12G4"', '-', '01', '1e', 'nul', '{"a":"x\ny"}', '{"a":[true,false,null,-1.5e3]}'];
    for (const c of cases) expect(jsonErrorOffset(c) === -1, c).toBe(isJson(c));
  });

  it('points at the first character that breaks the grammar, or the end when the text stops early', () => {
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": [1')).toBe(8);
  });
});

describe('the scanner on generated JSON', () => {
  it('agrees with JSON.parse on whole and cut-off documents', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = createRng(seed);
      const text = JSON.stringify(randomJson(rng, 4), null, seed % 2 ? 2 : undefined);
      expect(jsonErrorOffset(text), text).toBe(-1);
      const cut = text.slice(0, int(rng, 0, text.length - 1));
      expect(jsonErrorOffset(cut) === -1, cut).toBe(isJson(cut));
    }
  });

  it('locates every value of a document at its issue path', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = JSON.stringify(randomJson(createRng(seed), 4), null, seed % 2 ? 2 : undefined);
      const parsed: unknown = JSON.parse(text);
      for (const p of paths(parsed)) {
        const r = locateJson(text, formatPath(p));
        expect(r, `${seed} ${formatPath(p)}`).not.toBeNull();
        expect(JSON.parse(text.slice(r!.from, r!.to))).toEqual(valueAt(parsed, p));
      }
    }
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('{\n  "a": }', 9)).toEqual({ line: 2, column: 8 });
    expect(lineColumn('', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('locateJson', () => {
  const doc = JSON.stringify(
    {
      type: 'Structured',
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } },
        { contentType: 'Carousel', carousel: { cards: [{ title: 'A', actions: [] }, { title: 'B "x"', actions: [{ type: 'Link', url: 'u' }] }] } },
      ],
    },
    null,
    2,
  );

  it('finds the text range of a nested card, action and scalar', () => {
    const card = locateJson(doc, 'content[1].carousel.cards[1]')!;
    expect(JSON.parse(doc.slice(card.from, card.to))).toEqual({ title: 'B "x"', actions: [{ type: 'Link', url: 'u' }] });
    const url = locateJson(doc, 'content[1].carousel.cards[1].actions[0].url')!;
    expect(doc.slice(url.from, url.to)).toBe('"u"');
    const qr = locateJson(doc, 'content[0].quickReply')!;
    expect(JSON.parse(doc.slice(qr.from, qr.to))).toEqual({ text: 'Yes', payload: 'yes' });
  });

  it('returns the whole document for the empty path and null for a missing one', () => {
    expect(locateJson(doc, '')).toEqual({ from: 0, to: doc.length });
    expect(locateJson(doc, 'content[5]')).toBeNull();
    expect(locateJson(doc, 'type.x')).toBeNull();
  });

  it('locates a value that comes before the text breaks, and nothing after it', () => {
    expect(locateJson('{"a": [1, 2', 'a[1]')).toEqual({ from: 10, to: 11 });
    expect(locateJson('{"a": [1, 2', 'b')).toBeNull();
    expect(locateJson('{"a": x, "b": 1}', 'b')).toBeNull();
  });

  it('matches keys by their decoded text', () => {
    const text = '{"caf\\u00e9": {"x": [true]}}';
    const r = locateJson(text, 'café.x[0]')!;
    expect(text.slice(r.from, r.to)).toBe('true');
  });
});
