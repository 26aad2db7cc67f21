/**
 * The outline: the design as a tree (role=tree, a flat list of treeitems with aria-level).
 * Each row registers its element (dragTargets.ts): drag and drop (DragAndDrop.tsx), loaded
 * once the editor is usable, binds itself to those elements without drawing them again.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { MAX_DEPTH, treeDepth } from '@grmd/shared';
import type { EditorState } from '../../../state/reducer.ts';
import { useDeferredEditor, useDispatch, useEditor, useStore } from '../../../state/store.ts';

const selectRoot = (s: EditorState) => s.design.root;
import { RefusalNote } from './RefusalNote.tsx';
import { targetRef } from './dragTargets.ts';
import { flatten, keyCommand, nodeLabel, type FlatItem } from './tree.ts';

export function Outline() {
  // The rows follow the design in a transition: a keystroke in the form redraws the preview first.
  const root = useDeferredEditor(selectRoot);
  const selectedId = useEditor((s) => s.selectedId);
  const dispatch = useDispatch();
  const store = useStore();
  const items = useMemo(() => flatten(root), [root]);
  const depth = useMemo(() => treeDepth(root), [root]);
  const treeRef = useRef<HTMLUListElement>(null);

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

  return (
    <section className="outline" aria-labelledby="outline-title">
      <h2 id="outline-title">Outline</h2>
      <MoveButtons />
      {/* Only a broken rule gets a note: Message › Carousel › Card › Button is exactly MAX_DEPTH. */}
      {depth > MAX_DEPTH && (
        <p className="depth-warning error" role="note">
          {`This design is ${depth} levels deep, more than the ${MAX_DEPTH} allowed (MAX_DEPTH). Move the deepest nodes up.`}
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
          <OutlineItem key={item.node.id} item={item} selected={item.node.id === selectedId} />
        ))}
      </ul>
      <RefusalNote treeRef={treeRef} />
      <p className="hint" id="outline-help">
        Arrows select; Alt+↑/↓ move; Alt+→ moves into the node above; Alt+← moves out; Delete removes; Ctrl+D duplicates. Drag to move.
      </p>
    </section>
  );
}

type ItemProps = { item: FlatItem; selected: boolean };

/** flatten() makes new row objects on every edit; a row only re-renders when what it shows changed. */
function sameRow(a: ItemProps, b: ItemProps): boolean {
  return (
    a.selected === b.selected &&
    a.item.node === b.item.node &&
    a.item.depth === b.item.depth &&
    a.item.index === b.item.index &&
    a.item.setSize === b.item.setSize &&
    a.item.parentId === b.item.parentId
  );
}

// While a node is dragged, drag and drop marks its row (`dragging`, faded in its old place),
// the row under the pointer (`drop-over`) and moves the row with the pointer (a transform).
const OutlineItem = memo(function OutlineItem({ item, selected }: ItemProps) {
  const dispatch = useDispatch();
  const { node, depth } = item;
  const isRoot = item.parentId === null;
  const tooDeep = depth > MAX_DEPTH;
  return (
    <li
      ref={targetRef(`row:${node.id}`)}
      role="treeitem"
      aria-level={depth}
      aria-setsize={item.setSize}
      aria-posinset={item.index + 1}
      aria-selected={selected}
      aria-expanded={node.children.length ? true : undefined}
      tabIndex={selected ? 0 : -1}
      data-node-id={node.id}
      data-depth={depth}
      className={`tree-item${selected ? ' selected' : ''}${tooDeep ? ' too-deep' : ''}`}
      style={{ paddingLeft: `${(depth - 1) * 16 + 6}px` }}
      onClick={() => dispatch({ type: 'select', id: node.id })}
      aria-describedby="outline-help"
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
