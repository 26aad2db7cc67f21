/**
 * Why an edit was refused ("at most 10 cards"), drawn next to the outline row it was about
 * (the node selected when it was refused) and over the rows below it, so nothing moves; it
 * goes away on its own after REFUSAL_MS, or at once when dismissed.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { useEditor } from '../../../state/store.ts';

const REFUSAL_MS = 6000;

export function RefusalNote({ treeRef }: { treeRef: RefObject<HTMLUListElement | null> }) {
  const refusal = useEditor((s) => s.refusal);
  const [anchorId, setAnchorId] = useState<string | null>(null);
  const [gone, setGone] = useState<object | null>(null);
  const [top, setTop] = useState(0);

  // Each refusal is anchored where the selection was when it happened.
  const [seen, setSeen] = useState<object | null>(null);
  const selectedId = useEditor((s) => s.selectedId);
  if (refusal !== seen) {
    setSeen(refusal);
    setAnchorId(selectedId);
  }

  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(() => setGone(refusal), REFUSAL_MS);
    return () => clearTimeout(t);
  }, [refusal]);

  useLayoutEffect(() => {
    const tree = treeRef.current;
    if (!tree || !refusal) return;
    const row = anchorId ? tree.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(anchorId)}"]`) : null;
    setTop(row ? row.offsetTop + row.offsetHeight : tree.offsetTop);
  }, [refusal, anchorId, treeRef]);

  if (!refusal || refusal === gone) return null;
  return (
    <p className="refusal refusal-note" role="alert" style={{ top }}>
      <span>{refusal.reason}</span>
      {/* The × is drawn in CSS, so the alert's text is the reason alone. */}
      <button type="button" className="refusal-close" aria-label="Dismiss" onClick={() => setGone(refusal)} />
    </p>
  );
}
