import { describe, expect, it } from 'vitest';
import { comparable, differences } from './diff.ts';

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
