import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../model/channels.ts';
import type { DesignNode } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import {
  BUTTON_TEXT_MAX,
  CARD_DESCRIPTION_MAX,
  CARD_TITLE_MAX,
  MAX_CONTENT_ITEMS,
  PAYLOAD_MAX,
  QUICK_REPLIES_MAX,
  SMS_SEGMENT_MAX,
  SMS_TEXT_MAX,
  TEXT_MAX,
  URL_MAX,
  VALIDATE_MAX_ISSUES,
} from '../model/limits.ts';
import { createRng, deepNest, mutate, randomDesign, randomJson } from '../testing/index.ts';
import { validate, type ValidateOptions } from './validate.ts';

let seq = 0;
function node(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = [], id?: string): DesignNode {
  return { id: id ?? `${kind}-${++seq}`, kind, props, children };
}
const postback = (text = 'Book', payload = `p-${++seq}`) => node('action', { type: 'Postback', text, payload });
const link = (url = 'https://example.com/x', text = 'More') => node('action', { type: 'Link', text, url });
const card = (actions: DesignNode[] = [postback()], props: Record<string, unknown> = {}) =>
  node('card', { title: 'Title', description: '', ...props }, actions);
const carousel = (cards: DesignNode[]) => node('carousel', {}, cards);
const qr = (text = 'Yes', payload = `q-${++seq}`) => node('quickReply', { text, payload });
const attachment = () => node('attachment', { id: 'a', mediaType: 'Image', url: 'https://example.com/a.png', filename: 'a.png' });

function design(children: DesignNode[], extra: { text?: string; variables?: unknown; channel?: string } = {}): Record<string, unknown> {
  const d: Record<string, unknown> = {
    formatVersion: 1,
    id: 'd1',
    name: 'Test',
    variables: extra.variables ?? [],
    root: node('message', { text: extra.text ?? 'Hello' }, children, 'root'),
  };
  if (extra.channel) d.channel = extra.channel;
  return d;
}

function run(input: unknown, opts?: ValidateOptions): Issue[] {
  const issues = validate(input, opts);
  for (const i of issues) expectWellFormed(i);
  return issues;
}
function withCode(issues: Issue[], code: string): Issue[] {
  return issues.filter((i) => i.code === code);
}
function one(issues: Issue[], code: string): Issue {
  const found = withCode(issues, code);
  expect(found, `expected one ${code} in ${JSON.stringify(issues.map((i) => i.code))}`).toHaveLength(1);
  return found[0]!;
}
function errors(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error');
}

const ISSUE_KEYS = new Set(['severity', 'code', 'message', 'path', 'nodeId']);
/** Plain check (no expect per field) so the 10,000-input fuzz stays quick. */
function isWellFormed(i: unknown): boolean {
  if (typeof i !== 'object' || i === null) return false;
  const issue = i as Record<string, unknown>;
  return (
    (issue.severity === 'error' || issue.severity === 'warning' || issue.severity === 'info') &&
    typeof issue.code === 'string' &&
    /^[a-z][A-Za-z_]*(\.[a-z][A-Za-z_]*)+$/.test(issue.code) &&
    typeof issue.message === 'string' &&
    issue.message.length > 10 &&
    typeof issue.path === 'string' &&
    (!('nodeId' in issue) || typeof issue.nodeId === 'string') &&
    Object.keys(issue).every((k) => ISSUE_KEYS.has(k))
  );
}

function expectWellFormed(i: unknown): void {
  expect(i).toBeTypeOf('object');
  const issue = i as Issue;
  expect(['error', 'warning', 'info']).toContain(issue.severity);
  expect(issue.code).toMatch(/^[a-z][A-Za-z_]*(\.[a-z][A-Za-z_]*)+$/);
  expect(typeof issue.message).toBe('string');
  expect(issue.message.length).toBeGreaterThan(10);
  expect(typeof issue.path).toBe('string');
  if ('nodeId' in issue) expect(typeof issue.nodeId).toBe('string');
  const keys = Object.keys(issue).filter((k) => !['severity', 'code', 'message', 'path', 'nodeId'].includes(k));
  expect(keys).toEqual([]);
}

describe('a valid design', () => {
  it('has no issues at all when it is complete and on a supporting channel', () => {
    const d = design([card([postback('Book', 'book'), link()]), carousel([card(), card()]), qr('Yes', 'y'), qr('No', 'n')]);
    expect(run(d, { channel: 'webmessaging' })).toEqual([]);
  });

  it('random generated designs have no errors', () => {
    const rng = createRng(7);
    for (let i = 0; i < 300; i++) {
      const d = randomDesign(rng);
      expect(errors(run(d))).toEqual([]);
    }
  });
});

describe('design envelope', () => {
  it('reports a non-object input', () => {
    for (const input of [null, 42, 'x', [], undefined, true]) {
      expect(one(run(input), 'design.not_object').path).toBe('');
    }
  });

  it('reports formatVersion, id, name and a missing root with their paths', () => {
    const issues = run({ formatVersion: 2, id: '', name: 5 });
    expect(one(issues, 'design.format_version').path).toBe('formatVersion');
    expect(one(issues, 'design.id').path).toBe('id');
    expect(one(issues, 'design.name').path).toBe('name');
    expect(one(issues, 'design.root_missing').path).toBe('root');
  });

  it('reports invalid and duplicate variable names', () => {
    const d = design([], {
      variables: [{ name: 'ok', sample: '' }, { name: '1bad', sample: '' }, { name: 'ok', sample: '' }, 'str', { name: 'n', sample: 3 }],
    });
    const issues = run(d);
    expect(one(issues, 'variable.name_invalid').path).toBe('variables[1].name');
    expect(one(issues, 'variable.name_duplicate').path).toBe('variables[2].name');
    expect(one(issues, 'variable.not_object').path).toBe('variables[3]');
    expect(one(issues, 'variable.sample_invalid').path).toBe('variables[4].sample');
  });

  it('reports a root that is not a message and an unknown channel', () => {
    const d = { formatVersion: 1, id: 'd', name: 'n', channel: 'fax', root: card() };
    const issues = run(d);
    expect(one(issues, 'design.root_kind').path).toBe('');
    expect(one(issues, 'design.channel').path).toBe('channel');
  });
});

describe('nodes', () => {
  it('reports unknown kinds, duplicate ids, bad props and children with paths', () => {
    const d = design([
      node('widget', {}, [], 'w'),
      node('card', { title: 'A' }, [], 'same'),
      node('card', { title: 'B' }, [], 'same'),
      { id: 'p', kind: 'card', props: 'oops', children: [] } as unknown as DesignNode,
      { id: 'c', kind: 'card', props: { title: 'x' }, children: {} } as unknown as DesignNode,
      7 as unknown as DesignNode,
    ]);
    const issues = run(d);
    expect(one(issues, 'node.unknown_kind')).toMatchObject({ path: 'children[0]', nodeId: 'w' });
    expect(one(issues, 'node.id_duplicate')).toMatchObject({ path: 'content[1].card', nodeId: 'same' });
    expect(one(issues, 'node.props_not_object')).toMatchObject({ path: 'content[2].card', nodeId: 'p' });
    expect(one(issues, 'node.children_not_array')).toMatchObject({ path: 'content[3].card', nodeId: 'c' });
    expect(one(issues, 'node.not_object').path).toBe('children[5]');
  });

  it('reports one issue per bad prop field with its path', () => {
    const d = design([
      card([postback('A', 'a'), { ...link(), props: { type: 'Link', text: 'More', url: 5 } }], { title: 3, colour: 'red' }),
      node('action', { type: 'Nope', text: 'x', payload: 'y' }),
    ]);
    const issues = run(d);
    const invalid = withCode(issues, 'props.invalid').map((i) => i.path);
    expect(invalid).toContain('content[0].card.title');
    expect(invalid).toContain('content[0].card.actions[1].url');
    expect(invalid).toContain('children[1].type');
    expect(one(issues, 'props.unknown_field').path).toBe('content[0].card.colour');
    const missing = run(design([node('quickReply', { text: 'x' })]));
    expect(one(missing, 'props.missing')).toMatchObject({ path: 'content[0].quickReply.payload' });
    expect(one(missing, 'props.missing').message).toContain('Quick reply needs "payload"');
  });

  it('passes well-typed props', () => {
    expect(withCode(run(design([card()])), 'props.invalid')).toEqual([]);
  });
});

describe('grammar and depth', () => {
  it('reports a child the grammar forbids naming parent kind, child kind and path', () => {
    const issues = run(design([node('action', { type: 'Postback', text: 'x', payload: 'y' }, [], 'bad')]));
    const i = one(issues, 'tree.grammar');
    expect(i).toMatchObject({ path: 'children[0]', nodeId: 'bad', severity: 'error' });
    expect(i.message).toContain('A Button cannot go inside a Message');
    expect(i.message).toContain('children[0]');
  });

  it('allows a card inside a carousel', () => {
    expect(withCode(run(design([carousel([card(), card()])])), 'tree.grammar')).toEqual([]);
  });

  it('reports depth beyond MAX_DEPTH with the path and the limit', () => {
    // message › carousel › card › action › action (5 levels)
    const deep = design([carousel([card([node('action', { type: 'Postback', text: 'a', payload: 'b' }, [postback()])]), card()])]);
    const i = one(run(deep), 'tree.too_deep');
    expect(i.path).toBe('content[0].carousel.cards[0].actions[0].children[0]');
    expect(i.message).toContain('MAX_DEPTH = 4');
  });

  it('accepts exactly MAX_DEPTH levels', () => {
    expect(withCode(run(design([carousel([card([postback()]), card()])])), 'tree.too_deep')).toEqual([]);
  });

  it('does not blow the stack on a 10,000-deep node chain or array', () => {
    const chain = { formatVersion: 1, id: 'd', name: 'n', root: deepNest(10_000, true) };
    expect(withCode(run(chain), 'tree.too_deep')).toHaveLength(1);
    expect(one(run({ formatVersion: 1, id: 'd', name: 'n', root: deepNest(10_000) }), 'node.not_object').path).toBe('');
    const props = design([card([postback()], { description: deepNest(10_000) })]);
    expect(one(run(props), 'props.invalid').path).toBe('content[0].card.description');
  });
});

describe('counts', () => {
  it('rejects 11 carousel cards naming CAROUSEL_MAX_CARDS at the carousel path', () => {
    const cards = Array.from({ length: 11 }, () => card());
    const i = one(run(design([carousel(cards)])), 'carousel.too_many_cards');
    expect(i.severity).toBe('error');
    expect(i.path).toBe('content[0].carousel');
    expect(i.message).toContain('at most 10 cards (CAROUSEL_MAX_CARDS)');
  });

  it('accepts 10 carousel cards', () => {
    const cards = Array.from({ length: 10 }, () => card());
    expect(withCode(run(design([carousel(cards)])), 'carousel.too_many_cards')).toEqual([]);
  });

  it('rejects an empty carousel and warns about a one-card carousel', () => {
    const empty = one(run(design([carousel([])])), 'carousel.too_few_cards');
    expect(empty).toMatchObject({ severity: 'error', path: 'content[0].carousel' });
    expect(empty.message).toContain('CAROUSEL_MIN_CARDS');
    const single = one(run(design([carousel([card()])])), 'carousel.few_cards');
    expect(single.severity).toBe('warning');
    expect(single.message).toContain('CAROUSEL_RECOMMENDED_MIN_CARDS');
  });

  it('rejects more than MAX_CONTENT_ITEMS content items', () => {
    const items = Array.from({ length: MAX_CONTENT_ITEMS + 1 }, () => card());
    const i = one(run(design(items)), 'message.too_many_items');
    expect(i).toMatchObject({ severity: 'error', path: 'content' });
    expect(i.message).toContain(`at most ${MAX_CONTENT_ITEMS} (MAX_CONTENT_ITEMS)`);
    expect(withCode(run(design(items.slice(1))), 'message.too_many_items')).toEqual([]);
  });

  it('warns above QUICK_REPLIES_RECOMMENDED and rejects above QUICK_REPLIES_MAX', () => {
    const six = run(design(Array.from({ length: 6 }, () => qr())));
    const w = one(six, 'quickReply.over_recommended');
    expect(w).toMatchObject({ severity: 'warning', path: 'content[5].quickReply' });
    expect(w.message).toContain('QUICK_REPLIES_RECOMMENDED');
    const eleven = run(design(Array.from({ length: QUICK_REPLIES_MAX + 1 }, () => qr())));
    const e = one(eleven, 'quickReply.too_many');
    expect(e).toMatchObject({ severity: 'error', path: `content[${QUICK_REPLIES_MAX}].quickReply` });
    expect(e.message).toContain('(QUICK_REPLIES_MAX)');
    expect(withCode(eleven, 'quickReply.over_recommended')).toEqual([]);
    const five = run(design(Array.from({ length: 5 }, () => qr())));
    expect(five.filter((i) => i.code.startsWith('quickReply.'))).toEqual([]);
  });

  it('warns above CARD_BUTTONS_RECOMMENDED without a channel and follows the channel table', () => {
    const four = () => design([card([postback(), postback(), postback(), postback()])]);
    const w = one(run(four()), 'card.buttons_over_recommended');
    expect(w).toMatchObject({ severity: 'warning', path: 'content[0].card' });
    expect(w.message).toContain('CARD_BUTTONS_RECOMMENDED');
    const wa = one(run(four(), { channel: 'whatsapp' }), 'card.too_many_buttons');
    expect(wa.severity).toBe('error');
    expect(wa.message).toContain('CARD_BUTTONS_MAX');
    expect(one(run(four(), { channel: 'facebook' }), 'card.too_many_buttons').severity).toBe('warning');
    const three = run(design([card([postback(), postback(), postback()])]), { channel: 'whatsapp' });
    expect(three.filter((i) => i.code.startsWith('card.'))).toEqual([]);
  });

  it('allows one attachment alone and rejects a second attachment or other items beside it', () => {
    expect(errors(run(design([attachment()])))).toEqual([]);
    const two = run(design([attachment(), attachment()]));
    expect(one(two, 'attachment.more_than_one').path).toBe('content[1].attachment');
    const mixed = run(design([attachment(), card()]));
    const i = one(mixed, 'attachment.not_alone');
    expect(i.path).toBe('content[0].attachment');
    expect(i.message).toContain('only one item is allowed');
  });
});

describe('buttons', () => {
  it('requires a payload on a Postback and a url on a Link', () => {
    const issues = run(design([card([node('action', { type: 'Postback', text: 'A' }), node('action', { type: 'Link', text: 'B' })])]));
    expect(one(issues, 'action.payload_missing').path).toBe('content[0].card.actions[0].payload');
    expect(one(issues, 'action.url_missing').path).toBe('content[0].card.actions[1].url');
    const ok = run(design([card([postback(), link()])]));
    expect(ok.filter((i) => i.code.startsWith('action.'))).toEqual([]);
  });

  it('rejects two buttons of a card with the same text and payload', () => {
    const i = one(run(design([card([postback('Go', 'go'), postback('Go', 'go')])])), 'card.duplicate_button');
    expect(i.path).toBe('content[0].card.actions[1]');
    expect(withCode(run(design([card([postback('Go', 'go'), postback('Stay', 'go')])])), 'card.duplicate_button')).toEqual([]);
  });

  it('rejects a payload used twice across a carousel naming CAROUSEL_UNIQUE_PAYLOAD', () => {
    const issues = run(design([carousel([card([postback('A', 'same')]), card([postback('B', 'same')])])]));
    const i = one(issues, 'carousel.duplicate_payload');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].carousel.cards[1].actions[0].payload' });
    expect(i.message).toContain('CAROUSEL_UNIQUE_PAYLOAD');
    expect(i.message).toContain('content[0].carousel.cards[0].actions[0]');
    const ok = run(design([carousel([card([postback('A', 'one')]), card([postback('B', 'two')])])]));
    expect(withCode(ok, 'carousel.duplicate_payload')).toEqual([]);
  });
});

describe('text lengths', () => {
  it('warns about a button text over BUTTON_TEXT_MAX and a payload over PAYLOAD_MAX', () => {
    const issues = run(design([card([postback('x'.repeat(BUTTON_TEXT_MAX + 1), 'p'.repeat(PAYLOAD_MAX + 1))])]));
    const t = one(issues, 'action.text_too_long');
    expect(t).toMatchObject({ severity: 'warning', path: 'content[0].card.actions[0].text' });
    expect(t.message).toContain(`${BUTTON_TEXT_MAX} (BUTTON_TEXT_MAX)`);
    expect(one(issues, 'action.payload_too_long').message).toContain('PAYLOAD_MAX');
    const ok = run(design([card([postback('x'.repeat(BUTTON_TEXT_MAX))])]));
    expect(withCode(ok, 'action.text_too_long')).toEqual([]);
  });

  it('counts an emoji as one character', () => {
    expect(withCode(run(design([card([postback('😀'.repeat(BUTTON_TEXT_MAX))])])), 'action.text_too_long')).toEqual([]);
  });

  it('warns about card titles and descriptions over their limits and about an empty title', () => {
    const issues = run(design([card([postback()], { title: 't'.repeat(CARD_TITLE_MAX + 1), description: 'd'.repeat(CARD_DESCRIPTION_MAX + 1) })]));
    expect(one(issues, 'card.title_too_long').message).toContain('CARD_TITLE_MAX');
    expect(one(issues, 'card.description_too_long').path).toBe('content[0].card.description');
    const empty = one(run(design([card([postback()], { title: '  ' })])), 'card.empty_title');
    expect(empty).toMatchObject({ severity: 'warning', path: 'content[0].card.title' });
    expect(withCode(run(design([card()])), 'card.empty_title')).toEqual([]);
  });

  it('rejects message text over the channel limit', () => {
    const long = run(design([], { text: 'x'.repeat(TEXT_MAX + 1) }));
    const i = one(long, 'text.too_long');
    expect(i).toMatchObject({ severity: 'error', path: 'text' });
    expect(i.message).toContain(`${TEXT_MAX} (TEXT_MAX)`);
    expect(withCode(run(design([], { text: 'x'.repeat(TEXT_MAX) })), 'text.too_long')).toEqual([]);
    expect(one(run(design([], { text: 'x'.repeat(1001) }), { channel: 'instagram' }), 'text.too_long').message).toContain('1000');
  });

  it('warns above one SMS segment and rejects above SMS_TEXT_MAX on sms', () => {
    const seg = one(run(design([], { text: 'x'.repeat(SMS_SEGMENT_MAX + 1) }), { channel: 'sms' }), 'text.sms_segments');
    expect(seg.severity).toBe('warning');
    expect(seg.message).toContain('SMS_SEGMENT_MAX');
    const over = one(run(design([], { text: 'x'.repeat(SMS_TEXT_MAX + 1) }), { channel: 'sms' }), 'text.too_long');
    expect(over.message).toContain('SMS_TEXT_MAX');
    expect(run(design([], { text: 'x'.repeat(SMS_SEGMENT_MAX) }), { channel: 'sms' })).toEqual([]);
  });

  it('warns about an empty message', () => {
    expect(one(run(design([], { text: '' })), 'message.empty').path).toBe('');
  });
});

describe('URLs in a design', () => {
  it('rejects a javascript: link with the field path and says why', () => {
    const i = one(run(design([card([link('javascript:alert(1)')])])), 'url.dangerous_scheme');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].card.actions[0].url' });
    expect(i.message).toContain('Link URL uses the javascript: scheme, which can run script');
  });

  it('checks every URL field', () => {
    const bad = 'https:\\\\evil.com';
    const d = design([
      card([postback()], { image: bad, video: bad, defaultAction: { type: 'Link', url: bad } }),
      node('quickReply', { text: 'q', payload: 'q', image: bad }),
      node('listPicker', { receivedMessage: { title: 't', imageUrl: bad }, replyMessage: { imageUrl: bad } }, [
        node('listSection', { title: 's', multipleSelection: false }, [node('listItem', { id: 'i', title: 'i', imageUrl: bad })]),
      ]),
      node('datePicker', { imageUrl: bad, location: { url: bad } }),
    ]);
    const paths = withCode(run(d), 'url.backslash').map((i) => i.path);
    expect(paths.sort()).toEqual(
      [
        'content[0].card.image',
        'content[0].card.video',
        'content[0].card.defaultAction.url',
        'content[1].quickReply.image',
        'content[2].listPicker.receivedMessage.imageUrl',
        'content[2].listPicker.replyMessage.imageUrl',
        'content[2].listPicker.sections[0].items[0].imageUrl',
        'content[3].datePicker.imageUrl',
        'content[3].datePicker.location.url',
      ].sort(),
    );
    const att = { ...attachment(), props: { id: 'a', mediaType: 'File', url: 'file:///x', filename: 'x' } };
    expect(one(run(design([att])), 'url.dangerous_scheme').path).toBe('content[0].attachment.url');
  });

  it('warns about http and quotes URL_MAX for a long URL', () => {
    expect(one(run(design([card([link('http://example.com')])])), 'url.insecure_http').severity).toBe('warning');
    const long = one(run(design([card([link(`https://example.com/${'a'.repeat(URL_MAX)}`)])])), 'url.too_long');
    expect(long.message).toContain('URL_MAX');
  });

  it('checks a URL that is entirely a variable after binding its sample', () => {
    const vars = [{ name: 'link', sample: 'javascript:alert(1)' }];
    const i = one(run(design([card([link('{{link}}')])], { variables: vars })), 'url.dangerous_scheme');
    expect(i.path).toBe('content[0].card.actions[0].url');
    expect(i.message).toContain('with variables filled in');
    const safe = run(design([card([link('{{link}}')])], { variables: [{ name: 'link', sample: 'https://example.com/x' }] }));
    expect(safe.filter((x) => x.code.startsWith('url.'))).toEqual([]);
  });

  it('lets values given at send time override the sample', () => {
    const d = design([card([link('{{link}}')])], { variables: [{ name: 'link', sample: 'https://example.com' }] });
    expect(one(run(d, { variables: { link: 'vbscript:x' } }), 'url.dangerous_scheme').severity).toBe('error');
  });

  it('warns about a placeholder in a URL that has no value, and still checks the rest', () => {
    const d = design([card([link('https://example.com/{{id}}')])], { variables: [{ name: 'id', sample: '' }] });
    expect(one(run(d), 'url.unbound_variable').path).toBe('content[0].card.actions[0].url');
    const d2 = design([card([link('javascript:{{id}}')])], { variables: [{ name: 'id', sample: '' }] });
    expect(withCode(run(d2), 'url.dangerous_scheme')).toHaveLength(1);
  });
});

describe('variables in text', () => {
  it('warns about an unknown {{variable}} with its path', () => {
    const i = one(run(design([card([postback('Hi {{who}}', 'p')])])), 'variable.unknown');
    expect(i).toMatchObject({ severity: 'warning', path: 'content[0].card.actions[0].text' });
    expect(i.message).toContain('{{who}}');
  });

  it('accepts declared variables and names given at send time', () => {
    const d = design([], { text: 'Hi {{who}} {{extra}}', variables: [{ name: 'who', sample: 'Ada' }] });
    expect(withCode(run(d, { variables: { extra: 'x' } }), 'variable.unknown')).toEqual([]);
    expect(one(run(d), 'variable.unknown').path).toBe('text');
  });

  it('measures lengths after binding samples', () => {
    const d = design([card([postback('{{v}}', 'p')])], { variables: [{ name: 'v', sample: 'x'.repeat(BUTTON_TEXT_MAX + 5) }] });
    expect(withCode(run(d), 'action.text_too_long')).toHaveLength(1);
  });
});

describe('channel rules', () => {
  const withCarousel = () => design([carousel([card(), card()])]);

  it('rejects a carousel on whatsapp and twitter, warns where support is unconfirmed, accepts webmessaging', () => {
    for (const channel of ['whatsapp', 'twitter'] as ChannelId[]) {
      const i = one(run(withCarousel(), { channel }), 'channel.carousel_unsupported');
      expect(i).toMatchObject({ severity: 'error', path: 'content[0].carousel' });
    }
    for (const channel of ['instagram', 'line', 'apple', 'open', 'sms'] as ChannelId[]) {
      expect(one(run(withCarousel(), { channel }), 'channel.carousel_unsupported').severity).toBe('warning');
    }
    for (const channel of ['webmessaging', 'facebook'] as ChannelId[]) {
      expect(withCode(run(withCarousel(), { channel }), 'channel.carousel_unsupported')).toEqual([]);
    }
  });

  it('uses the design channel when no channel option is given', () => {
    const d = { ...withCarousel(), channel: 'whatsapp' };
    expect(one(run(d), 'channel.carousel_unsupported').severity).toBe('error');
    expect(withCode(run(d, { channel: 'webmessaging' }), 'channel.carousel_unsupported')).toEqual([]);
  });

  it('rejects Link buttons on whatsapp only', () => {
    const d = () => design([card([link()])]);
    const i = one(run(d(), { channel: 'whatsapp' }), 'channel.link_buttons');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].card.actions[0]' });
    expect(withCode(run(d(), { channel: 'facebook' }), 'channel.link_buttons')).toEqual([]);
  });

  it('notes that a default action is ignored on whatsapp, line and twitter', () => {
    const d = () => design([card([postback()], { defaultAction: { type: 'Link', url: 'https://example.com' } })]);
    for (const channel of ['whatsapp', 'line', 'twitter'] as ChannelId[]) {
      expect(one(run(d(), { channel }), 'channel.default_action_ignored')).toMatchObject({
        severity: 'info',
        path: 'content[0].card.defaultAction',
      });
    }
    expect(withCode(run(d(), { channel: 'webmessaging' }), 'channel.default_action_ignored')).toEqual([]);
  });

  it('marks list and date pickers export only', () => {
    const issues = run(design([node('listPicker', { receivedMessage: {}, replyMessage: {} }, [node('listSection', { title: 's', multipleSelection: false }, [node('listItem', { id: 'i', title: 't' })])]), node('datePicker', {})]));
    expect(one(issues, 'export.list_picker').message).toContain('export only: not allowed through the Bot Connector');
    expect(one(issues, 'export.date_picker')).toMatchObject({ severity: 'info', path: 'content[1].datePicker' });
    expect(withCode(run(design([card()])), 'export.list_picker')).toEqual([]);
  });

  it('tells that sms gets the text fallback for quick replies and cards', () => {
    const issues = run(design([qr(), card()]), { channel: 'sms' });
    const infos = withCode(issues, 'channel.text_fallback');
    expect(infos.map((i) => i.path)).toEqual(['content[0].quickReply', 'content[1].card']);
    expect(infos.every((i) => i.severity === 'info')).toBe(true);
    expect(withCode(run(design([qr(), card()]), { channel: 'webmessaging' }), 'channel.text_fallback')).toEqual([]);
  });
});

describe('more channel notes', () => {
  it('notes that whatsapp shows more than 3 quick replies as a list', () => {
    const i = one(run(design([qr(), qr(), qr(), qr()]), { channel: 'whatsapp' }), 'channel.quick_replies_as_list');
    expect(i).toMatchObject({ severity: 'info', path: 'content[3].quickReply' });
    expect(withCode(run(design([qr(), qr(), qr()]), { channel: 'whatsapp' }), 'channel.quick_replies_as_list')).toEqual([]);
  });
});

describe('robustness', () => {
  it('does not modify its input', () => {
    const d = design([carousel([card([postback('A', 'same')]), card([postback('A', 'same')])]), node('bogus')]);
    const before = JSON.stringify(d);
    run(d, { channel: 'whatsapp' });
    expect(JSON.stringify(d)).toBe(before);
  });

  it('caps the number of issues at VALIDATE_MAX_ISSUES', () => {
    const d = design(Array.from({ length: 3000 }, () => node('bogus')));
    const issues = run(d);
    expect(issues.length).toBe(VALIDATE_MAX_ISSUES + 1);
    expect(issues[issues.length - 1]!.code).toBe('validate.truncated');
  });

  it('never throws and always returns well-formed issues on 10,000 random and mutated inputs', { timeout: 120_000 }, () => {
    const rng = createRng(20_261_123);
    const channels: (ChannelId | undefined)[] = [undefined, 'webmessaging', 'whatsapp', 'sms', 'instagram'];
    let withIssues = 0;
    const failures: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const r = rng();
      let input: unknown;
      if (r < 0.1) input = randomJson(rng, 4);
      else if (r < 0.2) input = randomDesign(rng);
      else input = mutate(randomDesign(rng), rng);
      const channel = channels[i % channels.length];
      let issues: Issue[] = [];
      try {
        issues = validate(input, channel ? { channel } : {});
      } catch (e) {
        failures.push(`input ${i} threw ${String(e)}`);
        continue;
      }
      if (!Array.isArray(issues)) failures.push(`input ${i}: not an array`);
      else {
        const bad = issues.find((x) => !isWellFormed(x) || x.code === 'validate.internal');
        if (bad) failures.push(`input ${i}: ${JSON.stringify(bad)}`);
        if (issues.length) withIssues++;
      }
    }
    expect(failures).toEqual([]);
    // The mutations really produce problems (the fuzz is not vacuous).
    expect(withIssues).toBeGreaterThan(5000);
  });
});
