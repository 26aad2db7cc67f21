import { describe, expect, it } from 'vitest';
import type { DesignNode } from './design.ts';
import { uniqueButtons } from './buttons.ts';
import { duplicateNode } from './edits.ts';
import { findNode } from './tree.ts';

const n = (id: string, kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = []): DesignNode => ({ id, kind, props, children });
const button = (id: string, text: string, payload: string) => n(id, 'action', { type: 'Postback', text, payload });

describe('uniqueButtons', () => {
  const root = n('m', 'message', {}, [n('k', 'card', { title: 'T' }, [button('a1', 'Button', 'button'), button('a2', 'Button 2', 'button-2')])]);

  it('gives a new button the next free label among its siblings and the next free payload in the design', () => {
    const added = uniqueButtons(root, 'k', button('new', 'Button', 'button'));
    expect(added.props).toMatchObject({ text: 'Button 3', payload: 'button-3' });
  });

  it('leaves a button that collides with nothing as it is (the same object)', () => {
    const b = button('new', 'Later', 'later');
    expect(uniqueButtons(root, 'k', b)).toBe(b);
  });

  it('gives quick replies payloads of their own the same way', () => {
    const r = n('m', 'message', {}, [n('q1', 'quickReply', { text: 'Option', payload: 'option' })]);
    expect(uniqueButtons(r, 'm', n('q2', 'quickReply', { text: 'Option', payload: 'option' })).props).toEqual({ text: 'Option 2', payload: 'option-2' });
  });
});

describe('duplicateNode', () => {
  it('makes the copied card’s payloads unique and keeps its labels', () => {
    const card = n('k1', 'card', { title: 'Shoe' }, [button('a1', 'Buy', 'buy'), button('a2', 'More', 'more')]);
    const r = duplicateNode(n('m', 'message', {}, [n('c', 'carousel', {}, [card])]), 'k1');
    if (!r.ok) throw new Error(r.reason);
    const copy = findNode(r.root, r.nodeId!)!;
    expect(copy.children.map((a) => [a.props.text, a.props.payload])).toEqual([
      ['Buy', 'buy-2'],
      ['More', 'more-2'],
    ]);
  });
});
