import { describe, expect, it } from 'vitest';
import type { Design, DesignNode } from '../model/design.ts';
import { MESSAGE_BYTES_MAX } from '../model/limits.ts';
import { checkMessageSize, limitMeters, messageBytes } from './meters.ts';

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
