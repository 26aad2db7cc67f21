/**
 * The plain-text fallback: what an SMS (or any channel without rich content) customer gets.
 * Deterministic (no locale, no clock): the same design always gives the same text, so the
 * preview, the export and the server's send agree to the character.
 *
 * Layout: the message text; then per content item a block separated by a blank line. Every
 * choice the customer can answer with (Postback buttons, quick replies, list items, date
 * picker times) is numbered once across the whole message, so "reply 3" is unambiguous;
 * Link buttons are written "Label: https://…". Card images and videos are left out: a bare
 * media URL costs SMS characters and says little without the picture.
 */
import type { Card, ContentItem, GenesysMessage } from '../model/genesys.ts';
import type { Design } from '../model/design.ts';
import { SMS_TEXT_MAX } from '../model/limits.ts';
import { compile } from './compile.ts';

export type TextFallbackOptions = {
  /** Default SMS_TEXT_MAX (765), the SMS agent send limit. */
  maxLength?: number;
  variables?: Record<string, string> | 'samples';
};

export const ELLIPSIS = '…';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r === 0 ? `${h} h` : `${h} h ${r} min`;
}

/** "Fri 30 May 2025, 12:00 UTC (30 min)", in UTC so it never depends on the machine. */
export function formatTimeSlot(dateTime: string, duration: number, format?: string): string {
  const d = new Date(dateTime);
  const dur = formatDuration(duration);
  if (Number.isNaN(d.getTime())) return dur ? `${dateTime} (${dur})` : dateTime;
  const day = d.getUTCDate();
  const mon = MONTHS[d.getUTCMonth()]!;
  const year = d.getUTCFullYear();
  const date =
    format === 'monthDayYear'
      ? `${mon} ${day}, ${year}`
      : format === 'yearMonthDay'
        ? `${year}-${pad(d.getUTCMonth() + 1)}-${pad(day)}`
        : `${day} ${mon} ${year}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  return `${DAYS[d.getUTCDay()]} ${date}, ${time}${dur ? ` (${dur})` : ''}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

class Numberer {
  n = 0;
  next(label: string): string {
    this.n += 1;
    return `${this.n}. ${label}`;
  }
}

function cardLines(card: Card, num: Numberer): string[] {
  const lines: string[] = [];
  if (str(card.title)) lines.push(str(card.title));
  if (str(card.description)) lines.push(str(card.description));
  const links = new Set<string>();
  for (const a of Array.isArray(card.actions) ? card.actions : []) {
    if (a?.type === 'Link' && str(a.url)) {
      links.add(str(a.url));
      lines.push(`${str(a.text) || 'Link'}: ${str(a.url)}`);
    } else if (a && str(a.text)) {
      lines.push(num.next(str(a.text)));
    }
  }
  const da = card.defaultAction;
  if (da && str(da.url) && !links.has(str(da.url))) lines.push(`${str(da.text) || 'More'}: ${str(da.url)}`);
  return lines;
}

function itemBlocks(item: ContentItem, num: Numberer): string[][] {
  switch (item.contentType) {
    case 'Card':
      return [cardLines(item.card, num)];
    case 'Carousel':
      return (item.carousel.cards ?? []).map((c) => cardLines(c, num));
    case 'ListPicker': {
      const lp = item.listPicker;
      const lines: string[] = [];
      for (const m of [lp.receivedMessage?.header, lp.receivedMessage?.title, lp.receivedMessage?.subtitle]) if (str(m)) lines.push(str(m));
      for (const s of lp.sections ?? []) {
        if (str(s.title)) lines.push(`${str(s.title)}${s.multipleSelection ? ' (choose one or more)' : ''}:`);
        for (const it of s.items ?? []) {
          const label = str(it.title) + (str(it.subtitle) ? ` (${str(it.subtitle)})` : '');
          if (label) lines.push(num.next(label));
        }
      }
      return [lines];
    }
    case 'DatePicker': {
      const dp = item.datePicker;
      const lines: string[] = [];
      if (str(dp.title)) lines.push(str(dp.title));
      if (str(dp.subtitle)) lines.push(str(dp.subtitle));
      const loc = dp.location;
      if (loc && (str(loc.text) || str(loc.address))) lines.push(`Location: ${[str(loc.text), str(loc.address)].filter(Boolean).join(', ')}`);
      if (loc && str(loc.url)) lines.push(`Map: ${str(loc.url)}`);
      const times = dp.availableTimes ?? [];
      if (times.length > 0) {
        lines.push('Available times:');
        for (const t of times) lines.push(num.next(formatTimeSlot(String(t.dateTime), Number(t.duration), dp.dateDisplayFormat)));
      } else if (str(dp.dateMinimum) || str(dp.dateMaximum)) {
        const from = str(dp.dateMinimum) ? formatTimeSlot(str(dp.dateMinimum), 0, dp.dateDisplayFormat) : '';
        const to = str(dp.dateMaximum) ? formatTimeSlot(str(dp.dateMaximum), 0, dp.dateDisplayFormat) : '';
        lines.push(`Reply with a date${from ? ` from ${from}` : ''}${to ? ` until ${to}` : ''}.`);
      }
      return [lines];
    }
    case 'Attachment': {
      const a = item.attachment;
      return [[`${str(a.text) || str(a.filename) || a.mediaType}: ${str(a.url)}`]];
    }
    case 'QuickReplyV2': {
      const lines = str(item.quickReplyV2.title) ? [str(item.quickReplyV2.title)] : [];
      for (const q of item.quickReplyV2.actions ?? []) if (str(q.text)) lines.push(num.next(str(q.text)));
      return [lines];
    }
    default:
      return [];
  }
}

/** Plain text of a compiled message, untruncated. */
export function messageToText(message: GenesysMessage): string {
  const blocks: string[][] = [];
  if (str(message.text)) blocks.push([str(message.text)]);
  const num = new Numberer();
  let quick: string[] | undefined;
  for (const item of Array.isArray(message.content) ? message.content : []) {
    if (item?.contentType === 'QuickReply') {
      // Consecutive quick replies read as one list of options.
      if (!quick) blocks.push((quick = []));
      if (str(item.quickReply?.text)) quick.push(num.next(str(item.quickReply.text)));
      continue;
    }
    quick = undefined;
    if (item) blocks.push(...itemBlocks(item, num));
  }
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n');
}

const URL_RE = /https?:\/\/\S+/g;

/**
 * Cuts `text` to at most `max` characters ending with "…". Never inside a URL (a cut URL is a
 * broken link, worse than none; its line's label goes with it) and, where possible, at a word
 * boundary.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  let cut = max - ELLIPSIS.length;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (start < cut && cut < end) {
      // The URL's line ("Track order: https://…") means nothing without it: drop the line too.
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      cut = lineStart > 0 ? lineStart : start;
      break;
    }
  }
  // Prefer a word boundary unless that would throw away more than half the room.
  if (cut < text.length && !/\s/.test(text[cut]!)) {
    const ws = text.slice(0, cut).search(/\s\S*$/);
    if (ws > (max - ELLIPSIS.length) / 2) cut = ws;
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

export function textFallback(design: Design, opts: TextFallbackOptions = {}): string {
  const max = opts.maxLength ?? SMS_TEXT_MAX;
  const message = compile(design, opts.variables === undefined ? {} : { variables: opts.variables });
  return truncateText(messageToText(message), max);
}
