import { describe, expect, it } from 'vitest';
import type { DesignNode } from './design.ts';
import { CAROUSEL_MAX_CARDS, MAX_CONTENT_ITEMS, QUICK_REPLIES_MAX } from './limits.ts';
import { ancestry, createId, createNode, depthOf, findNode, findParent, mapTree, nodePath, treeDepth, walk } from './tree.ts';
import { canInsert, duplicateNode, insertNode, moveNode, removeNode, replaceProps, updateProps } from './edits.ts';

function n(id: string, kind: string, children: DesignNode[] = [], props: Record<string, unknown> = {}): DesignNode {
  return { id, kind, props, children };
}

/** message › [quickReply q1, carousel c (card k1 › [a1, a2], card k2 › [a3]), card k3, listPicker lp › section s › item i] */
function sample(): DesignNode {
  return n('m', 'message', [
    n('q1', 'quickReply', [], { text: 'Yes', payload: 'yes' }),
    n('c', 'carousel', [
      n('k1', 'card', [n('a1', 'action'), n('a2', 'action')], { title: 'One' }),
      n('k2', 'card', [n('a3', 'action')], { title: 'Two' }),
    ]),
    n('k3', 'card', [], { title: 'Three' }),
    n('lp', 'listPicker', [n('s', 'listSection', [n('i', 'listItem')])]),
  ]);
}

describe('lookups', () => {
  it('finds nodes, parents and the ancestry from the root down', () => {
    const root = sample();
    expect(findNode(root, 'a2')?.id).toBe('a2');
    expect(findNode(root, 'nope')).toBeUndefined();
    expect(findParent(root, 'a2')?.id).toBe('k1');
    expect(findParent(root, 'm')).toBeUndefined();
    expect(ancestry(root, 'a3')?.map((x) => x.id)).toEqual(['m', 'c', 'k2', 'a3']);
  });

  it('counts depth from the root as 1 and reports 0 for a missing node', () => {
    const root = sample();
    expect(depthOf(root, 'm')).toBe(1);
    expect(depthOf(root, 'a1')).toBe(4);
    expect(depthOf(root, 'missing')).toBe(0);
    expect(treeDepth(root)).toBe(4);
    expect(treeDepth(n('x', 'message'))).toBe(1);
  });

  it('handles a 10,000-deep tree without recursion', () => {
    let node = n('leaf', 'card');
    for (let i = 0; i < 10_000; i++) node = n(`d${i}`, 'card', [node]);
    expect(treeDepth(node)).toBe(10_001);
    expect(depthOf(node, 'leaf')).toBe(10_001);
    const removed = removeNode(node, 'leaf');
    expect(removed === node).toBe(false);
    expect(findNode(removed, 'leaf')).toBeUndefined();
    expect(treeDepth(removed)).toBe(10_000);
  });
});

describe('nodePath', () => {
  it('writes paths in the shape of the exported Genesys message', () => {
    const root = sample();
    expect(nodePath(root, 'm')).toBe('');
    expect(nodePath(root, 'q1')).toBe('content[0].quickReply');
    expect(nodePath(root, 'c')).toBe('content[1].carousel');
    expect(nodePath(root, 'k2')).toBe('content[1].carousel.cards[1]');
    expect(nodePath(root, 'a3')).toBe('content[1].carousel.cards[1].actions[0]');
    expect(nodePath(root, 'k3')).toBe('content[2].card');
    expect(nodePath(root, 'i')).toBe('content[3].listPicker.sections[0].items[0]');
  });

  it('names a child the grammar forbids children[i] and skips it when counting exported siblings', () => {
    const root = n('m', 'message', [n('bad', 'action'), n('k', 'card', [n('x', 'card'), n('a', 'action')])]);
    expect(nodePath(root, 'bad')).toBe('children[0]');
    expect(nodePath(root, 'k')).toBe('content[0].card');
    expect(nodePath(root, 'x')).toBe('content[0].card.children[0]');
    expect(nodePath(root, 'a')).toBe('content[0].card.actions[0]');
  });

  it('names date picker slots availableTimes[i]', () => {
    const root = n('m', 'message', [n('dp', 'datePicker', [n('t0', 'timeSlot'), n('t1', 'timeSlot')])]);
    expect(nodePath(root, 't1')).toBe('content[0].datePicker.availableTimes[1]');
  });

  it('walk visits every node in order with the same paths and depths', () => {
    const root = sample();
    const seen: string[] = [];
    walk(root, (node, ctx) => {
      seen.push(`${node.id}@${ctx.depth}:${ctx.path}`);
      expect(ctx.path).toBe(nodePath(root, node.id));
    });
    expect(seen.slice(0, 4)).toEqual(['m@1:', 'q1@2:content[0].quickReply', 'c@2:content[1].carousel', 'k1@3:content[1].carousel.cards[0]']);
    expect(seen).toHaveLength(12);
  });
});

describe('createNode and createId', () => {
  it('merges DEFAULT_PROPS under the given props and never shares the defaults', () => {
    const a = createNode('listPicker');
    const b = createNode('listPicker', { id: 'lp' });
    expect(a.props.receivedMessage).toEqual({ title: 'Choose an option' });
    expect(a.props.receivedMessage).not.toBe(b.props.receivedMessage);
    expect(b.props.id).toBe('lp');
    expect(createNode('card', { title: 'X' }).props).toEqual({ title: 'X', description: '' });
  });

  it('creates distinct ids', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => createId()));
    expect(ids.size).toBe(2000);
  });
});

describe('structural sharing', () => {
  it('updateProps returns the same root when nothing changes and shares untouched subtrees', () => {
    const root = sample();
    expect(updateProps(root, 'k3', { title: 'Three' })).toBe(root);
    expect(updateProps(root, 'k3', { absent: undefined })).toBe(root);
    expect(updateProps(root, 'missing', { title: 'x' })).toBe(root);
    const next = updateProps(root, 'a3', { text: 'Go' });
    expect(next).not.toBe(root);
    expect(findNode(next, 'a3')?.props.text).toBe('Go');
    expect(findNode(root, 'a3')?.props.text).toBeUndefined();
    // Siblings and cousins are shared by identity; only the chain to a3 is new.
    expect(next.children[0]).toBe(root.children[0]);
    expect(next.children[2]).toBe(root.children[2]);
    expect(next.children[3]).toBe(root.children[3]);
    expect(next.children[1]).not.toBe(root.children[1]);
    expect(next.children[1]!.children[0]).toBe(root.children[1]!.children[0]);
  });

  it('updateProps deletes a key given as undefined', () => {
    const root = sample();
    const next = updateProps(root, 'q1', { payload: undefined });
    expect(findNode(next, 'q1')?.props).toEqual({ text: 'Yes' });
  });

  it('replaceProps returns the same root for shallow-equal props', () => {
    const root = sample();
    expect(replaceProps(root, 'q1', { text: 'Yes', payload: 'yes' })).toBe(root);
    const next = replaceProps(root, 'q1', { text: 'No', payload: 'no' });
    expect(findNode(next, 'q1')?.props).toEqual({ text: 'No', payload: 'no' });
    expect(next.children[1]).toBe(root.children[1]);
  });

  it('removeNode shares the rest and returns the same root for a missing id or the root', () => {
    const root = sample();
    expect(removeNode(root, 'missing')).toBe(root);
    expect(removeNode(root, 'm')).toBe(root);
    const next = removeNode(root, 'k1');
    expect(findNode(next, 'k1')).toBeUndefined();
    expect(next.children[1]!.children[0]).toBe(root.children[1]!.children[1]);
    expect(next.children[3]).toBe(root.children[3]);
  });

  it('mapTree shares every subtree the function leaves alone', () => {
    const root = sample();
    expect(mapTree(root, (x) => x)).toBe(root);
    const next = mapTree(root, (x) => (x.id === 'i' ? { ...x, props: { id: 'i', title: 'T' } } : x));
    expect(next.children[1]).toBe(root.children[1]);
    expect(next.children[3]).not.toBe(root.children[3]);
  });
});

describe('canInsert and insertNode', () => {
  it('refuses what the grammar forbids, naming both kinds', () => {
    const root = sample();
    const r = canInsert(root, 'm', 'action');
    expect(r).toMatchObject({ ok: false, code: 'tree.grammar' });
    expect(!r.ok && r.reason).toMatch(/Button cannot go inside a Message/);
    expect(canInsert(root, 'k3', 'action')).toEqual({ ok: true });
    expect(canInsert(root, 'missing', 'card')).toMatchObject({ ok: false, code: 'tree.parent_not_found' });
    expect(canInsert(root, 'm', 'bogus')).toMatchObject({ ok: false, code: 'tree.unknown_kind' });
  });

  it('refuses an 11th carousel card naming CAROUSEL_MAX_CARDS', () => {
    const cards = Array.from({ length: CAROUSEL_MAX_CARDS }, (_, i) => n(`k${i}`, 'card'));
    const root = n('m', 'message', [n('c', 'carousel', cards)]);
    const r = canInsert(root, 'c', 'card');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('A carousel holds at most 10 cards (CAROUSEL_MAX_CARDS); this one already has 10.');
    const ins = insertNode(root, 'c', 0, n('k10', 'card'));
    expect(ins).toMatchObject({ ok: false, code: 'tree.carousel_max_cards' });
  });

  it('refuses content item and quick reply counts over MAX_CONTENT_ITEMS and QUICK_REPLIES_MAX', () => {
    const qrs = Array.from({ length: QUICK_REPLIES_MAX }, (_, i) => n(`q${i}`, 'quickReply'));
    const r1 = canInsert(n('m', 'message', qrs), 'm', 'quickReply');
    expect(r1).toMatchObject({ ok: false, code: 'tree.quick_replies_max' });
    expect(!r1.ok && r1.reason).toContain(`at most ${QUICK_REPLIES_MAX} quick replies (QUICK_REPLIES_MAX)`);
    expect(canInsert(n('m', 'message', qrs), 'm', 'card')).toEqual({ ok: true });
    const many = Array.from({ length: MAX_CONTENT_ITEMS }, (_, i) => n(`k${i}`, 'card'));
    const r2 = canInsert(n('m', 'message', many), 'm', 'card');
    expect(r2).toMatchObject({ ok: false, code: 'tree.max_content_items' });
    expect(!r2.ok && r2.reason).toContain(`at most ${MAX_CONTENT_ITEMS} content items (MAX_CONTENT_ITEMS)`);
  });

  it('refuses a subtree that would make the tree deeper than MAX_DEPTH', () => {
    const root = sample();
    // A card with a button is 2 levels; under the carousel (depth 2) it reaches exactly 4.
    expect(insertNode(root, 'c', 0, n('k9', 'card', [n('a9', 'action')])).ok).toBe(true);
    // A card holding a (forbidden) card holding a button would reach 5 under the carousel.
    const deep = n('k8', 'card', [n('k7', 'card', [n('a7', 'action')])]);
    const r = insertNode(root, 'c', 0, deep);
    expect(r).toMatchObject({ ok: false, code: 'tree.max_depth' });
    expect(!r.ok && r.reason).toContain('MAX_DEPTH');
  });

  it('inserts at the index, appends when the index is out of range, and refuses duplicate ids', () => {
    const root = sample();
    const r = insertNode(root, 'k3', 0, n('new', 'action'));
    expect(r.ok && r.nodeId).toBe('new');
    expect(r.ok && findParent(r.root, 'new')?.id).toBe('k3');
    const r2 = insertNode(root, 'k1', 99, n('z', 'action'));
    expect(r2.ok && findNode(r2.root, 'k1')!.children.map((c) => c.id)).toEqual(['a1', 'a2', 'z']);
    const r3 = insertNode(root, 'k1', 1, n('z', 'action'));
    expect(r3.ok && findNode(r3.root, 'k1')!.children.map((c) => c.id)).toEqual(['a1', 'z', 'a2']);
    expect(insertNode(root, 'k3', 0, n('a1', 'action'))).toMatchObject({ ok: false, code: 'tree.duplicate_id' });
    expect(r.ok && r.root.children[1]).toBe(root.children[1]);
  });
});

describe('moveNode', () => {
  it('reorders within a parent with arrayMove semantics and returns the same root for a no-op', () => {
    const root = sample();
    const r = moveNode(root, 'a1', 'k1', 1);
    expect(r.ok && findNode(r.root, 'k1')!.children.map((c) => c.id)).toEqual(['a2', 'a1']);
    const same = moveNode(root, 'a1', 'k1', 0);
    expect(same.ok && same.root).toBe(root);
  });

  it('moves between parents and shares untouched subtrees', () => {
    const root = sample();
    const r = moveNode(root, 'a3', 'k3', 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(findParent(r.root, 'a3')?.id).toBe('k3');
    expect(findNode(r.root, 'k2')!.children).toEqual([]);
    expect(r.root.children[0]).toBe(root.children[0]);
    expect(r.root.children[3]).toBe(root.children[3]);
  });

  it('refuses moving a node into itself or its descendants', () => {
    const root = sample();
    expect(moveNode(root, 'c', 'k1', 0)).toMatchObject({ ok: false, code: 'tree.move_into_self' });
    expect(moveNode(root, 'c', 'c', 0)).toMatchObject({ ok: false, code: 'tree.move_into_self' });
    expect(moveNode(root, 'm', 'c', 0)).toMatchObject({ ok: false, code: 'tree.move_root' });
  });

  it('refuses grammar, depth and count violations at the destination', () => {
    const root = sample();
    expect(moveNode(root, 'a1', 'm', 0)).toMatchObject({ ok: false, code: 'tree.grammar' });
    const cards = Array.from({ length: CAROUSEL_MAX_CARDS }, (_, i) => n(`x${i}`, 'card'));
    const full = n('m', 'message', [n('c', 'carousel', cards), n('k', 'card')]);
    const r = moveNode(full, 'k', 'c', 0);
    expect(r).toMatchObject({ ok: false, code: 'tree.carousel_max_cards' });
    // Reordering inside the full carousel is fine: the card is already counted.
    expect(moveNode(full, 'x0', 'c', 5).ok).toBe(true);
  });
});

describe('duplicateNode', () => {
  it('copies the subtree with fresh ids right after the original', () => {
    const root = sample();
    const r = duplicateNode(root, 'k1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const carousel = findNode(r.root, 'c')!;
    expect(carousel.children.map((c) => c.id).slice(0, 1)).toEqual(['k1']);
    const copy = carousel.children[1]!;
    expect(copy.id).toBe(r.nodeId);
    expect(copy.id).not.toBe('k1');
    expect(copy.props).toEqual({ title: 'One' });
    expect(copy.props).not.toBe(findNode(root, 'k1')!.props);
    expect(copy.children.map((c) => c.kind)).toEqual(['action', 'action']);
    expect(copy.children.some((c) => c.id === 'a1' || c.id === 'a2')).toBe(false);
  });

  it('refuses to duplicate past a limit', () => {
    const cards = Array.from({ length: CAROUSEL_MAX_CARDS }, (_, i) => n(`x${i}`, 'card'));
    const r = duplicateNode(n('m', 'message', [n('c', 'carousel', cards)]), 'x3');
    expect(r).toMatchObject({ ok: false, code: 'tree.carousel_max_cards' });
    expect(duplicateNode(sample(), 'm')).toMatchObject({ ok: false });
  });
});
