import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { FORMAT_VERSION, type Design, type DesignNode } from './model/design.ts';
import { check, type CheckOptions } from './check.ts';
import type { Purifier } from './transform/markup.ts';
import { CHANNEL_IDS, type ChannelId } from './model/channels.ts';
import { MESSAGE_BYTES_MAX } from './model/limits.ts';
import { createRng, randomDesign } from './testing/index.ts';
import { EXAMPLES_DIR } from './testing/reference.ts';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis) as Purifier;
const example = (name: string) => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as Record<string, unknown>;

function node(id: string, kind: string, props: Record<string, unknown>, children: DesignNode[] = []): DesignNode {
  return { id, kind, props, children };
}
function design(root: DesignNode, extra: Partial<Design> = {}): Design {
  return { formatVersion: FORMAT_VERSION, id: 'd1', name: 'Test', channel: 'webmessaging', variables: [], root, ...extra };
}
const run = (input: unknown, opts: Partial<CheckOptions>) => check(input, { purify, ...opts });

function card(i: number): DesignNode {
  return node(`c${i}`, 'card', { title: `Card ${i}`, description: '' }, [node(`a${i}`, 'action', { type: 'Postback', text: 'Pick', payload: `p${i}` })]);
}

describe('check', () => {
  it('passes the real carousel example through unchanged and valid', () => {
    const input = example('structured-carousel.json');
    const r = run(input, {});
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.format).toBe('message');
    expect(r.message?.content).toEqual(input.content);
    expect(r.replyMessages?.[0]?.content?.[0]?.contentType).toBe('Carousel');
    expect(r.text).toContain('Card 1');
  });

  it('rejects an 11th carousel card naming CAROUSEL_MAX_CARDS and the path, and still compiles', () => {
    const d = design(node('m', 'message', {}, [node('car', 'carousel', {}, Array.from({ length: 11 }, (_, i) => card(i)))]));
    const r = run(d, {});
    expect(r.valid).toBe(false);
    const e = r.issues.find((i) => i.severity === 'error' && i.message.includes('CAROUSEL_MAX_CARDS'));
    expect(e?.path).toBe('content[0].carousel');
    expect(r.message).not.toBeNull();
    expect(r.issues[0]!.severity).toBe('error');
  });

  it('strips markup before compiling, with a warning, and stays valid', () => {
    const d = design(node('m', 'message', { text: '<p>Hello <b>there</b></p>' }, [card(0)]));
    const r = run(d, {});
    expect(r.message?.text).toBe('Hello there');
    expect(r.design?.root.props.text).toBe('Hello there');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'sanitize.markup_stripped', path: 'text', nodeId: 'm' }));
  });

  it('binds variables over the samples and sanitizes the values, keeping the template', () => {
    const d = design(node('m', 'message', { text: 'Hi {{name}}' }, [card(0)]), {
      variables: [{ name: 'name', sample: 'Sam' }],
    });
    expect(run(d, {}).message?.text).toBe('Hi Sam');
    const r = run(d, { variables: { name: '<b>Ann</b>' } });
    expect(r.message?.text).toBe('Hi Ann');
    expect(r.design?.root.props.text).toBe('Hi {{name}}');
    expect(r.boundDesign?.root.props.text).toBe('Hi Ann');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'sanitize.markup_stripped', path: 'text' }));
  });

  it('blocks a dangerous pattern brought in by a variable value', () => {
    const d = design(node('m', 'message', { text: 'Hi {{name}}' }, [card(0)]), { variables: [{ name: 'name', sample: 'Sam' }] });
    const r = run(d, { variables: { name: 'x onerror=alert(1)' } });
    expect(r.valid).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sanitize.event_handler_blocked', path: 'text' }));
  });

  it('gives SMS the text fallback as a Text message', () => {
    const r = run(example('structured-quick-replies.json'), { channel: 'sms' });
    expect(r.message?.type).toBe('Text');
    expect(r.text).toBe(r.message?.text);
    expect(r.text?.length).toBeGreaterThan(0);
  });

  it('imports a Bot Connector reply and returns its reply messages', () => {
    const r = run(example('botconnector-v2-messages-response.json'), {});
    expect(r.format).toBe('botconnector-v2');
    expect(r.replyMessages?.length).toBeGreaterThan(0);
  });

  it('reports input that is not a message or design without throwing', () => {
    for (const input of [null, 42, 'text', [], {}, { root: 5 }]) {
      const r = run(input, {});
      expect(r.valid, JSON.stringify(input)).toBe(false);
      expect(r.issues.some((i) => i.severity === 'error'), JSON.stringify(input)).toBe(true);
    }
  });
});

describe('channel issues', () => {
  const linkCard = () =>
    design(
      node('m', 'message', { text: 'Hi' }, [
        node('c', 'card', { title: 'T', description: '', defaultAction: { type: 'Link', url: 'https://example.com/x' } }, [
          node('l', 'action', { type: 'Link', text: 'Open', url: 'https://example.com/l' }),
          node('p', 'action', { type: 'Postback', text: 'Pick', payload: 'p' }),
        ]),
        node('car', 'carousel', {}, [card(1), card(2)]),
      ]),
    );

  it('says each channel change once per place, keeping the graver severity', () => {
    for (const channel of ['whatsapp', 'line', 'instagram', 'open', 'apple', 'twitter', 'facebook'] as const) {
      const r = run(linkCard(), { channel });
      const said = new Set(r.issues.map((i) => `${i.code}@${i.path}`));
      expect(said.size, channel).toBe(r.issues.length);
      // The codes validate and forChannel once used for one finding never both appear for one place.
      const pairs = [
        ['channel.link_buttons', 'channel.link_button_dropped'],
        ['channel.carousel_unsupported', 'channel.carousel_unconfirmed'],
        ['channel.support_unconfirmed', 'channel.card_unconfirmed'],
      ];
      for (const i of r.issues) {
        for (const [rule, change] of pairs) {
          if (i.code === change) expect(said.has(`${rule}@${i.path}`), `${channel} ${i.code}@${i.path}`).toBe(false);
        }
      }
    }
    const wa = run(linkCard(), { channel: 'whatsapp' });
    expect(wa.issues.find((i) => i.path === 'content[0].card.actions[0]')).toMatchObject({ severity: 'error', code: 'channel.link_button_dropped' });
    expect(wa.issues.find((i) => i.path === 'content[0].card.defaultAction')).toMatchObject({ severity: 'warning', code: 'channel.default_action_ignored' });
  });
});

describe('one verdict for editor, server and CLI', () => {
  const fourButtons = () => design(node('m', 'message', { text: 'Hi' }, [node('c', 'card', { title: 'T', description: '' }, [1, 2, 3, 4].map((i) => node(`a${i}`, 'action', { type: 'Postback', text: `B${i}`, payload: `p${i}` })))]));

  it('gives the problems, the channel changes and the meters from one run, in agreement', () => {
    const r = run(fourButtons(), { channel: 'webmessaging' });
    const change = r.channelChanges.find((i) => i.code === 'card.too_many_buttons');
    expect(change).toMatchObject({ severity: 'warning', path: 'content[0].card', nodeId: 'c' });
    expect(r.issues).toContainEqual(change);
    expect(r.meters.find((m) => m.id === 'actions')).toMatchObject({ value: 4, max: 3, limit: 'CARD_BUTTONS_MAX' });
    expect(r.channel).toBe('webmessaging');
    expect(r.channelDesign?.root.children[0]?.children).toHaveLength(4);
  });

  it('lists every channel change among its issues, on every channel', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const d = randomDesign(createRng(seed));
      for (const channel of CHANNEL_IDS) {
        const r = run(d, { channel });
        const said = new Set(r.issues.map((i) => `${i.severity} ${i.code} ${i.path} ${i.nodeId ?? ''}`));
        for (const c of r.channelChanges) expect(said.has(`${c.severity} ${c.code} ${c.path} ${c.nodeId ?? ''}`), `${seed} ${channel} ${c.code}`).toBe(true);
      }
    }
  });

  it('keeps the identity of a design file that needed no change, so the preview can skip unchanged nodes', () => {
    const d = fourButtons();
    const r = run(d, { channel: 'webmessaging' });
    expect(r.design).toBe(d);
    expect(r.channelDesign).toBe(d);
  });

  it('warns about a message over MESSAGE_BYTES_MAX, as its meter shows', () => {
    const big = design(node('m', 'message', { text: 'x'.repeat(MESSAGE_BYTES_MAX) }));
    const r = run(big, {});
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'message.too_large' }));
    const bytes = r.meters.find((m) => m.id === 'bytes')!;
    expect(bytes.value).toBeGreaterThan(bytes.max);
    expect(run(fourButtons(), {}).issues.map((i) => i.code)).not.toContain('message.too_large');
  });

  it('produces the export asked for, with variables bound only when values are given', () => {
    const d = design(node('m', 'message', { text: 'Hi {{name}}' }, [card(0)]), { variables: [{ name: 'name', sample: 'Sam' }] });
    const template = run(d, { format: 'botconnector-v2' });
    expect(template.exported?.format).toBe('botconnector-v2');
    expect(JSON.stringify(template.exported?.output)).toContain('Hi {{name}}');
    const bound = run(d, { format: 'message', variables: { name: 'Ann' } });
    expect((bound.exported?.output as { text: string }).text).toBe('Hi Ann');
    expect(run(d, { format: 'design', variables: { name: 'Ann' } }).exported?.text).toContain('Hi {{name}}');
    expect(run(d, {}).exported).toBeNull();
  });

  it('says why a date picker cannot be sent: a warning in the verdict, an error for a Bot Connector export, and the same sentence', () => {
    const picker = design(node('m', 'message', { text: '' }, [node('dp', 'datePicker', { title: 'When?', availableTimes: [] })]));
    const r = run(picker, {});
    expect(r.replyMessages).toEqual([]);
    const warning = r.issues.find((i) => i.code === 'bot_reply.nothing_to_send');
    expect(warning).toMatchObject({ severity: 'warning', path: 'content' });
    expect(warning?.message).toMatch(/^A bot cannot send this message: DatePicker is not allowed in a bot's reply/);
    const ex = run(picker, { format: 'botconnector-v2' });
    const refused = ex.issues.filter((i) => i.code === 'bot_reply.nothing_to_send');
    expect(refused).toEqual([{ ...warning, severity: 'error' }]);
    expect(run(picker, { format: 'message' }).issues.find((i) => i.code === 'bot_reply.nothing_to_send')?.severity).toBe('warning');
  });

  it('names a list picker as the reason even where the channel already dropped it', () => {
    const list = design(node('m', 'message', { text: '' }, [node('lp', 'listPicker', { title: 'Pick' }, [node('s', 'listSection', { title: 'S' }, [])])]));
    for (const format of [undefined, 'botconnector-v2'] as const) {
      const r = run(list, { channel: 'webmessaging', ...(format ? { format } : {}) });
      expect(r.channelChanges.length, format).toBeGreaterThan(0);
      expect(r.issues.find((i) => i.code === 'bot_reply.nothing_to_send')?.message, format).toContain('ListPicker is not allowed');
    }
  });

  it('reports a channel option that is not a channel instead of throwing', () => {
    const r = run(fourButtons(), { channel: 'fax' as ChannelId });
    expect(r.valid).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'options.channel' }));
    expect(r.message).not.toBeNull();
  });
});
