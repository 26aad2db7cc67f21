/**
 * Seeded generators for fuzz and round-trip tests. Deterministic: the same seed gives the
 * same designs, so a failing case can be replayed from its seed.
 *
 *   const rng = createRng(42);
 *   const design = randomDesign(rng);      // passes validate() with no error
 *   const broken = mutate(design, rng);    // a JSON value that may be anything
 */
import { FORMAT_VERSION, type Design, type DesignNode, type Variable } from '../model/design.ts';
import { MEDIA_TYPES, DATE_DISPLAY_FORMATS } from '../model/genesys.ts';
import {
  BUTTON_TEXT_MAX,
  CARD_BUTTONS_RECOMMENDED,
  CARD_TITLE_MAX,
  CAROUSEL_MAX_CARDS,
  MAX_CONTENT_ITEMS,
  QUICK_REPLIES_MAX,
} from '../model/limits.ts';

/** A function returning floats in [0, 1), like Math.random. */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}
function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

const WORDS = [
  'Book', 'now', 'flight', 'Oslo', 'offer', 'café', 'naïve', 'größe', '日本', 'Ελλάδα', '🚀', '👍🏽',
  'a "quote"', "it's", 'back\\slash', 'tab\there', 'R&D', '<b>bold</b>', '50%', '$9.99', 'émoji 😀', 'ok',
];

/** A non-empty string of up to `max` characters (code units), with unicode and JSON-special chars. */
export function randomText(rng: Rng, max: number): string {
  let s = pick(rng, WORDS);
  const n = int(rng, 0, 4);
  for (let i = 0; i < n; i++) {
    const next = `${s} ${pick(rng, WORDS)}`;
    if (next.length > max) break;
    s = next;
  }
  if (s.length > max) s = 'Option'.slice(0, max);
  return s;
}

export function randomUrl(rng: Rng): string {
  const host = pick(rng, ['example.com', 'www.example.org', 'cdn.example.net', 'xn--caf-dma.example']);
  const path = pick(rng, ['', '/', '/img/photo.png', '/a/b?x=1&y=2', '/caf%C3%A9#top', '/video.mp4']);
  return `https://${host}${path}`;
}

type Ctx = { rng: Rng; n: number; variables: Variable[] };

function uid(ctx: Ctx, prefix: string): string {
  ctx.n++;
  return `${prefix}-${ctx.n}`;
}

/** Text that sometimes carries a declared `{{variable}}`. */
function text(ctx: Ctx, max: number): string {
  const base = randomText(ctx.rng, max);
  if (ctx.variables.length && chance(ctx.rng, 0.2)) {
    const withVar = `${base} {{${pick(ctx.rng, ctx.variables).name}}}`;
    if (withVar.length <= max) return withVar;
  }
  return base;
}

function node(ctx: Ctx, kind: string, props: Record<string, unknown>, children: DesignNode[] = []): DesignNode {
  return { id: uid(ctx, kind), kind, props, children };
}

function action(ctx: Ctx): DesignNode {
  const label = text(ctx, BUTTON_TEXT_MAX);
  if (chance(ctx.rng, 0.3)) return node(ctx, 'action', { type: 'Link', text: label, url: randomUrl(ctx.rng) });
  return node(ctx, 'action', { type: 'Postback', text: label, payload: uid(ctx, 'payload') });
}

function card(ctx: Ctx): DesignNode {
  const props: Record<string, unknown> = { title: text(ctx, CARD_TITLE_MAX), description: chance(ctx.rng, 0.5) ? randomText(ctx.rng, 80) : '' };
  if (chance(ctx.rng, 0.5)) props.image = randomUrl(ctx.rng);
  if (chance(ctx.rng, 0.1)) props.video = randomUrl(ctx.rng);
  if (chance(ctx.rng, 0.3)) props.defaultAction = { type: 'Link', url: randomUrl(ctx.rng) };
  const actions: DesignNode[] = [];
  const n = int(ctx.rng, 1, CARD_BUTTONS_RECOMMENDED);
  for (let i = 0; i < n; i++) actions.push(action(ctx));
  return node(ctx, 'card', props, actions);
}

function carousel(ctx: Ctx): DesignNode {
  const cards: DesignNode[] = [];
  const n = int(ctx.rng, 2, CAROUSEL_MAX_CARDS);
  for (let i = 0; i < n; i++) cards.push(card(ctx));
  return node(ctx, 'carousel', {}, cards);
}

function quickReply(ctx: Ctx): DesignNode {
  const props: Record<string, unknown> = { text: text(ctx, BUTTON_TEXT_MAX), payload: uid(ctx, 'qr') };
  if (chance(ctx.rng, 0.2)) props.image = randomUrl(ctx.rng);
  return node(ctx, 'quickReply', props);
}

function listPicker(ctx: Ctx): DesignNode {
  const sections: DesignNode[] = [];
  for (let s = int(ctx.rng, 1, 3); s > 0; s--) {
    const items: DesignNode[] = [];
    for (let i = int(ctx.rng, 1, 4); i > 0; i--) {
      const props: Record<string, unknown> = { id: uid(ctx, 'item'), title: randomText(ctx.rng, 40) };
      if (chance(ctx.rng, 0.5)) props.subtitle = randomText(ctx.rng, 40);
      if (chance(ctx.rng, 0.3)) props.imageUrl = randomUrl(ctx.rng);
      items.push(node(ctx, 'listItem', props));
    }
    sections.push(node(ctx, 'listSection', { title: randomText(ctx.rng, 40), multipleSelection: chance(ctx.rng, 0.5) }, items));
  }
  const received: Record<string, unknown> = { title: randomText(ctx.rng, 40) };
  if (chance(ctx.rng, 0.4)) received.imageUrl = randomUrl(ctx.rng);
  return node(ctx, 'listPicker', { id: uid(ctx, 'lp'), receivedMessage: received, replyMessage: { title: 'Thanks' } }, sections);
}

function datePicker(ctx: Ctx): DesignNode {
  const slots: DesignNode[] = [];
  for (let i = int(ctx.rng, 0, 3); i > 0; i--) {
    const day = String(int(ctx.rng, 1, 28)).padStart(2, '0');
    slots.push(node(ctx, 'timeSlot', { dateTime: `2030-05-${day}T12:00:00Z`, duration: 1800 * int(ctx.rng, 1, 4) }));
  }
  const props: Record<string, unknown> = { title: randomText(ctx.rng, 40), dateDisplayFormat: pick(ctx.rng, DATE_DISPLAY_FORMATS) };
  if (chance(ctx.rng, 0.5)) {
    props.dateMinimum = '2030-05-01T00:00:00Z';
    props.dateMaximum = '2030-06-01T00:00:00Z';
  }
  if (chance(ctx.rng, 0.3)) props.location = { url: randomUrl(ctx.rng), address: '1 Main St', latitude: 59.9, longitude: 10.7 };
  return node(ctx, 'datePicker', props, slots);
}

function attachment(ctx: Ctx): DesignNode {
  return node(ctx, 'attachment', {
    id: uid(ctx, 'att'),
    mediaType: pick(ctx.rng, MEDIA_TYPES),
    url: randomUrl(ctx.rng),
    filename: 'file.png',
  });
}

export type RandomDesignOptions = {
  /** Allow list and date pickers (export-only content); default true. */
  pickers?: boolean;
};

/**
 * A random design that validate() accepts with no error on webmessaging (it may carry
 * warnings or infos, e.g. long texts or export-only pickers). Ids, payloads and card
 * counts respect every uniqueness and count rule.
 */
export function randomDesign(rng: Rng, opts: RandomDesignOptions = {}): Design {
  const variables: Variable[] = [];
  for (let i = int(rng, 0, 3); i > 0; i--) {
    variables.push({ name: `var_${variables.length}`, sample: randomText(rng, 20) });
  }
  const ctx: Ctx = { rng, n: 0, variables };
  const content: DesignNode[] = [];
  const shape = rng();
  if (shape < 0.1) {
    content.push(attachment(ctx));
  } else {
    const kinds = ['card', 'carousel', 'quickReply', 'quickReply', ...(opts.pickers === false ? [] : ['listPicker', 'datePicker'])];
    let quickReplies = 0;
    for (let i = int(rng, 0, 6); i > 0 && content.length < MAX_CONTENT_ITEMS; i--) {
      const kind = pick(rng, kinds);
      if (kind === 'card') content.push(card(ctx));
      else if (kind === 'carousel') content.push(carousel(ctx));
      else if (kind === 'quickReply' && quickReplies < QUICK_REPLIES_MAX) {
        quickReplies++;
        content.push(quickReply(ctx));
      } else if (kind === 'listPicker') content.push(listPicker(ctx));
      else if (kind === 'datePicker') content.push(datePicker(ctx));
    }
  }
  const rootProps: Record<string, unknown> = { text: content.length === 0 || chance(rng, 0.7) ? text(ctx, 200) : '' };
  return {
    formatVersion: FORMAT_VERSION,
    id: `design-${int(rng, 1, 1e9)}`,
    name: randomText(rng, 40),
    channel: 'webmessaging',
    variables,
    root: { id: uid(ctx, 'message'), kind: 'message', props: rootProps, children: content },
  };
}

// ---- Arbitrary JSON and mutation ----

const NASTY_STRINGS = [
  '', ' ', '\u0000', '\u202e', '{{', '{{unknown}}', '{{ var_0 }}', 'javascript:alert(1)', 'https://', '__proto__',
  'constructor', 'a'.repeat(3000), '\ud800', '日本語', 'null', '[]', '{}',
];

/** A random JSON value, nesting at most `depth` levels. */
export function randomJson(rng: Rng, depth = 3): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.5) {
    return pick(rng, [
      () => null,
      () => rng() < 0.5,
      () => int(rng, -5, 5),
      () => rng() * 1e6,
      () => pick(rng, NASTY_STRINGS),
      () => randomText(rng, 30),
      () => -0,
      () => Number.MAX_SAFE_INTEGER,
    ])();
  }
  if (r < 0.75) {
    const arr: unknown[] = [];
    for (let i = int(rng, 0, 4); i > 0; i--) arr.push(randomJson(rng, depth - 1));
    return arr;
  }
  const obj: Record<string, unknown> = {};
  const keys = ['id', 'kind', 'props', 'children', 'text', 'title', 'url', 'type', 'payload', 'x', '__proto__'];
  for (let i = int(rng, 0, 4); i > 0; i--) {
    // defineProperty so "__proto__" becomes an own key, as JSON.parse makes it.
    Object.defineProperty(obj, pick(rng, keys), { value: randomJson(rng, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

/** A deeply nested array/object chain (stress for recursion). */
export function deepNest(levels: number, asNodes = false): unknown {
  if (asNodes) {
    let n: Record<string, unknown> = { id: `n${levels}`, kind: 'card', props: {}, children: [] };
    for (let i = levels - 1; i >= 0; i--) n = { id: `n${i}`, kind: i === 0 ? 'message' : 'card', props: {}, children: [n] };
    return n;
  }
  let v: unknown = [];
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

function jsonClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * A mutated deep copy of a JSON value: one to three random edits somewhere inside it
 * (delete a key, change a type, swap in nasty strings, duplicate or empty arrays, change
 * a kind, ...). The input is never modified. May return any JSON value, including ones
 * that are not objects at all.
 */
export function mutate(value: unknown, rng: Rng): unknown {
  let out = jsonClone(value);
  for (let k = int(rng, 1, 3); k > 0; k--) out = mutateOnce(out, rng);
  return out;
}

function mutateOnce(value: unknown, rng: Rng): unknown {
  // Collect containers and the keys inside them, then edit one.
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const stack: unknown[] = [value];
  while (stack.length && slots.length < 5000) {
    const v = stack.pop();
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), stack.push(x)));
    else if (v && typeof v === 'object') {
      for (const [key, x] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key });
        stack.push(x);
      }
    }
  }
  if (slots.length === 0 || rng() < 0.03) return randomJson(rng, 3);
  const { parent, key } = pick(rng, slots);
  const current = (parent as Record<string | number, unknown>)[key];
  const op = int(rng, 0, 11);
  const set = (v: unknown) => {
    (parent as Record<string | number, unknown>)[key] = v;
  };
  switch (op) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 1:
      set(randomJson(rng, 2));
      break;
    case 2:
      set(pick(rng, NASTY_STRINGS));
      break;
    case 3:
      set(null);
      break;
    case 4:
      if (Array.isArray(current)) {
        const copies = jsonClone(current);
        set([...current, ...copies, ...jsonClone(copies)]);
      } else set([current]);
      break;
    case 5:
      set(pick(rng, ['message', 'card', 'carousel', 'action', 'quickReply', 'listItem', 'timeSlot', 'bogus', '']));
      break;
    case 6:
      set(typeof current === 'string' ? current.repeat(int(rng, 2, 50)) : String(current));
      break;
    case 7:
      set(typeof current === 'number' ? -current : int(rng, -1, 1e6));
      break;
    case 8:
      set(deepNest(int(rng, 5, 200), rng() < 0.5));
      break;
    case 9:
      if (Array.isArray(parent) && parent.length) set(jsonClone(parent[int(rng, 0, parent.length - 1)]));
      else set({});
      break;
    case 10:
      if (typeof current === 'string') set(`${current}{{${pick(rng, ['nope', 'var_0', 'a.b', '1bad'])}}}`);
      else set([]);
      break;
    default:
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        (current as Record<string, unknown>)[pick(rng, ['extra', 'url', 'children', 'props'])] = randomJson(rng, 1);
      } else set({ id: 'x', kind: 'card', props: current, children: current });
  }
  return value;
}
