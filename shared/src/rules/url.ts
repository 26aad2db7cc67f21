/**
 * The URL policy for every URL field a design carries (button links, card media, default
 * actions, quick-reply images, list/date picker images, locations, attachments).
 *
 * A URL that passes is exported exactly as typed, never normalised, so the check refuses
 * anything a URL parser would have to rewrite in a way that changes what it points at
 * (backslashes, missing `//`, a host written in a disguised form), and anything whose
 * meaning depends on who reads it (invisible or bidi characters, embedded credentials).
 * Script-running schemes are caught in every disguise, before any other check, so the
 * message names the real problem.
 */
import { URL_MAX } from '../model/limits.ts';

export type UrlCheck =
  | { ok: true; warning?: { code: string; message: string } }
  | { ok: false; code: string; message: string };

const DANGEROUS_SCHEMES: Record<string, string> = {
  javascript: 'which can run script',
  vbscript: 'which can run script',
  data: 'which can smuggle in a script or a fake page',
  file: 'which points at files on the reader’s own computer',
};

const NAMED_ENTITIES: Record<string, string> = {
  colon: ':', tab: '\t', newline: '\n', sol: '/', bsol: '\\', period: '.', nbsp: '\u00a0',
  lpar: '(', rpar: ')', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", num: '#', percnt: '%',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function decodePercents(s: string): string {
  return s.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Whitespace, controls, every format character (zero-width, bidi controls such as U+061C,
 * soft hyphen, tag characters) and the fillers that render as nothing (Hangul fillers,
 * the combining grapheme joiner): by Unicode category, so no hand-made list can miss one.
 */
const INVISIBLE_RE = /[\s\p{Cc}\p{Cf}\p{Z}\u034f\u115f\u1160\u3164\uffa0]/u;
const INVISIBLE_RE_G = new RegExp(INVISIBLE_RE.source, 'gu');

/** The scheme a browser (or an HTML-unescaping template) would see behind any disguise. */
function revealedScheme(value: string): string | undefined {
  let s = value;
  for (let i = 0; i < 3; i++) {
    const next = decodePercents(decodeEntities(s));
    if (next === s) break;
    s = next;
  }
  s = s.replace(INVISIBLE_RE_G, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(s);
  return m?.[1];
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `a control character (${hex})`;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
    return `an invisible text-direction character (${hex})`;
  }
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0xfeff || (cp >= 0x2060 && cp <= 0x2064)) return `an invisible zero-width character (${hex})`;
  if (/\s|\p{Z}/u.test(ch)) return `a whitespace character (${hex})`;
  return `an invisible character (${hex})`;
}

/** Characters never valid unencoded in a URL and typical of markup injection or broken placeholders. */
const UNSAFE_PRINTABLE: Record<string, string> = { '<': '%3C', '>': '%3E', '"': '%22', '`': '%60', '{': '%7B', '}': '%7D' };
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function fail(code: string, message: string): UrlCheck {
  return { ok: false, code, message };
}

/**
 * Check a URL against the policy. `label` names the field in messages ("Link URL",
 * "Card image URL"…). Never throws.
 */
export function checkUrl(value: string, label = 'URL'): UrlCheck {
  if (typeof value !== 'string') return fail('url.not_string', `${label} must be text, not ${value === null ? 'null' : typeof value}.`);
  if (value === '') return fail('url.empty', `${label} is empty; enter an https:// address.`);

  const scheme = revealedScheme(value);
  if (scheme && scheme in DANGEROUS_SCHEMES) {
    const direct = value.toLowerCase().startsWith(`${scheme}:`);
    return fail(
      'url.dangerous_scheme',
      `${label} uses the ${scheme}: scheme${direct ? '' : ' (disguised)'}, ${DANGEROUS_SCHEMES[scheme]}; use an https:// address.`,
    );
  }

  if (value.length > URL_MAX) {
    return fail('url.too_long', `${label} is ${value.length} characters long; the limit is ${URL_MAX} (URL_MAX).`);
  }

  const invisible = INVISIBLE_RE.exec(value);
  if (invisible) {
    return fail(
      'url.invisible_characters',
      `${label} contains ${describeChar(invisible[0])} at position ${invisible.index + 1}; URLs may not contain whitespace, control, zero-width or text-direction characters (encode a space as %20).`,
    );
  }
  // Lone surrogates cannot be encoded; the parser would replace them.
  if (LONE_SURROGATE_RE.test(value)) {
    return fail('url.invalid_characters', `${label} contains a broken Unicode character.`);
  }
  if (value.includes('\\')) {
    return fail(
      'url.backslash',
      `${label} contains a backslash (\\); browsers read it as "/" but other software does not, so the address is ambiguous. Use forward slashes.`,
    );
  }
  for (const ch of value) {
    const enc = UNSAFE_PRINTABLE[ch];
    if (enc) return fail('url.invalid_characters', `${label} contains "${ch}", which is not allowed in a URL; encode it as ${enc}.`);
  }

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value);
  if (!schemeMatch) {
    if (value.startsWith('//')) {
      return fail('url.scheme_relative', `${label} "${value.slice(0, 60)}" has no scheme (it starts with //); write the full address with https://.`);
    }
    return fail('url.not_absolute', `${label} "${value.slice(0, 60)}" is not an absolute address; it must start with https://.`);
  }
  const typedScheme = schemeMatch[1]!.toLowerCase();
  if (typedScheme !== 'https' && typedScheme !== 'http') {
    return fail('url.scheme', `${label} uses the ${typedScheme}: scheme; only https:// addresses (or http://) are allowed.`);
  }
  const rest = value.slice(schemeMatch[0].length);
  if (!rest.startsWith('//')) {
    return fail(
      'url.missing_slashes',
      `${label} must have "//" after "${schemeMatch[0]}" (as in https://example.com); without it browsers and other software read the address differently.`,
    );
  }

  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return fail('url.invalid', `${label} "${value.slice(0, 60)}" is not a valid web address.`);
  }

  const authority = rest.slice(2).split(/[/?#]/, 1)[0]!;
  if (authority.includes('@') || parsed.username || parsed.password) {
    return fail(
      'url.credentials',
      `${label} contains a user name or password before "@"; credentials in links leak and are used to disguise the real host. Remove them.`,
    );
  }
  if (!parsed.hostname) return fail('url.no_host', `${label} has no host name.`);

  // The host as typed must be the host the parser reads (up to letter case). Otherwise the
  // parser rewrote it (percent-escapes, numeric IPv4 forms like 0x7f.1, trailing dots…) and
  // other readers may go elsewhere. Non-ASCII hosts are allowed: IDNA encoding keeps meaning.
  const typedHost = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:[^:]*$/, '');
  const asciiHost = /^\p{ASCII}*$/u.test(typedHost);
  if (asciiHost && typedHost.toLowerCase() !== parsed.hostname) {
    return fail(
      'url.host_rewritten',
      `${label} host "${typedHost}" would be read as "${parsed.hostname}"; write the host plainly (as in example.com).`,
    );
  }

  if (!asciiHost || /(^|\.)xn--/i.test(parsed.hostname)) {
    return {
      ok: true,
      warning: {
        code: 'url.unicode_host',
        message: `${label} host "${typedHost}" has non-ASCII letters (it is really "${parsed.hostname}"); look-alike letters can imitate another site, so check it is the one you mean.`,
      },
    };
  }
  if (parsed.protocol === 'http:') {
    return {
      ok: true,
      warning: {
        code: 'url.insecure_http',
        message: `${label} uses http://; Messenger pages are served over https, so browsers may block or flag it. Use https:// if the site supports it.`,
      },
    };
  }
  return { ok: true };
}
