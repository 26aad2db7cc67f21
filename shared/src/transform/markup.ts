/**
 * Markup stripping for the sanitize policy (sanitize.ts): a text as a plain-text field
 * would show it. Comments (conditional comments and SSI directives too) go with the tags.
 * Elements whose content is not prose (script, style, template, noscript,
 * iframe, object, textarea, title, …) lose their content too. Stripping repeats until
 * nothing in the result parses as an element, because the text of one pass can decode into
 * a tag (`<b>x</b>&lt;script&gt;` → `x<script>`).
 *
 * Speed: the server validates every keystroke of the editor and the benchmark asks for
 * thousands of cards a second, while one DOMPurify pass on jsdom costs ~400 µs. So a text
 * made only of simple attribute-free formatting tags and plain text is stripped by a small
 * tokenizer (fastStrip) whose result is proven identical to the DOMPurify path by a property
 * test (markup.test.ts); everything else goes through DOMPurify.
 */
import type { Config, DOMPurify } from 'dompurify';
import { MARKUP_POSSIBLE } from './markupPossible.ts';

/** A DOMPurify instance: the browser's on the client, one on a jsdom window on the server. */
export type Purifier = DOMPurify;

/** A stripped text is decoded once per pass, so it shrinks every pass; this is a backstop. */
export const MAX_PASSES = 8;

// Elements that separate lines of text: their boundaries become one line break.
const BLOCK_TAGS = [
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section',
  'article', 'header', 'footer', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'address', 'hr',
  'tr', 'table', 'pre', 'aside', 'nav', 'main',
];
const BLOCK = new Set(BLOCK_TAGS.map((t) => t.toUpperCase()));

const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  // Keep only structure that maps to line breaks; everything else is unwrapped to its text.
  ALLOWED_TAGS: [...BLOCK_TAGS, 'br'],
  ALLOWED_ATTR: [],
  KEEP_CONTENT: true,
  // DOMPurify already drops the content of script, style, template, noscript, iframe, title,
  // svg, math, xmp, noembed, noframes, plaintext…; these also hold no prose a customer should see.
  ADD_FORBID_CONTENTS: ['textarea', 'object', 'embed', 'applet', 'frame', 'frameset', 'select', 'datalist', 'canvas', 'option', 'optgroup'],
  RETURN_DOM_FRAGMENT: true,
  // Without it, a text that *starts* with <script> or <style> is parsed into <head>, which
  // DOMPurify never walks, so the element went unseen and the text was kept as typed.
  // FORCE_BODY prepends one <remove></remove> so everything lands in <body>.
  FORCE_BODY: true,
};

// ---- Stripping ----

type Pass = { text: string; evidence: string };

/** Collects text from a sanitized fragment; block boundaries and <br> become line breaks. */
class TextSink {
  out = '';
  private pendingBreak = false;
  text(s: string) {
    if (s === '') return;
    if (this.pendingBreak && this.out !== '' && !this.out.endsWith('\n')) this.out += '\n';
    this.pendingBreak = false;
    this.out += s;
  }
  lineBreak() {
    this.pendingBreak = false;
    this.out += '\n';
  }
  block() {
    this.pendingBreak = true;
  }
  result() {
    return this.out.trim();
  }
}

type MiniNode = { nodeType: number; nodeName: string; nodeValue: string | null; childNodes: ArrayLike<MiniNode> };

function collect(node: MiniNode, sink: TextSink) {
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const n = kids[i]!;
    if (n.nodeType === 3) sink.text(n.nodeValue ?? '');
    else if (n.nodeType === 1) {
      const name = n.nodeName.toUpperCase();
      if (name === 'BR') sink.lineBreak();
      else if (BLOCK.has(name)) {
        sink.block();
        collect(n, sink);
        sink.block();
      } else collect(n, sink);
    }
  }
}

/** One DOMPurify pass. null when the parser built no element (the text is kept as typed). */
export function purifyOnce(s: string, purify: Purifier): Pass | null {
  const fragment = purify.sanitize(s, PURIFY_CONFIG) as unknown as MiniNode & {
    querySelector(sel: string): unknown;
  };
  // A DOMPurify without a DOM (isSupported false) hands the input back as a string.
  if (typeof fragment !== 'object' || fragment === null || typeof fragment.querySelector !== 'function') {
    throw new Error('the DOMPurify instance has no DOM to parse with');
  }
  let evidence = '';
  let built = fragment.querySelector('*') !== null;
  // FORCE_BODY's own <remove> marker is reported once; a second one was typed by the user.
  let forceBodyMarkerSeen = false;
  for (const r of purify.removed) {
    if ('attribute' in r && r.attribute) {
      built = true;
      evidence += ` ${r.attribute.name}=${r.attribute.value}`;
    } else if ('element' in r) {
      const name = (r.element as { nodeName?: string }).nodeName ?? '';
      if (name === 'REMOVE' && !forceBodyMarkerSeen) {
        forceBodyMarkerSeen = true;
        continue;
      }
      // DOMPurify always reports the <body> it parsed into. A comment is markup like an
      // element: conditional comments (`<!--[if IE]><script>…<![endif]-->`) and server-side
      // include directives (`<!--#exec cmd=…-->`) are hidden code an HTML renderer may run.
      if (name !== 'BODY' && name !== '#text') built = true;
    }
  }
  if (!built) return null;
  const sink = new TextSink();
  collect(fragment, sink);
  return { text: sink.result(), evidence };
}

// The fast path: plain text, attribute-free tags from this list, and the five XML entities
// plus &nbsp;. Any other `<`-construct, entity, \r or \0 (which the HTML parser rewrites)
// goes to DOMPurify. None of these tags changes where text lands in the tree (no tables, no
// raw-text elements, no foreign content), so the token order is the text order.
const FAST_TAGS = new Set([
  'p', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'mark', 'sub', 'sup',
  'code', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
]);
const FAST_UNSAFE_CHARS = /[\r\0]/;
const TAG_RE = /<(\/?)([A-Za-z][A-Za-z0-9]{0,9})(\s*\/?)>/y;
const ENTITY_RE = /&(amp|lt|gt|quot|apos|nbsp);/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
function lastList(open: readonly string[]): string | undefined {
  for (let k = open.length - 1; k >= 0; k--) if (open[k] === 'li' || open[k] === 'ul' || open[k] === 'ol') return open[k];
  return undefined;
}

/** The fast tokenizer: the stripped text, or undefined when DOMPurify must decide. */
export function fastStrip(s: string): string | undefined {
  if (FAST_UNSAFE_CHARS.test(s)) return undefined;
  const sink = new TextSink();
  let text = '';
  let startTags = 0;
  const open: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 60 /* < */) {
      TAG_RE.lastIndex = i;
      const m = TAG_RE.exec(s);
      if (!m) {
        const next = s.charCodeAt(i + 1);
        const isAlpha = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
        if (isAlpha || next === 47 || next === 33 || next === 63) return undefined;
        text += '<';
        i++;
        continue;
      }
      const end = m[1] === '/';
      const name = m[2]!.toLowerCase();
      if (!FAST_TAGS.has(name) || (end && (m[3]!.includes('/') || name === 'br'))) return undefined;
      const block = BLOCK.has(name.toUpperCase());
      if (end) {
        // Only a well-nested end tag: a stray or misnested one is ignored or rearranged by
        // the parser (adoption agency, implied end tags), which only DOMPurify reproduces.
        if (open[open.length - 1] !== name) return undefined;
        open.pop();
      } else if (name !== 'br') {
        // A block start tag implicitly closes an open <p> or heading, and <li> an open <li>.
        if (block && open.some((t) => t === 'p' || HEADING.has(t))) return undefined;
        if (name === 'li' && lastList(open) === 'li') return undefined;
        open.push(name);
      }
      sink.text(text);
      text = '';
      if (name === 'br') sink.lineBreak();
      else if (block) sink.block();
      if (!end) startTags++;
      i += m[0].length;
    } else if (c === 38 /* & */) {
      ENTITY_RE.lastIndex = i;
      const m = ENTITY_RE.exec(s);
      if (m) {
        text += ENTITIES[m[1]!];
        i += m[0].length;
        continue;
      }
      const next = s.charCodeAt(i + 1);
      // `&` before whitespace, `<`, `&` or the end cannot start a character reference.
      if (!(Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 12 || next === 60 || next === 38)) return undefined;
      text += '&';
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === 60 || d === 38) break;
        j++;
      }
      text += s.slice(i, j);
      i = j;
    }
  }
  // An end tag alone may build nothing (a stray </span> is ignored): let the parser decide.
  if (startTags === 0) return undefined;
  sink.text(text);
  return sink.result();
}

function stripOnce(s: string, purify: Purifier): Pass | null {
  const fast = fastStrip(s);
  if (fast !== undefined) return { text: fast, evidence: '' };
  return purifyOnce(s, purify);
}

/** The text as a plain-text field would show it, and whether any markup was removed. */
export function stripMarkup(text: string, purify: Purifier): { value: string; stripped: boolean; evidence: string; complete: boolean } {
  let current = text;
  let evidence = '';
  let passes = 0;
  while (MARKUP_POSSIBLE.test(current)) {
    if (passes === MAX_PASSES) return { value: current, stripped: true, evidence, complete: false };
    const pass = stripOnce(current, purify);
    if (pass === null) break;
    evidence += pass.evidence;
    current = pass.text;
    passes++;
  }
  return { value: passes === 0 ? text : current, stripped: passes > 0, evidence, complete: true };
}
