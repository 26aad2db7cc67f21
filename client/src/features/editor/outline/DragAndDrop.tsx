/**
 * Drag and drop for the palette and the outline (dnd-kit), loaded once the editor is usable
 * (Structure.tsx). It draws nothing of its own: one binding per palette entry and outline
 * row attaches dnd-kit to the element that entry or row registered (dragTargets.ts) and marks
 * it while a drag is on, so the rows are never drawn again when it arrives. Moves by drag and
 * drop and by keyboard (Alt+Arrows) both go through the same reducer commands, so drops the
 * grammar forbids are refused with the shared reason.
 */
import { useLayoutEffect, useMemo } from 'react';
import { DndContext, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { KIND_LABELS, isNodeKind, type NodeKind } from '@grmd/shared';
import type { EditorState } from '../../../state/reducer.ts';
import { useDeferredEditor, useDispatch, useStore } from '../../../state/store.ts';
import { useTarget } from './dragTargets.ts';
import { PALETTE_KINDS } from './Palette.tsx';
import { dropCommand, flatten, nodeLabel, type DragData, type FlatItem } from './tree.ts';

// The same rows as the outline, in the same transition.
const selectRoot = (s: EditorState) => s.design.root;

export function DndBindings() {
  const dispatch = useDispatch();
  const store = useStore();
  const root = useDeferredEditor(selectRoot);
  const items = useMemo(() => flatten(root), [root]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  // Screen readers hear node names, not dnd-kit's ids; the drop's result is announced by the
  // reducer (moved, or refused with the reason), so the end says nothing more.
  const announcements = useMemo<Announcements>(() => {
    const name = (id: string | number) => {
      const it = flatten(store.getState().design.root).find((x) => x.node.id === id);
      return it ? nodeLabel(it.node) : String(id);
    };
    const what = (data: unknown, id: string | number) => {
      const d = data as DragData | undefined;
      return d?.source === 'palette' ? `a new ${isNodeKind(d.kind) ? KIND_LABELS[d.kind] : d.kind}` : name(d?.source === 'outline' ? d.id : id);
    };
    return {
      onDragStart: ({ active }) => `Picked up ${what(active.data.current, active.id)}.`,
      onDragOver: ({ active, over }) => (over ? `${what(active.data.current, active.id)} is over ${name(over.id)}.` : `${what(active.data.current, active.id)} is not over a drop target.`),
      onDragEnd: () => undefined,
      onDragCancel: ({ active }) => `Move of ${what(active.data.current, active.id)} cancelled.`,
    };
  }, [store]);

  const onDragEnd = (e: DragEndEvent) => {
    const data = e.active.data.current as DragData | undefined;
    if (!data || !e.over) return;
    const list = flatten(store.getState().design.root);
    const target = list.find((x) => x.node.id === e.over!.id);
    if (!target) return;
    // Where the pointer is inside the target row decides before / inside / after.
    const start = e.activatorEvent as PointerEvent | MouseEvent | null;
    const overRect = e.over.rect;
    const y = start && 'clientY' in start ? start.clientY + e.delta.y : overRect.top + overRect.height / 2;
    const rel = (y - overRect.top) / overRect.height;
    const cmd = dropCommand(data, target, rel, list);
    if (cmd) dispatch(cmd);
  };

  return (
    <DndContext sensors={sensors} collisionDetection={pointerWithin} autoScroll={{ threshold: { x: 0, y: 0.05 } }} onDragEnd={onDragEnd} accessibility={{ restoreFocus: false, announcements }}>
      {PALETTE_KINDS.map((kind) => (
        <PaletteBinding key={kind} kind={kind} />
      ))}
      {items.map((item) => (
        <RowBinding key={item.node.id} item={item} />
      ))}
    </DndContext>
  );
}

type Listeners = ReturnType<typeof useDraggable>['listeners'];

/**
 * dnd-kit's press handler on the element itself (the element is not drawn by this component),
 * attached before the browser paints (a press held while drag and drop loaded is handed over
 * right after: Structure.tsx).
 */
function usePress(el: HTMLElement | null, listeners: Listeners, enabled: boolean): void {
  useLayoutEffect(() => {
    const onPointerDown = listeners?.onPointerDown as ((e: { nativeEvent: PointerEvent }) => void) | undefined;
    if (!el || !enabled || !onPointerDown) return;
    const down = (e: PointerEvent) => onPointerDown({ nativeEvent: e });
    el.addEventListener('pointerdown', down);
    return () => el.removeEventListener('pointerdown', down);
  }, [el, listeners, enabled]);
}

function translate(t: { x: number; y: number } | null): string {
  return t ? `translate(${t.x}px, ${t.y}px)` : '';
}

function RowBinding({ item }: { item: FlatItem }) {
  const { node } = item;
  const isRoot = item.parentId === null;
  const el = useTarget(`row:${node.id}`);
  const drag = useDraggable({ id: `drag:${node.id}`, data: { source: 'outline', id: node.id, kind: node.kind } satisfies DragData, disabled: isRoot });
  const drop = useDroppable({ id: node.id });
  const { setNodeRef: setDragRef } = drag;
  const { setNodeRef: setDropRef } = drop;
  useLayoutEffect(() => {
    setDragRef(el);
    setDropRef(el);
  }, [el, setDragRef, setDropRef]);
  usePress(el, drag.listeners, !isRoot);
  useLayoutEffect(() => {
    if (!el) return;
    el.style.transform = translate(drag.transform);
    el.classList.toggle('dragging', drag.isDragging);
    el.classList.toggle('drop-over', drop.isOver);
  });
  return null;
}

function PaletteBinding({ kind }: { kind: NodeKind }) {
  const el = useTarget(`palette:${kind}`);
  const drag = useDraggable({ id: `palette:${kind}`, data: { source: 'palette', kind } satisfies DragData });
  const { setNodeRef } = drag;
  useLayoutEffect(() => setNodeRef(el), [el, setNodeRef]);
  usePress(el, drag.listeners, true);
  useLayoutEffect(() => {
    if (!el) return;
    el.style.transform = translate(drag.transform);
    el.style.zIndex = drag.transform ? '10' : '';
    el.classList.toggle('dragging', drag.isDragging);
  });
  return null;
}
