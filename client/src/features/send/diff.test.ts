import { describe, expect, it } from 'vitest';
import { comparable, differences, pairDeliveries, pairDifferences } from './diff.ts';

describe('differences', () => {
  it('finds nothing between a pushed message and its delivery once delivery-only fields are dropped', () => {
    const sent = { type: 'Structured', text: 'Hi', content: [{ contentType: 'Card', card: { title: 'A' } }] };
    const received = { ...sent, id: 'm1', channel: { time: 't' }, direction: 'Outbound', originatingEntity: 'Bot' };
    expect(differences(sent, comparable(received))).toEqual([]);
  });

  it('names the path of each changed, missing and extra value', () => {
    const sent = { text: 'Hi', content: [{ card: { title: 'A', actions: [1, 2] } }] };
    const received = { text: 'Hi!', content: [{ card: { title: 'A', actions: [1] , extra: true } }] };
    expect(differences(sent, received)).toEqual([
      { path: 'text', sent: 'Hi', received: 'Hi!' },
      { path: 'content[0].card.actions[1]', sent: 2, received: undefined },
      { path: 'content[0].card.extra', sent: undefined, received: true },
    ]);
  });
});

describe('pairDeliveries', () => {
  const a = { type: 'Structured', text: 'A' };
  const b = { type: 'Text', text: 'B' };
  const got = (id: string, m: object) => ({ ...m, id, direction: 'Outbound' });

  it('pairs every reply message of a push with the deliveries from the one carrying its message id on', () => {
    const received = [got('old', { type: 'Text', text: 'earlier' }), got('m1', a), got('m2', b)];
    const pairs = pairDeliveries([a, b], received, 'm1');
    expect(pairs.map((p) => p.received?.id)).toEqual(['m1', 'm2']);
    expect(pairDifferences(pairs)).toEqual([]);
  });

  it('names the message of a difference when the push had several, and leaves missing ones unpaired', () => {
    const pairs = pairDeliveries([a, b], [got('m1', a), got('m2', { ...b, text: 'B!' })], 'm1');
    expect(pairDifferences(pairs)).toEqual([{ path: 'replyMessages[1].text', sent: 'B', received: 'B!' }]);
    expect(pairDeliveries([a, b], [got('m1', a)], 'm1')[1]!.received).toBeNull();
    expect(pairDeliveries([a], [got('x', a)], 'm1')[0]!.received).toBeNull();
  });
});

