import { describe, expect, it } from 'vitest';
import { importJson, importText } from './import.ts';
import { exportDesign } from '../transform/export.ts';
import { designSchema } from '../model/design.ts';
import { createRng, mutate, randomDesign, randomJson } from '../testing/index.ts';


// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

describe('importJson: requests, design files and other input', () => {
  it('recognises the Bot Connector request and says it is not a reply', () => {
    const r = importJson({ botSessionId: 's', inputMessage: { type: 'Text', text: 'Hello' } });
    expect(r).toMatchObject({ design: null, format: 'unknown' });
    expect(r.issues[0]!.message).toContain('this is what Genesys sends to a bot, not a message a bot sends');
  });

  it('accepts a valid design file as is', () => {
    const d = randomDesign(createRng(7));
    const r = importJson(JSON.parse(JSON.stringify(d)));
    expect(r).toEqual({ design: d, issues: [], format: 'design' });
  });

  it('recovers a design file with bad top-level fields and reports them', () => {
    const d = randomDesign(createRng(8));
    const r = importJson({ ...d, channel: 'pager', variables: [{ name: '1bad' }, { name: 'ok', sample: 'x' }] });
    expect(r.format).toBe('design');
    expect(r.issues.map((i) => i.path).sort()).toEqual(['channel', 'variables[0].name']);
    expect(r.design!.channel).toBe('webmessaging');
    expect(r.design!.variables).toEqual([{ name: 'ok', sample: 'x' }]);
    expect(r.design!.root).toEqual(d.root);
  });

  it('returns no design when a design file has no usable root', () => {
    const r = importJson({ formatVersion: 1, id: 'x', name: 'x', root: 'nope' });
    expect(r.design).toBeNull();
    expect(r.issues[0]!.path).toBe('root');
  });

  it('rejects arrays, primitives and unknown objects with a sentence', () => {
    for (const v of [null, 3, 'x', [1], {}]) {
      const r = importJson(v);
      expect(r.design).toBeNull();
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.severity).toBe('error');
    }
  });

  it('never throws on arbitrary or mutated JSON', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = createRng(seed);
      const inputs = [randomJson(rng), mutate(randomDesign(rng), rng), mutate(exportDesign(randomDesign(rng), 'message').output, rng)];
      for (const input of inputs) {
        const r = importJson(input);
        expect(Array.isArray(r.issues)).toBe(true);
        if (r.design) expect(designSchema.safeParse(r.design).success, `seed ${seed}`).toBe(true);
      }
    }
  }, FUZZ_TIMEOUT);
});

describe('importText', () => {
  it('reports a "__proto__" key as an unknown field and never lets it reach the design or the message', () => {
    const r = importText('{"type":"Structured","content":[{"contentType":"Card","card":{"__proto__":{"polluted":1},"title":"T","actions":[]}}]}');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'import.unknown_field', path: 'content[0].card.__proto__' })]);
    const props = r.design!.root.children[0]!.props;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect((props as { polluted?: number }).polluted).toBeUndefined();
    expect(exportDesign(r.design!, 'message').text).not.toContain('polluted');
  });

  it('locates a JSON syntax error by line and column', () => {
    const r = importText('{\n  "type": "Text",\n  "text": }');
    expect(r.design).toBeNull();
    expect(r.issues[0]).toMatchObject({ code: 'import.invalid_json' });
    expect(r.issues[0]!.message).toContain('line 3, column 11');
  });

  it('says when the text ends too early', () => {
    expect(importText('{"type": "Text"').issues[0]!.message).toContain('ends too early');
  });

  it('parses valid JSON and imports it', () => {
    expect(importText('{"type":"Text","text":"Hi"}').design!.root.props).toEqual({ text: 'Hi' });
  });
});
