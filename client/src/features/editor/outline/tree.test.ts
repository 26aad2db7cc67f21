import { describe, expect, it } from 'vitest';
import { createNode } from '@grmd/shared';
import { dropCommand, flatten, keyCommand } from './tree.ts';

const root = createNode('message', {}, [
  createNode('carousel', {}, [createNode('card', { title: 'A' }), createNode('card', { title: 'B' })]),
  createNode('quickReply', { text: 'Yes', payload: 'y' }),
]);
const list = flatten(root);
const [msg, carousel, cardA, cardB, qr] = list;
const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('outline keyboard', () => {
  it('flattens the tree in document order with depths', () => {
    expect(list.map((i) => [i.node.kind, i.depth, i.index])).toEqual([
      ['message', 1, 0],
      ['carousel', 2, 0],
      ['card', 3, 0],
      ['card', 3, 1],
      ['quickReply', 2, 1],
    ]);
  });

  it('maps arrows to selection and Alt+arrows to moves', () => {
    expect(keyCommand(key('ArrowDown'), cardA!.node.id, list, 2)).toEqual({ type: 'select', id: cardB!.node.id });
    expect(keyCommand(key('ArrowLeft'), cardA!.node.id, list, 2)).toEqual({ type: 'select', id: carousel!.node.id });
    expect(keyCommand(key('ArrowUp', { altKey: true }), cardB!.node.id, list, 3)).toEqual({ type: 'moveBy', id: cardB!.node.id, direction: 'up' });
    expect(keyCommand(key('ArrowRight', { altKey: true }), qr!.node.id, list, 4)).toEqual({ type: 'moveBy', id: qr!.node.id, direction: 'in' });
    expect(keyCommand(key('d', { ctrlKey: true }), qr!.node.id, list, 4)).toEqual({ type: 'duplicate', id: qr!.node.id });
    expect(keyCommand(key('x'), qr!.node.id, list, 4)).toBeNull();
  });
});

describe('outline drops', () => {
  it('drops into the middle of a container that accepts the kind', () => {
    expect(dropCommand({ source: 'palette', kind: 'card' }, carousel!, 0.5, list)).toEqual({ type: 'insert', parentId: carousel!.node.id, kind: 'card' });
  });

  it('drops before or after a node by the half the pointer is in, counting after removal', () => {
    expect(dropCommand({ source: 'outline', id: cardB!.node.id, kind: 'card' }, cardA!, 0.1, list)).toEqual({
      type: 'move', id: cardB!.node.id, parentId: carousel!.node.id, index: 0,
    });
    expect(dropCommand({ source: 'outline', id: cardA!.node.id, kind: 'card' }, cardB!, 0.9, list)).toEqual({
      type: 'move', id: cardA!.node.id, parentId: carousel!.node.id, index: 1,
    });
  });

  it('asks the reducer to put a forbidden kind inside the root, where it is refused with a reason', () => {
    expect(dropCommand({ source: 'outline', id: cardA!.node.id, kind: 'card' }, msg!, 0.5, list)).toEqual({
      type: 'move', id: cardA!.node.id, parentId: msg!.node.id, index: 2,
    });
    expect(dropCommand({ source: 'outline', id: cardA!.node.id, kind: 'card' }, cardA!, 0.5, list)).toBeNull();
  });
});
