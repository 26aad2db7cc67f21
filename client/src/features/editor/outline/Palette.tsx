import { useDraggable } from '@dnd-kit/core';
import { KIND_LABELS, NODE_KINDS, type NodeKind } from '@grmd/shared';
import { useDispatch } from '../../../state/store.ts';
import type { DragData } from './tree.ts';

/** Every kind except the message root, which every design has exactly one of. */
export const PALETTE_KINDS = NODE_KINDS.filter((k): k is Exclude<NodeKind, 'message'> => k !== 'message');

export function Palette() {
  return (
    <section className="palette" aria-labelledby="palette-title">
      <h2 id="palette-title">Add</h2>
      <p className="hint" id="palette-help">
        Adds into the selected node, or next to it. Or drag onto the outline.
      </p>
      <ul className="palette-list">
        {PALETTE_KINDS.map((kind) => (
          <PaletteItem key={kind} kind={kind} />
        ))}
      </ul>
    </section>
  );
}

function PaletteItem({ kind }: { kind: NodeKind }) {
  const dispatch = useDispatch();
  const drag = useDraggable({ id: `palette:${kind}`, data: { source: 'palette', kind } satisfies DragData });
  const style = drag.transform ? { transform: `translate(${drag.transform.x}px, ${drag.transform.y}px)`, zIndex: 10 } : undefined;
  return (
    <li>
      <button
        type="button"
        ref={drag.setNodeRef}
        style={style}
        className={drag.isDragging ? 'palette-item dragging' : 'palette-item'}
        aria-describedby="palette-help"
        onClick={() => dispatch({ type: 'add', kind })}
        {...drag.listeners}
      >
        Add {KIND_LABELS[kind]}
      </button>
    </li>
  );
}
