import { describe, expect, it } from 'vitest';
import { URL_MAX } from '../model/limits.ts';
import { checkUrl } from './url.ts';

type Row = [url: string, expected: 'ok' | 'warn' | string, why: string];

// Expected: 'ok', 'warn' (ok with a warning) or the error code.
const TABLE: Row[] = [
  ['https://example.com', 'ok', 'plain https'],
  ['https://www.example.com/flights/norway', 'ok', 'path'],
  ['https://example.com/a/b?x=1&y=2#frag', 'ok', 'query and fragment'],
  ['https://example.com/caf%C3%A9', 'ok', 'percent-encoded path'],
  ['HTTPS://Example.COM/Photo.JPG', 'ok', 'scheme and host case do not change meaning'],
  ['https://café.example/menu', 'url.unicode_host', 'internationalised host: allowed with a look-alike warning'],
  ['https://xn--pypal-4ve.com/', 'url.unicode_host', 'punycode host: allowed with a look-alike warning'],
  ['https://example.com:8443/x', 'ok', 'explicit port'],
  ['https://[2001:db8::1]/x', 'ok', 'IPv6 literal'],
  ['https://example.com/?q=javascript:alert(1)', 'ok', 'javascript: inside the query is just text'],
  ['http://example.com', 'warn', 'http is allowed with a warning'],
  ['', 'url.empty', 'empty'],
  ['javascript:alert(1)', 'url.dangerous_scheme', 'javascript'],
  ['JaVaScRiPt:alert(1)', 'url.dangerous_scheme', 'mixed case'],
  ['   javascript:alert(1)', 'url.dangerous_scheme', 'leading spaces'],
  ['\u0001\u0002javascript:alert(1)', 'url.dangerous_scheme', 'leading controls'],
  ['java\tscript:alert(1)', 'url.dangerous_scheme', 'tab inside the scheme'],
  ['java\nscript:alert(1)', 'url.dangerous_scheme', 'newline inside the scheme'],
  ['jav\u0000ascript:alert(1)', 'url.dangerous_scheme', 'NUL inside the scheme'],
  ['javascript&colon;alert(1)', 'url.dangerous_scheme', 'entity-encoded colon'],
  ['&#106;avascript:alert(1)', 'url.dangerous_scheme', 'decimal entity'],
  ['&#x6A;avascript&#x3A;alert(1)', 'url.dangerous_scheme', 'hex entities'],
  ['%6Aavascript:alert(1)', 'url.dangerous_scheme', 'percent-encoded scheme char'],
  ['javascript%3Aalert(1)', 'url.dangerous_scheme', 'percent-encoded colon'],
  ['\u200bjavascript:alert(1)', 'url.dangerous_scheme', 'zero-width prefix'],
  ['vbscript:msgbox(1)', 'url.dangerous_scheme', 'vbscript'],
  ['data:text/html;base64,PHNjcmlwdD4=', 'url.dangerous_scheme', 'data'],
  ['DATA:image/png;base64,AAAA', 'url.dangerous_scheme', 'data, upper case'],
  ['file:///etc/passwd', 'url.dangerous_scheme', 'file'],
  ['https:\\\\evil.com', 'url.backslash', 'backslashes the parser would turn into //'],
  ['https://good.com\\@evil.com', 'url.backslash', 'backslash host confusion'],
  ['https:evil.com', 'url.missing_slashes', 'missing //'],
  ['https:/evil.com', 'url.missing_slashes', 'single slash'],
  ['//evil.com/x', 'url.scheme_relative', 'scheme-relative'],
  ['www.example.com', 'url.not_absolute', 'no scheme'],
  ['/relative/path', 'url.not_absolute', 'relative path'],
  ['ftp://example.com/file', 'url.scheme', 'other scheme'],
  ['mailto:someone@example.com', 'url.scheme', 'mailto is not a web page'],
  ['https://user:pass@example.com', 'url.credentials', 'credentials'],
  ['https://user@example.com', 'url.credentials', 'user name only'],
  ['https://example.com@evil.com', 'url.credentials', 'host disguised as user name'],
  ['https://example.com/a b', 'url.invisible_characters', 'space inside'],
  ['https://example.com/ ', 'url.invisible_characters', 'trailing space'],
  ['https://example.com/\u202Egnp.exe', 'url.invisible_characters', 'RTL override'],
  ['https://exa\u200Dmple.com', 'url.invisible_characters', 'zero-width joiner in host'],
  ['https://example.com/\u2066x', 'url.invisible_characters', 'bidi isolate'],
  ['https://example.com/\u200E', 'url.invisible_characters', 'LRM'],
  ['https://example.com/a\u061Cb', 'url.invisible_characters', 'Arabic letter mark (bidi)'],
  ['https://exa\u00ADmple.com/', 'url.invisible_characters', 'soft hyphen'],
  ['https://example.com/\u180E', 'url.invisible_characters', 'Mongolian vowel separator'],
  ['https://example.com/\u3164', 'url.invisible_characters', 'Hangul filler'],
  ['https://example.com/\u034F', 'url.invisible_characters', 'combining grapheme joiner'],
  ['https://example.com/\uFFF9', 'url.invisible_characters', 'interlinear annotation anchor'],
  ['https://example.com/\u{E0041}', 'url.invisible_characters', 'tag character'],
  ['\uFEFFhttps://example.com', 'url.invisible_characters', 'BOM'],
  ['https://example.com/\u0085', 'url.invisible_characters', 'C1 control'],
  ['https://example.com/"><script>alert(1)</script>', 'url.invalid_characters', 'markup injection'],
  ['https://0x7f.1/', 'url.host_rewritten', 'numeric IPv4 the parser rewrites'],
  ['https://2130706433/', 'url.host_rewritten', 'decimal IPv4'],
  ['https://exa%6Dple.com/', 'url.host_rewritten', 'percent-encoded host'],
  ['https://', 'url.invalid', 'no host'],
  ['https://exa mple.com', 'url.invisible_characters', 'space in host'],
  [`https://example.com/${'a'.repeat(URL_MAX)}`, 'url.too_long', 'over URL_MAX'],
];

describe('checkUrl policy table', () => {
  it('has at least 30 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TABLE)('%j → %s (%s)', (url, expected) => {
    const r = checkUrl(url, 'Link URL');
    if (expected === 'ok') expect(r).toEqual({ ok: true });
    else if (expected === 'warn') {
      expect(r.ok).toBe(true);
      expect(r.ok && r.warning?.code).toBe('url.insecure_http');
    } else if (expected === 'url.unicode_host') {
      expect(r.ok).toBe(true);
      expect(r.ok && r.warning?.code).toBe('url.unicode_host');
      expect(r.ok && r.warning?.message).toMatch(/^Link URL host .*xn--/);
    } else {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.code).toBe(expected);
      expect(!r.ok && r.message).toMatch(/^Link URL /);
    }
  });
});

describe('checkUrl messages', () => {
  it('says what and why for a javascript: link', () => {
    const r = checkUrl('javascript:alert(1)', 'Link URL');
    expect(r).toEqual({
      ok: false,
      code: 'url.dangerous_scheme',
      message: 'Link URL uses the javascript: scheme, which can run script; use an https:// address.',
    });
  });

  it('names the javascript scheme even when it is disguised', () => {
    const r = checkUrl('java&#x73;cript&colon;alert(1)', 'Link URL');
    expect(!r.ok && r.message).toContain('javascript: scheme (disguised)');
  });

  it('quotes URL_MAX when a URL is too long', () => {
    const r = checkUrl(`https://example.com/${'a'.repeat(URL_MAX)}`);
    expect(!r.ok && r.message).toContain(`limit is ${URL_MAX} (URL_MAX)`);
  });

  it('explains why http is flagged', () => {
    const r = checkUrl('http://example.com');
    expect(r.ok && r.warning?.message).toMatch(/https/);
  });

  it('names the invisible character and where it is', () => {
    const r = checkUrl('https://example.com/\u202Ex');
    expect(!r.ok && r.message).toMatch(/U\+202E.*position 21/);
  });

  it('explains the rewritten host', () => {
    const r = checkUrl('https://0x7f.1/');
    expect(!r.ok && r.message).toContain('"127.0.0.1"');
  });

  it('never throws on non-string input', () => {
    expect(checkUrl(42 as unknown as string)).toMatchObject({ ok: false, code: 'url.not_string' });
    expect(checkUrl(null as unknown as string)).toMatchObject({ ok: false, code: 'url.not_string' });
  });
});

describe('URLs that pass are kept exactly as typed', () => {
  it('accepts only strings whose meaning does not depend on parser rewriting', () => {
    // Every accepted URL, parsed and re-serialised, points at the same origin and path
    // as typed (modulo letter case of scheme/host and IDNA), so exporting the typed string
    // is safe. A rejected one is rejected *because* the parser would change it.
    for (const [url, expected] of TABLE) {
      if (expected !== 'ok' && expected !== 'warn' && expected !== 'url.unicode_host') continue;
      const parsed = new URL(url);
      const typedHost = url.split('//')[1]!.split(/[/?#]/)[0]!.replace(/:\d+$/, '');
      if (/^[\x20-\x7e]*$/.test(typedHost)) expect(parsed.hostname).toBe(typedHost.toLowerCase());
    }
  });

  it('does not change the string (checkUrl returns no rewritten value)', () => {
    const typed = 'https://Example.com/a/../b?x=%41';
    const r = checkUrl(typed);
    expect(r).toEqual({ ok: true });
    expect(Object.keys(r)).toEqual(['ok']);
    expect(new URL(typed).href).not.toBe(typed); // the parser would have rewritten it; we do not
  });
});
