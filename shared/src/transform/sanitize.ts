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
 * - Dangerous patterns (dangerous.ts) never survive into a sendable message.
 * - URL fields are never HTML-sanitized: checkUrl (url.ts) keeps them exactly or rejects them.
 * - Which fields are text and which are URLs is KINDS' field table (model/kinds.ts).
 *
 * Speed: a text with no `<` followed by a letter, `/`, `!` or `?` cannot contain markup
 * (that is where the HTML tokenizer starts a tag) and is returned untouched; markup.ts has
 * the rest of the story.
 */
import type { Design, DesignNode } from '../model/design.ts';
import type { Issue, Severity } from '../model/issues.ts';
import { NODE_KINDS, textFields, urlFields } from '../model/kinds.ts';
import { childSegments, joinPath, valueAt } from '../model/paths.ts';
import { hasPlaceholder } from '../model/variables.ts';
import { checkUrl } from '../rules/url.ts';
import { DANGER_HINT, DANGEROUS } from './dangerous.ts';
import { MAX_PASSES, stripMarkup, type Purifier } from './markup.ts';
import { MARKUP_POSSIBLE } from './markupPossible.ts';

// The stripping and the patterns live in markup.ts and dangerous.ts; kept exported from here too.

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

function byKind(fields: (kind: string) => readonly { path: string }[]): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, fields(k).map((f) => f.path)]));
}
/** Text-bearing props per kind (KINDS' text fields); nested objects are written `parent.child`. */
export const TEXT_FIELDS = byKind(textFields);
/** URL props per kind (KINDS' url fields): checked by checkUrl, kept exactly or rejected, never rewritten. */
export const URL_FIELDS = byKind(urlFields);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function writeField(props: Record<string, unknown>, field: string, value: string): Record<string, unknown> {
  const dot = field.indexOf('.');
  if (dot < 0) return { ...props, [field]: value };
  const key = field.slice(0, dot);
  const outer = props[key] as Record<string, unknown>;
  return { ...props, [key]: { ...outer, [field.slice(dot + 1)]: value } };
}

function checkUrlField(v: unknown, p: string, issues: Issue[], nodeId?: string): void {
  // '' means "not set"; a URL with a {{placeholder}} is checked once bound (validate()
  // checks it with the samples, and the pipeline sanitizes the bound design again).
  if (typeof v !== 'string' || v === '' || hasPlaceholder(v)) return;
  const r = checkUrl(v, `The URL at ${p}`);
  if (!r.ok) issues.push(issue('error', r.code, r.message, p, nodeId));
  else if (r.warning) issues.push(issue('warning', r.warning.code, r.warning.message, p, nodeId));
}

function sanitizeNode(node: DesignNode, path: string, purify: Purifier, issues: Issue[]): DesignNode {
  let props = node.props;
  const propsOk = isRecord(props);
  if (propsOk) {
    const kind = typeof node.kind === 'string' ? node.kind : '';
    for (const field of textFields(kind)) {
      const v = valueAt(props, field.at);
      if (typeof v !== 'string' || v === '') continue;
      const r = sanitizeText(v, purify, joinPath(path, field.path), node.id);
      if (r.issues.length > 0) issues.push(...r.issues);
      if (r.value !== v) props = writeField(props, field.path, r.value);
    }
    for (const field of urlFields(kind)) checkUrlField(valueAt(props, field.at), joinPath(path, field.path), issues, node.id);
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
// a customer reads, and keys holding URLs: the last key of every text and URL field.
const lastKeys = (fields: Readonly<Record<string, readonly string[]>>) =>
  new Set(Object.values(fields).flatMap((paths) => paths.map((p) => p.slice(p.lastIndexOf('.') + 1))));
const MESSAGE_TEXT_KEYS = lastKeys(TEXT_FIELDS);
const MESSAGE_URL_KEYS = lastKeys(URL_FIELDS);
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
      } else if (MESSAGE_URL_KEYS.has(k)) checkUrlField(v, p, issues);
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
