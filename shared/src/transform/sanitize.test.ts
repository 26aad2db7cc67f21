import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { FORMAT_VERSION, type Design, type DesignNode } from '../model/design.ts';
import { sanitizeDesign, sanitizeText } from './sanitize.ts';
import type { Purifier } from './markup.ts';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis) as Purifier;

/** A purifier that records whether it was called, to prove the pre-check skips it. */
function spyPurifier(): { p: Purifier; calls: () => number } {
  let calls = 0;
  const p = new Proxy(purify, {
    get(target, key, recv) {
      if (key === 'sanitize') {
        return (...args: Parameters<Purifier['sanitize']>) => {
          calls++;
          return (target.sanitize as (...a: unknown[]) => unknown)(...args);
        };
      }
      return Reflect.get(target, key, recv);
    },
  }) as Purifier;
  return { p, calls: () => calls };
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('sanitizeText on plain text', () => {
  const plain = [
    'Tom & Jerry <3',
    '5 < 6 > 4',
    'data: 5 GB used',
    `O'Brien "quoted"`,
    'Fish &amp; chips',
    'a<3b and c>d? no: a < b',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '  leading and trailing spaces  ',
    'line one\nline two\r\nline three',
    'price: 10€ (incl. VAT) = 12€',
    'emoji 🎉 and ümlauts',
    'online=true&onboarding=done',
    'version=2; session=abc',
    '<<>> <3 <= >= <- ->',
    'a < /b',
    '',
  ];
  for (const text of plain) {
    it(`keeps ${JSON.stringify(text)} exactly as typed without calling DOMPurify`, () => {
      const spy = spyPurifier();
      const r = sanitizeText(text, spy.p, 'text');
      expect(r.value).toBe(text);
      expect(r.issues).toEqual([]);
      expect(spy.calls()).toBe(0);
    });
  }

  it('keeps text exactly when the parser builds no element from a stray end tag', () => {
    expect(sanitizeText('a </span> b', purify, 'text')).toEqual({ value: 'a </span> b', issues: [] });
  });
});

describe('sanitizeText on markup', () => {
  it('strips comments, conditional comments and server-side include directives with the markup', () => {
    const cases: Array<[string, string]> = [
      ['x <!-- note --> y', 'x  y'],
      ['Hi <!--[if gte IE 4]><SCRIPT>alert(1)</SCRIPT><![endif]-->there', 'Hi there'],
      ['<!--#exec cmd="/bin/ls /" -->Order shipped', 'Order shipped'],
      ['<![if !IE]>Sale<![endif]>', 'Sale'],
      ['<b>Big</b><!-- x -->', 'Big'],
    ];
    for (const [text, value] of cases) {
      const r = sanitizeText(text, purify, 'text');
      expect(r.value, text).toBe(value);
      expect(r.issues.map((i) => i.code), text).toContain('sanitize.markup_stripped');
    }
  });

  it('strips tags to their text and warns with the path and node id', () => {
    const r = sanitizeText('<p>Hello <strong>world</strong></p>', purify, 'content[0].card.description', 'n1');
    expect(r.value).toBe('Hello world');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      severity: 'warning',
      code: 'sanitize.markup_stripped',
      path: 'content[0].card.description',
      nodeId: 'n1',
    });
    expect(r.issues[0]!.message).toContain('content[0].card.description');
  });

  it('turns paragraphs and line breaks into line breaks', () => {
    expect(sanitizeText('<p>one</p><p>two</p>three<br>four', purify, 't').value).toBe('one\ntwo\nthree\nfour');
  });

  it('drops the content of script, style, template, noscript, iframe, object, textarea and title', () => {
    for (const tag of ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'textarea', 'title']) {
      const r = sanitizeText(`before<${tag}>SECRET</${tag}>after`, purify, 't');
      expect(r.value, tag).toBe('beforeafter');
      expect(codes(r.issues), tag).toContain('sanitize.markup_stripped');
    }
  });

  it('strips script, style and other head elements when the text starts with them', () => {
    // The HTML parser puts a leading <script>/<style>/<title>/<meta> into <head>; the policy
    // must still see and strip them (a regression the editor's e2e suite caught).
    for (const [input, expected] of [
      ['<script>alert(2)</script>World', 'World'],
      ['<style>a{}</style>Hi', 'Hi'],
      ['<title>T</title>Text', 'Text'],
      ['<meta http-equiv="refresh" content="0;url=https://evil.example">Text', 'Text'],
      ['<link rel=stylesheet href=x>Text', 'Text'],
    ] as const) {
      const r = sanitizeText(input, purify, 't');
      expect(r.value, input).toBe(expected);
      expect(codes(r.issues), input).toContain('sanitize.markup_stripped');
    }
  });

  it('treats a typed <remove> element as markup like any other', () => {
    const r = sanitizeText('<remove>x</remove>y', purify, 't');
    expect(r.value).toBe('xy');
    expect(codes(r.issues)).toContain('sanitize.markup_stripped');
  });

  it('decodes entities in stripped markup once, and strips again when that builds a tag', () => {
    const r = sanitizeText('<b>x</b>&lt;script&gt;alert(1)&lt;/script&gt;', purify, 't');
    expect(r.value).toBe('x');
    const once = sanitizeText('<b>Tom &amp; Jerry</b> &lt;3', purify, 't');
    expect(once.value).toBe('Tom & Jerry <3');
  });

  it('stops at a doubly encoded tag: it decodes to text, not to a tag', () => {
    const r = sanitizeText('<i>a</i>&amp;lt;b&amp;gt;', purify, 't');
    expect(r.value).toBe('a&lt;b&gt;');
  });

  it('removes the body attributes the parser would merge from <body onload>', () => {
    const r = sanitizeText('<body onload=alert(1)>hi', purify, 't');
    expect(r.value).toBe('hi');
    expect(codes(r.issues)).toEqual(['sanitize.markup_stripped', 'sanitize.event_handler_stripped']);
  });
});

describe('sanitizeText dangerous patterns', () => {
  it('strips an event handler and a javascript: URL carried by markup, with a warning for each', () => {
    const r = sanitizeText('<a href="javascript:alert(1)" onclick="steal()">Go</a>', purify, 'p');
    expect(r.value).toBe('Go');
    expect(codes(r.issues)).toEqual(['sanitize.markup_stripped', 'sanitize.script_url_stripped', 'sanitize.event_handler_stripped']);
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('strips postMessage and window.opener inside a script element', () => {
    const r = sanitizeText('ok<script>window.opener.postMessage(document.cookie)</script>', purify, 'p');
    expect(r.value).toBe('ok');
    expect(codes(r.issues)).toEqual(['sanitize.markup_stripped', 'sanitize.post_message_stripped', 'sanitize.window_opener_stripped']);
  });

  it('strips target=_blank without noopener with its link, and does not report it with noopener', () => {
    expect(codes(sanitizeText('<a href="https://x.example" target="_blank">x</a>', purify, 'p').issues)).toContain(
      'sanitize.target_blank_stripped',
    );
    expect(codes(sanitizeText('<a href="https://x.example" target="_blank" rel="noopener">x</a>', purify, 'p').issues)).toEqual([
      'sanitize.markup_stripped',
    ]);
  });

  const blocked: Array<[string, string]> = [
    ['Click javascript:alert(1)', 'sanitize.script_url_blocked'],
    ['try JavaScript:void(0)', 'sanitize.script_url_blocked'],
    ['java\tscript:alert(1)', 'sanitize.script_url_blocked'],
    ['vbscript:msgbox(1)', 'sanitize.script_url_blocked'],
    ['see data:text/html;base64,PHNjcmlwdD4=', 'sanitize.data_url_blocked'],
    ['data:,hello', 'sanitize.data_url_blocked'],
    ['x onerror=alert(1)', 'sanitize.event_handler_blocked'],
    ['ONCLICK = steal()', 'sanitize.event_handler_blocked'],
    ['parent.postMessage ("x")', 'sanitize.post_message_blocked'],
    ['window.opener.location', 'sanitize.window_opener_blocked'],
    ['target="_blank" href=x', 'sanitize.target_blank_blocked'],
    // Encoded in markup: decoding the stripped text reveals the pattern in the plain text.
    ['<b>go</b> java&#115;cript:alert(1)', 'sanitize.script_url_blocked'],
  ];
  for (const [text, code] of blocked) {
    it(`blocks ${JSON.stringify(text)} in plain text with ${code}`, () => {
      const r = sanitizeText(text, purify, 'content[0].card.title', 'c1');
      const found = r.issues.find((i) => i.code === code);
      expect(found).toMatchObject({ severity: 'error', path: 'content[0].card.title', nodeId: 'c1' });
    });
  }

  it('does not mistake ordinary words and payloads for patterns', () => {
    for (const text of ['data: 5 GB used', 'online=true', 'onboarding=done', 'one=1', 'reason=late', 'Javascript is fun', 'JavaScript: The Good Parts', 'metadata:x', 'target: _blank page']) {
      expect(sanitizeText(text, purify, 't').issues, text).toEqual([]);
    }
  });
});

function node(id: string, kind: string, props: Record<string, unknown>, children: DesignNode[] = []): DesignNode {
  return { id, kind, props, children };
}
function design(root: DesignNode): Design {
  return { formatVersion: FORMAT_VERSION, id: 'd1', name: 'Test', channel: 'webmessaging', variables: [], root };
}

describe('sanitizeDesign', () => {
  it('returns the same design object when nothing needs sanitizing', () => {
    const d = design(
      node('m', 'message', { text: 'Tom & Jerry <3' }, [
        node('c', 'card', { title: 'Offer', description: '5 < 6' }, [node('a', 'action', { type: 'Postback', text: 'Buy', payload: 'buy' })]),
      ]),
    );
    const r = sanitizeDesign(d, purify);
    expect(r.design).toBe(d);
    expect(r.issues).toEqual([]);
  });

  it('sanitizes every text-bearing prop and names each field by its export path', () => {
    const untouchedQr = node('q1', 'quickReply', { text: 'Yes', payload: 'yes' });
    const d = design(
      node('m', 'message', { text: '<b>Hi</b>' }, [
        node('car', 'carousel', {}, [
          node('c0', 'card', { title: 'A', description: 'plain' }),
          node('c1', 'card', { title: '<i>T</i>', description: '<p>D</p>' }, [
            node('a0', 'action', { type: 'Postback', text: 'ok', payload: 'ok' }),
            node('a1', 'action', { type: 'Postback', text: '<u>Buy</u>', payload: '<b>p</b>' }),
          ]),
        ]),
        untouchedQr,
        node('q2', 'quickReply', { text: '<em>No</em>', payload: 'no', summaryText: '<b>s</b>' }),
        node('lp', 'listPicker', { receivedMessage: { title: '<b>Pick</b>' }, replyMessage: { title: 'Thanks' } }, [
          node('ls', 'listSection', { title: '<i>Phones</i>', multipleSelection: false }, [
            node('li', 'listItem', { id: 'p1', title: '<b>Model</b>', subtitle: '<i>128</i>' }),
          ]),
        ]),
        node('dp', 'datePicker', { title: '<b>When</b>', subtitle: '<i>pick</i>' }),
        node('at', 'attachment', { id: 'x', mediaType: 'Image', url: 'https://example.com/a.png', filename: '<b>a</b>.png', text: '<i>cap</i>' }),
      ]),
    );
    const r = sanitizeDesign(d, purify);
    const paths = r.issues.filter((i) => i.code === 'sanitize.markup_stripped').map((i) => i.path);
    expect(paths).toEqual([
      'text',
      'content[0].carousel.cards[1].title',
      'content[0].carousel.cards[1].description',
      'content[0].carousel.cards[1].actions[1].text',
      'content[0].carousel.cards[1].actions[1].payload',
      'content[2].quickReply.text',
      'content[2].quickReply.summaryText',
      'content[3].listPicker.receivedMessage.title',
      'content[3].listPicker.sections[0].title',
      'content[3].listPicker.sections[0].items[0].title',
      'content[3].listPicker.sections[0].items[0].subtitle',
      'content[4].datePicker.title',
      'content[4].datePicker.subtitle',
      // Fields in the order model/kinds.ts lists them.
      'content[5].attachment.filename',
      'content[5].attachment.text',
    ]);
    const root = r.design.root;
    expect(root.props.text).toBe('Hi');
    const card = root.children[0]!.children[1]!;
    expect(card.props).toEqual({ title: 'T', description: 'D' });
    expect(card.children[1]!.props).toEqual({ type: 'Postback', text: 'Buy', payload: 'p' });
    // Unchanged subtrees are shared, and the input is not mutated.
    expect(root.children[0]!.children[0]).toBe(d.root.children[0]!.children[0]);
    expect(card.children[0]).toBe(d.root.children[0]!.children[1]!.children[0]);
    expect(root.children[1]).toBe(untouchedQr);
    expect(d.root.props.text).toBe('<b>Hi</b>');
    expect(root.children[3]!.props.receivedMessage).toEqual({ title: 'Pick' });
    expect(root.children[5]!.props.filename).toBe('a.png');
  });

  it('keeps a valid URL exactly and reports a bad one without rewriting it', () => {
    const d = design(
      node('m', 'message', {}, [
        node('c', 'card', { title: 'T', image: 'https://example.com/a.png?x=<b>' }, [
          node('a', 'action', { type: 'Link', text: 'Go', url: 'javascript:alert(1)' }),
        ]),
      ]),
    );
    const r = sanitizeDesign(d, purify);
    expect(r.design).toBe(d);
    const urlIssue = r.issues.find((i) => i.path === 'content[0].card.actions[0].url');
    expect(urlIssue).toMatchObject({ severity: 'error', nodeId: 'a' });
    expect(r.issues.some((i) => i.code.startsWith('sanitize.') && i.path.endsWith('image'))).toBe(false);
  });

  it('blocks a dangerous pattern in a payload with an error naming the field', () => {
    const d = design(node('m', 'message', {}, [node('q', 'quickReply', { text: 'Yes', payload: 'x onmouseover=steal()' })]));
    const r = sanitizeDesign(d, purify);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'sanitize.event_handler_blocked', path: 'content[0].quickReply.payload', nodeId: 'q' }),
    ]);
  });
});

describe('sanitizeDesign on reply messages kept from an imported Bot Connector reply', () => {
  it('sanitizes the text of the messages exported around the designed one', () => {
    const d: Design = {
      ...design(node('m', 'message', { text: 'Hi' })),
      botReply: {
        botState: 'MoreData',
        before: [{ type: 'Text', text: '<b>Welcome</b>' }],
        after: [{ type: 'Structured', content: [{ contentType: 'QuickReply', quickReply: { text: 'ok', payload: 'x onclick=y()' } }] }],
      },
    };
    const r = sanitizeDesign(d, purify);
    expect(r.design.botReply?.before?.[0]?.text).toBe('Welcome');
    expect(d.botReply?.before?.[0]?.text).toBe('<b>Welcome</b>');
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'sanitize.markup_stripped', path: 'botReply.before[0].text' }),
      expect.objectContaining({ severity: 'error', code: 'sanitize.event_handler_blocked', path: 'botReply.after[0].content[0].quickReply.payload' }),
    ]);
  });
});

describe('sanitizeText without a working DOMPurify', () => {
  it('blocks the field with sanitize.failed instead of passing markup through', () => {
    const noDom = { ...purify, isSupported: false, sanitize: (s: string) => s, removed: [] } as unknown as Purifier;
    const r = sanitizeText('<table><tr><td>x</td></tr></table>', noDom, 'text', 'm');
    expect(r.value).toBe('<table><tr><td>x</td></tr></table>');
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'sanitize.failed', path: 'text', nodeId: 'm' })]);
  });
});
