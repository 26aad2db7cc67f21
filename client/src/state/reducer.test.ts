import { describe, expect, it } from 'vitest';
import { CAROUSEL_MAX_CARDS, createNode, findNode, type Design, type DesignNode } from '@grmd/shared';
import { HISTORY_LIMIT, editorReducer, initialState, isDirty, paletteTarget, type Command, type EditorState } from './reducer.ts';

function design(root: DesignNode): Design {
  return { formatVersion: 1, id: 'd1', name: 'Test', channel: 'webmessaging', variables: [], root };
}

function run(state: EditorState, ...cmds: Command[]): EditorState {
  return cmds.reduce(editorReducer, state);
}

function blank(): EditorState {
  return initialState(design(createNode('message', { text: 'Hi' })));
}

describe('editorReducer', () => {
  it('adds a card under the message and a button under the selected card', () => {
    let s = run(blank(), { type: 'add', kind: 'card' });
    const card = s.design.root.children[0]!;
    expect(card.kind).toBe('card');
    expect(s.selectedId).toBe(card.id);
    s = run(s, { type: 'add', kind: 'action' });
    expect(findNode(s.design.root, card.id)!.children.map((c) => c.kind)).toEqual(['action']);
    expect(s.announcement).toMatch(/Added Button/);
  });

  it('puts a new card after the selected button’s card when the button cannot hold it', () => {
    let s = run(blank(), { type: 'add', kind: 'card' }, { type: 'add', kind: 'action' });
    const firstCard = s.design.root.children[0]!;
    expect(paletteTarget(s.design.root, s.selectedId, 'card')).toEqual({ parentId: s.design.root.id, index: 1 });
    s = run(s, { type: 'add', kind: 'card' });
    expect(s.design.root.children.map((c) => c.id)[0]).toBe(firstCard.id);
    expect(s.design.root.children).toHaveLength(2);
  });

  it('refuses an 11th carousel card naming CAROUSEL_MAX_CARDS and leaves the design unchanged', () => {
    let s = run(blank(), { type: 'add', kind: 'carousel' });
    const carouselId = s.selectedId!;
    for (let i = 0; i < CAROUSEL_MAX_CARDS; i++) s = run(s, { type: 'insert', parentId: carouselId, kind: 'card' });
    const before = s.design;
    s = run(s, { type: 'insert', parentId: carouselId, kind: 'card' });
    expect(s.design).toBe(before);
    expect(s.refusal?.reason).toMatch(/CAROUSEL_MAX_CARDS/);
    expect(s.announcement).toBe(s.refusal?.reason);
  });

  it('refuses a drop the grammar forbids with a reason', () => {
    let s = run(blank(), { type: 'add', kind: 'card' }, { type: 'add', kind: 'action' });
    const actionId = s.selectedId!;
    s = run(s, { type: 'move', id: actionId, parentId: s.design.root.id, index: 0 });
    expect(s.refusal).not.toBeNull();
    expect(s.refusal!.reason.length).toBeGreaterThan(10);
    expect(findNode(s.design.root, actionId)).toBeDefined();
  });

  it('moves a node up, down, into the node above and back out by keyboard commands', () => {
    let s = run(blank(), { type: 'add', kind: 'carousel' }, { type: 'select', id: null });
    s = run(s, { type: 'insert', parentId: s.design.root.id, kind: 'card' });
    const cardId = s.selectedId!;
    const carouselId = s.design.root.children[0]!.id;
    s = run(s, { type: 'moveBy', id: cardId, direction: 'up' });
    expect(s.design.root.children.map((c) => c.id)).toEqual([cardId, carouselId]);
    s = run(s, { type: 'moveBy', id: cardId, direction: 'down' });
    expect(s.design.root.children.map((c) => c.id)).toEqual([carouselId, cardId]);
    s = run(s, { type: 'moveBy', id: cardId, direction: 'in' });
    expect(findNode(s.design.root, carouselId)!.children.map((c) => c.id)).toEqual([cardId]);
    expect(s.announcement).toMatch(/position 1 of 1/);
    s = run(s, { type: 'moveBy', id: cardId, direction: 'out' });
    expect(s.design.root.children.map((c) => c.id)).toEqual([carouselId, cardId]);
  });

  it('refuses to move the first node up and says why', () => {
    const s = run(blank(), { type: 'add', kind: 'card' });
    const next = run(s, { type: 'moveBy', id: s.selectedId!, direction: 'up' });
    expect(next.design).toBe(s.design);
    expect(next.announcement).toMatch(/already first/);
  });

  it('duplicates with new ids and deletes selecting a neighbour', () => {
    let s = run(blank(), { type: 'add', kind: 'card' }, { type: 'add', kind: 'action' });
    const cardId = s.design.root.children[0]!.id;
    s = run(s, { type: 'duplicate', id: cardId });
    const [a, b] = s.design.root.children;
    expect(b!.id).not.toBe(a!.id);
    expect(b!.children[0]!.id).not.toBe(a!.children[0]!.id);
    expect(s.selectedId).toBe(b!.id);
    s = run(s, { type: 'remove', id: b!.id });
    expect(s.design.root.children).toHaveLength(1);
    expect(s.selectedId).toBe(a!.id);
  });

  it('merges consecutive typing in one field into one undo step', () => {
    let s = run(blank(), { type: 'add', kind: 'card' });
    const id = s.selectedId!;
    const steps = s.past.length;
    for (const title of ['O', 'Or', 'Ord', 'Orde', 'Order']) s = run(s, { type: 'updateProps', id, patch: { title }, field: 'title' });
    expect(s.past.length).toBe(steps + 1);
    s = run(s, { type: 'updateProps', id, patch: { description: 'x' }, field: 'description' });
    expect(s.past.length).toBe(steps + 2);
    s = run(s, { type: 'undo' });
    expect(findNode(s.design.root, id)!.props.title).toBe('Order');
    s = run(s, { type: 'undo' });
    expect(findNode(s.design.root, id)!.props.title).toBe('Card title');
    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(findNode(s.design.root, id)!.props.description).toBe('x');
  });

  it('starts a new step when the same field is edited again after selecting elsewhere', () => {
    let s = run(blank(), { type: 'add', kind: 'card' });
    const id = s.selectedId!;
    s = run(s, { type: 'updateProps', id, patch: { title: 'A' }, field: 'title' });
    const steps = s.past.length;
    s = run(s, { type: 'select', id: s.design.root.id }, { type: 'select', id });
    expect(s.past.length).toBe(steps);
    s = run(s, { type: 'updateProps', id, patch: { title: 'AB' }, field: 'title' });
    expect(s.past.length).toBe(steps + 1);
  });

  it('does not record selection as history', () => {
    const s = run(blank(), { type: 'add', kind: 'card' });
    const after = run(s, { type: 'select', id: s.design.root.id });
    expect(after.past).toBe(s.past);
    expect(after.design).toBe(s.design);
    expect(after.revision).toBe(s.revision);
  });

  it('keeps at least 100 undo steps and shares unchanged subtrees between snapshots', () => {
    let s = run(blank(), { type: 'add', kind: 'card' }, { type: 'select', id: null }, { type: 'add', kind: 'card' });
    const [first, second] = s.design.root.children;
    for (let i = 0; i < 150; i++) {
      s = run(s, { type: 'updateProps', id: second!.id, patch: { title: `t${i}` }, field: `f${i % 2}` });
    }
    expect(s.past.length).toBeGreaterThanOrEqual(100);
    expect(s.past.length).toBeLessThanOrEqual(HISTORY_LIMIT);
    // The untouched first card is the same object in every snapshot.
    expect(s.past[s.past.length - 1]!.root.children[0]).toBe(first);
    expect(s.design.root.children[0]).toBe(first);
    for (let i = 0; i < 100; i++) s = run(s, { type: 'undo' });
    expect(findNode(s.design.root, second!.id)!.props.title).toBe('t49');
  });

  it('clears redo after a new edit and reports unsaved changes until marked saved', () => {
    let s = run(blank(), { type: 'add', kind: 'card' });
    expect(isDirty(s)).toBe(true);
    s = run(s, { type: 'markSaved' });
    expect(isDirty(s)).toBe(false);
    s = run(s, { type: 'undo' });
    expect(s.future).toHaveLength(1);
    s = run(s, { type: 'add', kind: 'quickReply' });
    expect(s.future).toHaveLength(0);
    expect(isDirty(s)).toBe(true);
  });

  it('keeps the selection through undo only when the node still exists', () => {
    let s = run(blank(), { type: 'add', kind: 'card' });
    const cardId = s.selectedId!;
    s = run(s, { type: 'undo' });
    expect(s.selectedId).toBe(s.design.root.id);
    s = run(s, { type: 'redo' }, { type: 'select', id: cardId });
    expect(s.selectedId).toBe(cardId);
  });
});
