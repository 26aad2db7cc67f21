import { describe, expect, it } from 'vitest';
import type { Design, DesignNode } from '../model/design.ts';
import { MESSAGE_BYTES_MAX } from '../model/limits.ts';
import { checkMessageSize, limitMeters, messageBytes, meterSeverities } from './meters.ts';

const node = (id: string, kind: string, children: DesignNode[] = []): DesignNode => ({ id, kind, props: {}, children });
const design = (root: DesignNode): Design => ({ formatVersion: 1, id: 'd', name: 'd', channel: 'webmessaging', variables: [], root });

describe('limit meters', () => {
  it('counts bytes as UTF-8 does, emoji and accents included', () => {
    for (const text of ['plain', 'ééé', '€ and 😀', 'lone \ud800 surrogate']) {
      const message = { type: 'Text' as const, text };
      expect(messageBytes(message), text).toBe(new TextEncoder().encode(JSON.stringify(message)).length);
    }
  });

  it('counts as the rules count: content items the grammar allows, the fullest carousel and card', () => {
    const root = node('m', 'message', [
      node('car', 'carousel', [node('c1', 'card', [node('a1', 'action'), node('a2', 'action')]), node('c2', 'card')]),
      node('bad', 'action'),
    ]);
    const meters = Object.fromEntries(limitMeters(design(root), 'whatsapp').map((m) => [m.id, m]));
    expect(meters.items!.value).toBe(1);
    expect(meters.cards!.value).toBe(2);
    expect(meters.actions).toMatchObject({ value: 2, max: 3, label: 'Buttons per card (WhatsApp)' });
    expect(meters.depth!.value).toBe(4);
  });

  it('warns only above MESSAGE_BYTES_MAX', () => {
    expect(checkMessageSize(MESSAGE_BYTES_MAX)).toEqual([]);
    expect(checkMessageSize(MESSAGE_BYTES_MAX + 1)[0]).toMatchObject({ severity: 'warning', code: 'message.too_large' });
  });
});

describe('meter severities', () => {
  const card = (n: number) => node('c', 'card', Array.from({ length: n }, (_, i) => node(`a${i}`, 'action')));
  const actions = (n: number, channel: 'webmessaging' | 'whatsapp') => {
    const d = design(node('m', 'message', [card(n)]));
    const meters = limitMeters(d, channel);
    const issues = [
      ...(n > 3 ? [{ severity: channel === 'whatsapp' ? ('error' as const) : ('warning' as const), code: channel === 'whatsapp' ? 'channel.card_button_cut' : 'card.too_many_buttons', message: '', path: '' }] : []),
    ];
    return meterSeverities(meters, issues).find((m) => m.id === 'actions')!;
  };

  it('leaves a meter at its limit without a severity: being at a limit breaks no rule', () => {
    expect(actions(3, 'whatsapp')).toMatchObject({ value: 3, max: 3, severity: null });
  });

  it('takes the severity of the rule the limit belongs to: a warning on Web Messenger, an error on WhatsApp', () => {
    expect(actions(6, 'webmessaging').severity).toBe('warning');
    expect(actions(6, 'whatsapp').severity).toBe('error');
  });
});
