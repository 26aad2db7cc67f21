/**
 * The sanitize policy shared by client (the browser's DOMPurify) and server (DOMPurify on
 * jsdom). Genesys shows every text field of a rich message as plain text, so:
 *
 * - Markup is stripped to its text. Elements whose content is not prose (script, style,
 *   template, noscript, iframe, object, textarea, title, …) lose their content too. Stripping
 *   repeats until nothing in the result parses as an element, because the text of one pass
 *   can decode into a tag (`<b>x</b>&lt;script&gt;` → `x<script>`).
 * - A text from which an HTML parser builds no element (`Tom & Jerry <3`, `5 < 6 > 4`,
 *   `a </b> c`) is kept exactly as typed: no entity encoding or decoding. Plain text is what
 *   Genesys shows, so encoding `&` would show the customer `&amp;`.
 * - The seed's dangerous patterns never survive into a sendable message (see DANGEROUS).
 * - URL fields are never HTML-sanitized: checkUrl (url.ts) keeps them exactly or rejects them.
 *
 * Speed: the server validates every keystroke of the editor and the benchmark asks for
 * thousands of cards a second, while one DOMPurify pass on jsdom costs ~400 µs. So: a text
 * with no `<` followed by a letter, `/`, `!` or `?` cannot contain markup (that is where the
 * HTML tokenizer starts a tag) and is returned untouched; and a text made only of simple
 * attribute-free formatting tags and plain text is stripped by a small tokenizer whose
 * result is proven identical to the DOMPurify path by a property test (sanitize.test.ts).
 * Everything else goes through DOMPurify.
 */
import type { Config, DOMPurify } from 'dompurify';
import type { Design, DesignNode } from '../model/design.ts';
import type { Issue, Severity } from '../model/issues.ts';
import { childSegments, joinPath } from '../model/tree.ts';
import { checkUrl } from '../rules/url.ts';

const PLACEHOLDER_TEST = /\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}/;

/** A DOMPurify instance: the browser's on the client, one on a jsdom window on the server. */
export type Purifier = DOMPurify;

/** `<` followed by what can start a tag, end tag, comment, doctype or processing instruction. */
const MARKUP_POSSIBLE = /<[A-Za-z/!?]/;
/** A stripped text is decoded once per pass, so it shrinks every pass; this is a backstop. */
const MAX_PASSES = 8;

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

// ---- Dangerous patterns (from the seed's DANGEROUS_PATTERNS, made precise) ----
//
// Policy, per pattern. Inside markup every one of them is *stripped* with the markup that
// carried it (an attribute, a script body): a warning, because the text the user meant is
// kept. Once the text is plain, a pattern still in it is *blocked* (an error: the message
// must not be sent) rather than cut out, because removing part of a sentence would silently
// send words the user never wrote, and because each pattern is only there to attack a
// renderer that treats the text as HTML or linkifies it:
// - javascript:/vbscript: URLs: executable when a renderer linkifies them. Blocked. Only
//   the URL form matches (code right after the colon), not prose such as "JavaScript: …".
// - data: URLs (data:text/html, data:image/svg+xml…): carry whole documents, a phishing and
//   script vector. Only a real data URL (media type and/or comma) matches, so "data: 5 GB
//   used" is fine. Blocked.
// - inline event handlers (onclick=…): names from the HTML event handler list, so payloads
//   such as "online=true" or "onboarding=done" are not mistaken for one. Blocked.
// - postMessage( and window.opener: cross-frame script fragments (the seed's clickjacking
//   vector); no customer message needs them. Blocked.
// - target=_blank without rel=noopener: reverse tabnabbing when rendered as a link. Blocked.
type DangerousPattern = { id: string; label: string; test: (s: string) => boolean };

const EVENT_NAMES =
  'abort|afterprint|animationend|animationiteration|animationstart|auxclick|beforecopy|beforecut|beforeinput|beforematch|beforepaste|beforeprint|beforetoggle|beforeunload|blur|cancel|canplay|canplaythrough|change|click|close|contentvisibilityautostatechange|contextlost|contextmenu|contextrestored|copy|cuechange|cut|dblclick|drag|dragend|dragenter|dragexit|dragleave|dragover|dragstart|drop|durationchange|emptied|encrypted|ended|error|focus|focusin|focusout|formdata|fullscreenchange|fullscreenerror|gotpointercapture|hashchange|input|invalid|keydown|keypress|keyup|languagechange|load|loadeddata|loadedmetadata|loadend|loadstart|lostpointercapture|message|messageerror|mousedown|mouseenter|mouseleave|mousemove|mouseout|mouseover|mouseup|mousewheel|offline|online|pagehide|pagereveal|pageshow|pageswap|paste|pause|play|playing|pointercancel|pointerdown|pointerenter|pointerleave|pointermove|pointerout|pointerover|pointerrawupdate|pointerup|popstate|progress|ratechange|rejectionhandled|reset|resize|scroll|scrollend|search|securitypolicyviolation|seeked|seeking|select|selectionchange|selectstart|show|slotchange|stalled|storage|submit|suspend|timeupdate|toggle|touchcancel|touchend|touchmove|touchstart|transitioncancel|transitionend|transitionrun|transitionstart|unhandledrejection|unload|volumechange|waiting|webkitanimationend|webkitanimationiteration|webkitanimationstart|webkittransitionend|wheel|begin|end|repeat|zoom';
const EVENT_HANDLER_RE = new RegExp(`(?:^|[^A-Za-z0-9_])on(?:${EVENT_NAMES})\\s*=`, 'i');
// A URL, not prose: the scheme is followed by code ("JavaScript: The Good Parts" is a
// book title). Tabs and newlines inside the scheme are ignored by URL parsers.
const SCRIPT_URL_RE = /(?:^|[^A-Za-z0-9_])(?:j[\t\n]*a[\t\n]*v[\t\n]*a|v[\t\n]*b)[\t\n]*s[\t\n]*c[\t\n]*r[\t\n]*i[\t\n]*p[\t\n]*t[\t\n]*:(?=\S)/i;
// data:[<mediatype>][;param…][;base64],… — a media type or a comma right after "data:".
const DATA_URL_RE = /(?:^|[^A-Za-z0-9_])data:(?:[a-z][\w.+-]*\/[\w.+-]+(?:;[\w.+-]+(?:=[^;,\s]*)?)*\s*,|(?:;[\w.+-]+(?:=[^;,\s]*)?)*,)/i;
const POST_MESSAGE_RE = /postMessage\s*\(/i;
const WINDOW_OPENER_RE = /window\s*\.\s*opener/i;
const TARGET_BLANK_RE = /target\s*=\s*(?:"\s*_blank\s*"|'\s*_blank\s*'|_blank\b)/i;
const NOOPENER_RE = /\bno(?:opener|referrer)\b/i;

export const DANGEROUS: readonly DangerousPattern[] = [
  { id: 'script_url', label: 'a javascript: or vbscript: URL', test: (s) => SCRIPT_URL_RE.test(s) },
  { id: 'data_url', label: 'a data: URL', test: (s) => DATA_URL_RE.test(s) },
  { id: 'event_handler', label: 'an inline event handler (on…=)', test: (s) => EVENT_HANDLER_RE.test(s) },
  { id: 'post_message', label: 'a postMessage( call', test: (s) => POST_MESSAGE_RE.test(s) },
  { id: 'window_opener', label: 'a window.opener reference', test: (s) => WINDOW_OPENER_RE.test(s) },
  {
    id: 'target_blank',
    label: 'target=_blank without rel=noopener',
    test: (s) => TARGET_BLANK_RE.test(s) && !NOOPENER_RE.test(s),
  },
];

/** Cheapest possible test used before the pattern list: every pattern needs one of these. */
const DANGER_HINT = /[:=(]|opener/i;

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
      // DOMPurify always reports the <body> it parsed into; comments are not elements.
      if (name !== 'BODY' && name !== '#comment' && name !== '#text') built = true;
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

function issue(severity: Severity, code: string, message: string, path: string, nodeId?: string): Issue {
  return nodeId === undefined ? { severity, code, message, path } : { severity, code, message, path, nodeId };
}

function fieldName(path: string): string {
  return path === '' ? 'this field' : `\`${path}\``;
}

/**
 * Sanitizes one text field. The value is the text Genesys would show; issues say what was
 * stripped (warnings) and what blocks the send (errors). A blocked value is returned as the
 * stripped text, never silently rewritten, so the user can see and fix it.
 */
export function sanitizeText(text: string, purify: Purifier, path: string, nodeId?: string): { value: string; issues: Issue[] } {
  const possible = MARKUP_POSSIBLE.test(text);
  if (!possible && !DANGER_HINT.test(text)) return { value: text, issues: [] };
  const issues: Issue[] = [];
  let value = text;
  let evidence = '';
  if (possible) {
    let r: ReturnType<typeof stripMarkup>;
    try {
      r = stripMarkup(text, purify);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      issues.push(
        issue('error', 'sanitize.failed', `${fieldName(path)} may contain markup but could not be sanitized (${why}); it cannot be sent until it can.`, path, nodeId),
      );
      return { value: text, issues };
    }
    if (r.stripped) {
      value = r.value;
      evidence = text + r.evidence;
      issues.push(
        issue(
          'warning',
          'sanitize.markup_stripped',
          `${fieldName(path)} contained HTML markup. Genesys shows this field as plain text, so the markup was removed and only its text kept.`,
          path,
          nodeId,
        ),
      );
      if (!r.complete) {
        issues.push(
          issue(
            'error',
            'sanitize.markup_nested',
            `${fieldName(path)} still contains markup after ${MAX_PASSES} rounds of stripping (markup encoded inside markup). Remove the markup.`,
            path,
            nodeId,
          ),
        );
      }
    }
  }
  if (!DANGER_HINT.test(evidence) && !DANGER_HINT.test(value)) return { value, issues };
  for (const p of DANGEROUS) {
    if (p.test(value)) {
      issues.push(
        issue(
          'error',
          `sanitize.${p.id}_blocked`,
          `${fieldName(path)} contains ${p.label}. It is blocked because it only serves to attack a renderer that shows the text as HTML; remove it before sending.`,
          path,
          nodeId,
        ),
      );
    } else if (evidence !== '' && p.test(evidence)) {
      issues.push(
        issue(
          'warning',
          `sanitize.${p.id}_stripped`,
          `${fieldName(path)} had ${p.label} inside its markup; it was removed with the markup.`,
          path,
          nodeId,
        ),
      );
    }
  }
  return { value, issues };
}

// ---- Designs ----

/** Text-bearing props per kind; nested objects are written `parent.child`. */
export const TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  message: ['text'],
  card: ['title', 'description', 'defaultAction.text'],
  action: ['text', 'payload'],
  quickReply: ['text', 'payload', 'summaryText'],
  carousel: [],
  listPicker: [
    'receivedMessage.header', 'receivedMessage.title', 'receivedMessage.subtitle', 'receivedMessage.buttonLabel',
    'replyMessage.header', 'replyMessage.title', 'replyMessage.subtitle', 'replyMessage.buttonLabel',
  ],
  listSection: ['title'],
  listItem: ['title', 'subtitle'],
  datePicker: ['title', 'subtitle', 'location.text', 'location.address'],
  timeSlot: [],
  attachment: ['text', 'filename'],
};

/** URL props per kind: checked by checkUrl, kept exactly or rejected, never rewritten. */
export const URL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  message: [],
  card: ['image', 'video', 'defaultAction.url'],
  action: ['url'],
  quickReply: ['image'],
  carousel: [],
  listPicker: ['receivedMessage.imageUrl', 'replyMessage.imageUrl'],
  listSection: [],
  listItem: ['imageUrl'],
  datePicker: ['imageUrl', 'location.url'],
  timeSlot: [],
  attachment: ['url'],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readField(props: Record<string, unknown>, field: string): unknown {
  const dot = field.indexOf('.');
  if (dot < 0) return props[field];
  const outer = props[field.slice(0, dot)];
  return isRecord(outer) ? outer[field.slice(dot + 1)] : undefined;
}

function writeField(props: Record<string, unknown>, field: string, value: string): Record<string, unknown> {
  const dot = field.indexOf('.');
  if (dot < 0) return { ...props, [field]: value };
  const key = field.slice(0, dot);
  const outer = props[key] as Record<string, unknown>;
  return { ...props, [key]: { ...outer, [field.slice(dot + 1)]: value } };
}

function sanitizeNode(node: DesignNode, path: string, purify: Purifier, issues: Issue[]): DesignNode {
  let props = node.props;
  const propsOk = isRecord(props);
  if (propsOk) {
    for (const field of TEXT_FIELDS[node.kind] ?? []) {
      const v = readField(props, field);
      if (typeof v !== 'string' || v === '') continue;
      const r = sanitizeText(v, purify, joinPath(path, field), node.id);
      if (r.issues.length > 0) issues.push(...r.issues);
      if (r.value !== v) props = writeField(props, field, r.value);
    }
    for (const field of URL_FIELDS[node.kind] ?? []) {
      const v = readField(props, field);
      // '' means "not set"; a URL with a {{placeholder}} is checked once bound (validate()
      // checks it with the samples, and the pipeline sanitizes the bound design again).
      if (typeof v !== 'string' || v === '' || PLACEHOLDER_TEST.test(v)) continue;
      const p = joinPath(path, field);
      const r = checkUrl(v, `The URL at ${p}`);
      if (!r.ok) issues.push(issue('error', r.code, r.message, p, node.id));
      else if (r.warning) issues.push(issue('warning', r.warning.code, r.warning.message, p, node.id));
    }
  }
  let children = node.children;
  if (Array.isArray(children)) {
    const segments = childSegments(node);
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i]!;
      if (!isRecord(child)) continue;
      const next = sanitizeNode(child, joinPath(path, segments[i]!), purify, issues);
      if (next !== child) {
        if (children === node.children) children = [...node.children];
        children[i] = next;
      }
    }
  }
  if (props === node.props && children === node.children) return node;
  return { ...node, props, children };
}

// Keys of a Genesys message (content payloads, list picker messages, locations) whose value
// a customer reads, and keys holding URLs.
const MESSAGE_TEXT_KEYS = new Set(['text', 'title', 'description', 'payload', 'summaryText', 'subtitle', 'header', 'buttonLabel', 'filename', 'address']);
const MESSAGE_URL_KEYS = new Set(['url', 'image', 'video', 'imageUrl']);
// Envelope data Genesys fills in; never shown to the customer as message text.
const MESSAGE_SKIP_KEYS = new Set(['channel', 'metadata', 'events', 'reasons', 'relatedMessages', 'enrichment']);

/**
 * Sanitizes a Genesys message kept verbatim in a design (the other reply messages of an
 * imported Bot Connector reply, exported around the designed one), so nothing reaches an
 * export unsanitized.
 */
function sanitizeMessageJson(value: unknown, path: string, purify: Purifier, issues: Issue[], depth = 0): unknown {
  if (depth > 12) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const next = sanitizeMessageJson(v, `${path}[${i}]`, purify, issues, depth + 1);
      if (next !== v) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (MESSAGE_SKIP_KEYS.has(k)) continue;
    const p = joinPath(path, k);
    let next = v;
    if (typeof v === 'string') {
      if (MESSAGE_TEXT_KEYS.has(k) && v !== '') {
        const r = sanitizeText(v, purify, p);
        issues.push(...r.issues);
        next = r.value;
      } else if (MESSAGE_URL_KEYS.has(k) && v !== '' && !PLACEHOLDER_TEST.test(v)) {
        const r = checkUrl(v, `The URL at ${p}`);
        if (!r.ok) issues.push(issue('error', r.code, r.message, p));
        else if (r.warning) issues.push(issue('warning', r.warning.code, r.warning.message, p));
      }
    } else next = sanitizeMessageJson(v, p, purify, issues, depth + 1);
    if (next !== v) (out ??= { ...value })[k] = next;
  }
  return out ?? value;
}

/**
 * Applies sanitizeText to every text-bearing prop of every node and checkUrl to every URL
 * prop (and the same to reply messages kept verbatim from an imported Bot Connector reply).
 * Returns the same design object when nothing changed (unchanged subtrees shared).
 */
export function sanitizeDesign(design: Design, purify: Purifier): { design: Design; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!isRecord(design) || !isRecord(design.root)) return { design, issues };
  const root = sanitizeNode(design.root, '', purify, issues);
  let out: Design = root === design.root ? design : { ...design, root };
  const reply = design.botReply;
  if (isRecord(reply) && (reply.before !== undefined || reply.after !== undefined)) {
    const before = sanitizeMessageJson(reply.before, 'botReply.before', purify, issues) as typeof reply.before;
    const after = sanitizeMessageJson(reply.after, 'botReply.after', purify, issues) as typeof reply.after;
    if (before !== reply.before || after !== reply.after) {
      out = { ...out, botReply: { ...reply, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) } };
    }
  }
  return { design: out, issues };
}
