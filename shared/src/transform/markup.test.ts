import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { fastStrip, purifyOnce, type Purifier } from './markup.ts';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis) as Purifier;

describe('the fast stripping path', () => {
  it('agrees with DOMPurify on jsdom for random simple markup', { timeout: 60_000 }, () => {
    const tag = fc.constantFrom('p', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'br', 'li', 'ul', 'ol', 'h1', 'h3', 'blockquote', 'code', 'P', 'Strong');
    const token = fc.oneof(
      tag.map((t) => `<${t}>`),
      tag.map((t) => `</${t}>`),
      tag.map((t) => `<${t} />`),
      fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&nbsp;', '& ', '<3', '5 < 6', ' ', '\n', '\t', 'word', "O'B", '"q"', 'é'),
      fc.string({ maxLength: 6 }).filter((s) => !/[<&\r\0]/.test(s)),
    );
    const text = fc.constantFrom('&amp;', '&lt;b&gt;', '& ', '<3', ' ', '\n', 'word', "O'B", '"q"', 'é', '');
    // Well-nested trees reach the fast path far more often than random token soup.
    const { tree } = fc.letrec<{ tree: string }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.tuple(tag, fc.array(tie('tree'), { maxLength: 4 })).map(([t, kids]) => (t === 'br' ? '<br>' : `<${t}>${kids.join('')}</${t}>`)),
      ),
    }));
    const input = fc.oneof(fc.array(token, { minLength: 1, maxLength: 14 }).map((t) => t.join('')), fc.array(tree, { minLength: 1, maxLength: 4 }).map((t) => t.join('')));
    let compared = 0;
    fc.assert(
      fc.property(input, (s) => {
        const fast = fastStrip(s);
        if (fast === undefined) return true;
        compared++;
        const slow = purifyOnce(s, purify);
        expect(slow, s).not.toBeNull();
        expect(fast, s).toBe(slow!.text);
        return true;
      }),
      { numRuns: 1200 },
    );
    // The property must really exercise the fast path, not only its refusals.
    expect(compared).toBeGreaterThan(300);
  });

  it('hands attributes, unknown tags, other entities and carriage returns to DOMPurify', () => {
    for (const s of ['<p class="x">a</p>', '<table>a</table>', '<p>&copy;</p>', '<p>a\r\nb</p>', '<p>&#60;</p>', '</span>', '<pre>\na</pre>']) {
      expect(fastStrip(s), s).toBeUndefined();
    }
  });
});
