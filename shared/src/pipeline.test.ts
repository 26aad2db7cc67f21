import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { FORMAT_VERSION, type Design, type DesignNode } from './model/design.ts';
import type { Issue } from './model/issues.ts';
import { mergeIssues, runPipeline, withoutRestatedRules } from './pipeline.ts';
import type { Purifier } from './transform/sanitize.ts';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis) as Purifier;
const EXAMPLES = new URL('../../../shared/reference/examples/', import.meta.url);
const example = (name: string) => JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8')) as Record<string, unknown>;

function node(id: string, kind: string, props: Record<string, unknown>, children: DesignNode[] = []): DesignNode {
  return { id, kind, props, children };
}
function design(root: DesignNode, extra: Partial<Design> = {}): Design {
  return { formatVersion: FORMAT_VERSION, id: 'd1', name: 'Test', channel: 'webmessaging', variables: [], root, ...extra };
}
function card(i: number): DesignNode {
  return node(`c${i}`, 'card', { title: `Card ${i}`, description: '' }, [node(`a${i}`, 'action', { type: 'Postback', text: 'Pick', payload: `p${i}` })]);
}

describe('runPipeline', () => {
  it('passes the real carousel example through unchanged and valid', () => {
    const input = example('structured-carousel.json');
    const r = runPipeline(input, { purify });
    expect(r.valid).toBe(true);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.format).toBe('message');
    expect(r.message?.content).toEqual(input.content);
    expect(r.replyMessages?.[0]?.content?.[0]?.contentType).toBe('Carousel');
    expect(r.text).toContain('Card 1');
  });

  it('rejects an 11th carousel card naming CAROUSEL_MAX_CARDS and the path, and still compiles', () => {
    const d = design(node('m', 'message', {}, [node('car', 'carousel', {}, Array.from({ length: 11 }, (_, i) => card(i)))]));
    const r = runPipeline(d, { purify });
    expect(r.valid).toBe(false);
    const e = r.issues.find((i) => i.severity === 'error' && i.message.includes('CAROUSEL_MAX_CARDS'));
    expect(e?.path).toBe('content[0].carousel');
    expect(r.message).not.toBeNull();
    expect(r.issues[0]!.severity).toBe('error');
  });

  it('strips markup before compiling, with a warning, and stays valid', () => {
    const d = design(node('m', 'message', { text: '<p>Hello <b>there</b></p>' }, [card(0)]));
    const r = runPipeline(d, { purify });
    expect(r.valid).toBe(true);
    expect(r.message?.text).toBe('Hello there');
    expect(r.design?.root.props.text).toBe('Hello there');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'sanitize.markup_stripped', path: 'text', nodeId: 'm' }));
  });

  it('binds variables over the samples and sanitizes the values, keeping the template', () => {
    const d = design(node('m', 'message', { text: 'Hi {{name}}' }, [card(0)]), {
      variables: [{ name: 'name', sample: 'Sam' }],
    });
    expect(runPipeline(d, { purify }).message?.text).toBe('Hi Sam');
    const r = runPipeline(d, { purify, variables: { name: '<b>Ann</b>' } });
    expect(r.message?.text).toBe('Hi Ann');
    expect(r.design?.root.props.text).toBe('Hi {{name}}');
    expect(r.boundDesign?.root.props.text).toBe('Hi Ann');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'sanitize.markup_stripped', path: 'text' }));
  });

  it('blocks a dangerous pattern brought in by a variable value', () => {
    const d = design(node('m', 'message', { text: 'Hi {{name}}' }, [card(0)]), { variables: [{ name: 'name', sample: 'Sam' }] });
    const r = runPipeline(d, { purify, variables: { name: 'x onerror=alert(1)' } });
    expect(r.valid).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sanitize.event_handler_blocked', path: 'text' }));
  });

  it('gives SMS the text fallback as a Text message', () => {
    const r = runPipeline(example('structured-quick-replies.json'), { purify, channel: 'sms' });
    expect(r.message?.type).toBe('Text');
    expect(r.text).toBe(r.message?.text);
    expect(r.text?.length).toBeGreaterThan(0);
  });

  it('imports a Bot Connector reply and returns its reply messages', () => {
    const r = runPipeline(example('botconnector-v2-messages-response.json'), { purify });
    expect(r.format).toBe('botconnector-v2');
    expect(r.replyMessages?.length).toBeGreaterThan(0);
  });

  it('reports input that is not a message or design without throwing', () => {
    for (const input of [null, 42, 'text', [], {}, { root: 5 }]) {
      const r = runPipeline(input, { purify });
      expect(r.valid, JSON.stringify(input)).toBe(false);
      expect(r.issues.some((i) => i.severity === 'error'), JSON.stringify(input)).toBe(true);
    }
  });
});

describe('mergeIssues', () => {
  const a: Issue = { severity: 'warning', code: 'x.a', path: 'text', message: 'one' };
  const b: Issue = { severity: 'error', code: 'x.b', path: 'text', message: 'two' };
  it('drops an issue another stage already reported at the same place and puts errors first', () => {
    const merged = mergeIssues([a], [{ ...a, message: 'same issue, other words' }, b]);
    expect(merged).toEqual([b, a]);
  });
  it('keeps the same code at two different nodes', () => {
    expect(mergeIssues([a, { ...a, nodeId: 'n2' }])).toHaveLength(2);
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
      const r = runPipeline(linkCard(), { purify, channel });
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
    const wa = runPipeline(linkCard(), { purify, channel: 'whatsapp' });
    expect(wa.issues.find((i) => i.path === 'content[0].card.actions[0]')).toMatchObject({ severity: 'error', code: 'channel.link_button_dropped' });
    expect(wa.issues.find((i) => i.path === 'content[0].card.defaultAction')).toMatchObject({ severity: 'warning', code: 'channel.default_action_ignored' });
  });

  it('withoutRestatedRules keeps a rule no adapted issue repeats, and gives a repeated one the graver severity', () => {
    const rule: Issue = { severity: 'error', code: 'card.too_many_buttons', path: 'content[0].card', message: 'm' };
    const info: Issue = { severity: 'info', code: 'channel.link_button_dropped', path: 'content[0].card.actions[0]', message: 'rule' };
    const change: Issue = { severity: 'warning', code: 'channel.link_button_dropped', path: 'content[0].card.actions[0]', message: 'dropped' };
    expect(withoutRestatedRules([rule, info], [change])).toEqual({ rules: [rule], adapted: [change] });
    const graver: Issue = { ...info, severity: 'error' };
    expect(withoutRestatedRules([graver], [change]).adapted).toEqual([{ ...change, severity: 'error' }]);
  });
});
