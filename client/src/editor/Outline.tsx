/**
 * The outline: the design as a tree (role=tree, flat list of treeitems with aria-level).
 * Moves by drag and drop (dnd-kit) and by keyboard (Alt+Arrows), both through the same
 * reducer commands, so drops the grammar forbids are refused with the shared reason.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  DndContext,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { GRAMMAR, KIND_LABELS, MAX_DEPTH, isNodeKind, treeDepth, type DesignNode, type NodeKind } from '@grmd/shared';
import { useDispatch, useEditor, useStore } from './store.ts';
import type { Command } from './state.ts';
import { Palette } from './Palette.tsx';

export type FlatItem = { node: DesignNode; depth: number; parentId: string | null; index: number; setSize: number };

export function flatten(root: DesignNode): FlatItem[] {
  const out: FlatItem[] = [];
  const stack: FlatItem[] = [{ node: root, depth: 1, parentId: null, index: 0, setSize: 1 }];
  while (stack.length) {
    const item = stack.pop()!;
    out.push(item);
    const kids = item.node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ node: kids[i]!, depth: item.depth + 1, parentId: item.node.id, index: i, setSize: kids.length });
    }
  }
  return out;
}

export function nodeLabel(node: DesignNode): string {
  const kind = isNodeKind(node.kind) ? KIND_LABELS[node.kind] : `Unknown (${node.kind})`;
  const p = node.props as Record<string, unknown>;
  const rm = p.receivedMessage as Record<string, unknown> | undefined;
  const summary = [p.title, p.text, rm?.title, p.dateTime, p.filename, p.id].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  ) as string | undefined;
  return summary ? `${kind}: ${summary.length > 40 ? `${summary.slice(0, 40)}…` : summary}` : kind;
}

function accepts(node: DesignNode, kind: string): boolean {
  return isNodeKind(node.kind) && isNodeKind(kind) && (GRAMMAR[node.kind] as readonly string[]).includes(kind);
}

export type DragData = { source: 'outline'; id: string; kind: string } | { source: 'palette'; kind: NodeKind };

/** Palette and outline share one DndContext so palette items can be dropped into the tree. */
export function Structure() {
  const root = useEditor((s) => s.design.root);
  const selectedId = useEditor((s) => s.selectedId);
  const dispatch = useDispatch();
  const store = useStore();
  const items = useMemo(() => flatten(root), [root]);
  const depth = useMemo(() => treeDepth(root), [root]);
  const treeRef = useRef<HTMLUListElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  // Keyboard focus follows the selection while the tree has focus (also when the focused
  // row was just deleted, which leaves focus on <body>).
  const treeFocused = useRef(false);
  useEffect(() => {
    const tree = treeRef.current;
    if (!tree || !selectedId) return;
    const active = document.activeElement;
    if (!tree.contains(active) && !(treeFocused.current && (active === document.body || active === null))) return;
    const el = tree.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(selectedId)}"]`);
    if (el && el !== document.activeElement) el.focus();
  }, [selectedId, items]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLUListElement>) => {
      const state = store.getState();
      const sel = state.selectedId;
      const list = flatten(state.design.root);
      const i = list.findIndex((x) => x.node.id === sel);
      const cmd = keyCommand(e, sel, list, i);
      if (!cmd) return;
      e.preventDefault();
      dispatch(cmd);
    },
    [dispatch, store],
  );

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
    const state = store.getState();
    const list = flatten(state.design.root);
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
      <Palette />
      <section className="outline" aria-labelledby="outline-title">
        <h2 id="outline-title">Outline</h2>
        <MoveButtons />
        {depth >= MAX_DEPTH && (
          <p className={depth > MAX_DEPTH ? 'depth-warning error' : 'depth-warning'} role="note">
            {depth > MAX_DEPTH
              ? `This design is ${depth} levels deep, more than the ${MAX_DEPTH} allowed (MAX_DEPTH). Move the deepest nodes up.`
              : `Depth limit reached: ${depth} of ${MAX_DEPTH} levels (MAX_DEPTH). Nothing can nest deeper.`}
          </p>
        )}
        <ul
          role="tree"
          aria-label="Design outline"
          className="tree"
          ref={treeRef}
          onKeyDown={onKeyDown}
          onFocus={() => {
            treeFocused.current = true;
          }}
          onBlur={(e) => {
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) treeFocused.current = false;
          }}
        >
          {items.map((item) => (
            <OutlineItem key={item.node.id} item={item} selected={item.node.id === selectedId} dragging={dragging === item.node.id} />
          ))}
        </ul>
        <p className="hint" id="outline-help">
          Arrows select; Alt+↑/↓ move; Alt+→ moves into the node above; Alt+← moves out; Delete removes; Ctrl+D duplicates. Drag to move.
        </p>
      </section>
    </DndContext>
  );
}

export function keyCommand(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }, sel: string | null, list: FlatItem[], i: number): Command | null {
  if (e.altKey) {
    if (!sel) return null;
    const dir = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'in', ArrowLeft: 'out' } as const)[e.key as 'ArrowUp'];
    return dir ? { type: 'moveBy', id: sel, direction: dir } : null;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd' && sel) return { type: 'duplicate', id: sel };
  switch (e.key) {
    case 'ArrowDown':
      return list[i + 1] ? { type: 'select', id: list[i + 1]!.node.id } : null;
    case 'ArrowUp':
      return i > 0 ? { type: 'select', id: list[i - 1]!.node.id } : null;
    case 'Home':
      return list[0] ? { type: 'select', id: list[0].node.id } : null;
    case 'End':
      return list.length ? { type: 'select', id: list[list.length - 1]!.node.id } : null;
    case 'ArrowLeft':
      return list[i]?.parentId ? { type: 'select', id: list[i]!.parentId! } : null;
    case 'ArrowRight':
      return list[i]?.node.children[0] ? { type: 'select', id: list[i]!.node.children[0].id } : null;
    case 'Delete':
    case 'Backspace':
      return sel ? { type: 'remove', id: sel } : null;
  }
  return null;
}

/**
 * Where a drop lands: the middle of a node that can hold the dragged kind puts it inside
 * (last); otherwise the upper half puts it before the node and the lower half after it.
 */
export function dropCommand(data: DragData, target: FlatItem, rel: number, list: FlatItem[]): Command | null {
  const kind = data.kind;
  const inside = accepts(target.node, kind) && (rel > 0.25 && rel < 0.75 || !target.parentId);
  if (data.source === 'outline' && data.id === target.node.id) return null;
  if (inside || !target.parentId) {
    if (data.source === 'palette') return { type: 'insert', parentId: target.node.id, kind: data.kind };
    return { type: 'move', id: data.id, parentId: target.node.id, index: target.node.children.length };
  }
  let index = target.index + (rel >= 0.5 ? 1 : 0);
  if (data.source === 'palette') return { type: 'insert', parentId: target.parentId, kind: data.kind, index };
  const from = list.find((x) => x.node.id === data.id);
  // moveNode counts the index after the node left its parent.
  if (from && from.parentId === target.parentId && from.index < index) index -= 1;
  return { type: 'move', id: data.id, parentId: target.parentId, index };
}

type ItemProps = { item: FlatItem; selected: boolean; dragging: boolean };

/** flatten() makes new row objects on every edit; a row only re-renders when what it shows changed. */
function sameRow(a: ItemProps, b: ItemProps): boolean {
  return (
    a.selected === b.selected &&
    a.dragging === b.dragging &&
    a.item.node === b.item.node &&
    a.item.depth === b.item.depth &&
    a.item.index === b.item.index &&
    a.item.setSize === b.item.setSize &&
    a.item.parentId === b.item.parentId
  );
}

const OutlineItem = memo(function OutlineItem({ item, selected, dragging }: ItemProps) {
  const dispatch = useDispatch();
  const { node, depth } = item;
  const isRoot = item.parentId === null;
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
  const tooDeep = depth > MAX_DEPTH;
  const style = drag.transform ? { transform: `translate(${drag.transform.x}px, ${drag.transform.y}px)` } : undefined;
  return (
    <li
      ref={setRef}
      role="treeitem"
      aria-level={depth}
      aria-setsize={item.setSize}
      aria-posinset={item.index + 1}
      aria-selected={selected}
      aria-expanded={node.children.length ? true : undefined}
      tabIndex={selected ? 0 : -1}
      data-node-id={node.id}
      data-depth={depth}
      className={`tree-item${selected ? ' selected' : ''}${drop.isOver ? ' drop-over' : ''}${dragging ? ' dragging' : ''}${tooDeep ? ' too-deep' : ''}`}
      style={{ ...style, paddingLeft: `${(depth - 1) * 16 + 6}px` }}
      onClick={() => dispatch({ type: 'select', id: node.id })}
      aria-describedby="outline-help"
      {...(isRoot ? {} : drag.listeners)}
      aria-roledescription={isRoot ? undefined : 'draggable node'}
    >
      <span className="tree-label">{nodeLabel(node)}</span>
      <span className={`depth-badge${tooDeep ? ' error' : ''}`}>
        {` · depth ${depth}`}
        {tooDeep ? ` (over MAX_DEPTH ${MAX_DEPTH})` : ''}
      </span>
    </li>
  );
}, sameRow);

function MoveButtons() {
  const selectedId = useEditor((s) => s.selectedId);
  const isRoot = useEditor((s) => s.selectedId === s.design.root.id);
  const dispatch = useDispatch();
  const disabled = !selectedId || isRoot;
  const move = (direction: 'up' | 'down' | 'in' | 'out') => selectedId && dispatch({ type: 'moveBy', id: selectedId, direction });
  return (
    <div className="move-buttons" role="toolbar" aria-label="Selected node">
      <button type="button" disabled={disabled} onClick={() => move('up')} aria-keyshortcuts="Alt+ArrowUp" title="Move up (Alt+↑)">
        Move up
      </button>
      <button type="button" disabled={disabled} onClick={() => move('down')} aria-keyshortcuts="Alt+ArrowDown" title="Move down (Alt+↓)">
        Move down
      </button>
      <button type="button" disabled={disabled} onClick={() => move('in')} aria-keyshortcuts="Alt+ArrowRight" title="Move into the node above (Alt+→)">
        Indent
      </button>
      <button type="button" disabled={disabled} onClick={() => move('out')} aria-keyshortcuts="Alt+ArrowLeft" title="Move out of its container (Alt+←)">
        Outdent
      </button>
      <button type="button" disabled={disabled} onClick={() => selectedId && dispatch({ type: 'duplicate', id: selectedId })} aria-keyshortcuts="Control+D">
        Duplicate
      </button>
      <button type="button" disabled={disabled} onClick={() => selectedId && dispatch({ type: 'remove', id: selectedId })} aria-keyshortcuts="Delete">
        Delete
      </button>
    </div>
  );
}
