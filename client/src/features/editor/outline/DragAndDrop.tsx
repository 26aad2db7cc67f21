/**
 * Drag and drop for the palette and the outline (dnd-kit), loaded once the editor is usable
 * (Structure.tsx): the palette and the outline in one DndContext, so palette items can be
 * dropped into the tree. Moves by drag and drop and by keyboard (Alt+Arrows) both go through
 * the same reducer commands, so drops the grammar forbids are refused with the shared reason.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { DndContext, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { KIND_LABELS, isNodeKind, type NodeKind } from '@grmd/shared';
import { useDispatch, useStore } from '../../../state/store.ts';
import { Outline, RowView, sameRow, type ItemProps } from './Outline.tsx';
import { Palette, PaletteItemView } from './Palette.tsx';
import { dropCommand, flatten, nodeLabel, type DragData } from './tree.ts';

export function DndStructure() {
  const dispatch = useDispatch();
  const store = useStore();
  const [dragging, setDragging] = useState<string | null>(null);
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

  const onDragStart = (e: DragStartEvent) => {
    const data = e.active.data.current as DragData | undefined;
    setDragging(data?.source === 'outline' ? data.id : null);
  };

  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
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
    <DndContext sensors={sensors} collisionDetection={pointerWithin} autoScroll={{ threshold: { x: 0, y: 0.05 } }} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)} accessibility={{ restoreFocus: false, announcements }}>
      <Palette Item={DraggablePaletteItem} />
      <Outline dragging={dragging} Row={DraggableRow} />
    </DndContext>
  );
}

const DraggableRow = memo(function DraggableRow(props: ItemProps) {
  const { node } = props.item;
  const isRoot = props.item.parentId === null;
  const drag = useDraggable({ id: `drag:${node.id}`, data: { source: 'outline', id: node.id, kind: node.kind } satisfies DragData, disabled: isRoot });
  const drop = useDroppable({ id: node.id });
  const setRef = useCallback(
    (el: HTMLLIElement | null) => {
      drag.setNodeRef(el);
      drop.setNodeRef(el);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drag.setNodeRef, drop.setNodeRef],
  );
  return <RowView {...props} drag={{ setRef, listeners: drag.listeners, transform: drag.transform, isOver: drop.isOver }} />;
}, sameRow);

function DraggablePaletteItem({ kind }: { kind: NodeKind }) {
  const drag = useDraggable({ id: `palette:${kind}`, data: { source: 'palette', kind } satisfies DragData });
  return <PaletteItemView kind={kind} drag={{ setRef: drag.setNodeRef, listeners: drag.listeners, transform: drag.transform, isDragging: drag.isDragging }} />;
}
