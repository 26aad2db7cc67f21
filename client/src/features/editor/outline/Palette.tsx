import type { ComponentType, CSSProperties, DOMAttributes } from 'react';
import { KIND_LABELS, NODE_KINDS, type NodeKind } from '@grmd/shared';
import { useDispatch } from '../../../state/store.ts';

/** Every kind except the message root, which every design has exactly one of. */
export const PALETTE_KINDS = NODE_KINDS.filter((k): k is Exclude<NodeKind, 'message'> => k !== 'message');

/** `Item` draws each entry: plain until drag and drop has loaded, then draggable (DragAndDrop.tsx). */
export function Palette({ Item }: { Item: ComponentType<{ kind: NodeKind }> }) {
  return (
    <section className="palette" aria-labelledby="palette-title">
      <h2 id="palette-title">Add</h2>
      <p className="hint" id="palette-help">
        Adds into the selected node, or next to it. Or drag onto the outline.
      </p>
      <ul className="palette-list">
        {PALETTE_KINDS.map((kind) => (
          <Item key={kind} kind={kind} />
        ))}
      </ul>
    </section>
  );
}

export type PaletteDrag = {
  setRef?: (el: HTMLButtonElement | null) => void;
  listeners?: DOMAttributes<HTMLButtonElement> | undefined;
  transform?: { x: number; y: number } | null;
  isDragging?: boolean;
};

/** One palette entry, the same with or without drag and drop. */
export function PaletteItemView({ kind, drag = {} }: { kind: NodeKind; drag?: PaletteDrag }) {
  const dispatch = useDispatch();
  const style: CSSProperties | undefined = drag.transform ? { transform: `translate(${drag.transform.x}px, ${drag.transform.y}px)`, zIndex: 10 } : undefined;
  return (
    <li>
      <button
        type="button"
        ref={drag.setRef}
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

/** A palette entry before drag and drop has loaded. */
export function PlainPaletteItem({ kind }: { kind: NodeKind }) {
  return <PaletteItemView kind={kind} />;
}
