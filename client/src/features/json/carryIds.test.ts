import { describe, expect, it } from 'vitest';
import { createNode } from '@grmd/shared';
import { carryIds } from './carryIds.ts';

describe('carryIds', () => {
  it('keeps the old ids and objects where the re-imported tree did not change', () => {
    const old = createNode('message', { text: 'Hi' }, [createNode('card', { title: 'A' }), createNode('card', { title: 'B' })]);
    const fresh = createNode('message', { text: 'Hi' }, [createNode('card', { title: 'A' }), createNode('card', { title: 'B2' })]);
    const carried = carryIds(old, fresh);
    expect(carried.id).toBe(old.id);
    expect(carried.children[0]).toBe(old.children[0]);
    expect(carried.children[1]!.id).toBe(old.children[1]!.id);
    expect(carried.children[1]!.props.title).toBe('B2');
  });

  it('returns the old tree itself when nothing changed and new ids where the kind changed', () => {
    const old = createNode('message', {}, [createNode('quickReply', { text: 'Yes', payload: 'y' })]);
    const same = createNode('message', {}, [createNode('quickReply', { text: 'Yes', payload: 'y' })]);
    expect(carryIds(old, same)).toBe(old);
    const other = createNode('message', {}, [createNode('card', { title: 'X' })]);
    expect(carryIds(old, other).children[0]!.id).toBe(other.children[0]!.id);
  });
});
