import { KIND_LABELS, NODE_KINDS, type NodeKind } from '@grmd/shared';
import { useDispatch } from '../../../state/store.ts';
import { targetRef } from './dragTargets.ts';

/** Every kind except the message root, which every design has exactly one of. */
export const PALETTE_KINDS = NODE_KINDS.filter((k): k is Exclude<NodeKind, 'message'> => k !== 'message');

/** The entries register their elements (dragTargets.ts): drag and drop binds itself to them once loaded. */
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
  return (
    <li>
      <button type="button" ref={targetRef(`palette:${kind}`)} className="palette-item" aria-describedby="palette-help" onClick={() => dispatch({ type: 'add', kind })}>
        Add {KIND_LABELS[kind]}
      </button>
    </li>
  );
}
