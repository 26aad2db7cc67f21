/**
 * The palette and the outline. They are usable at once (clicks, keyboard moves with
 * Alt+Arrows, the move buttons); drag and drop (dnd-kit, DragAndDrop.tsx) loads once the
 * editor is usable and then takes over drawing them, with the same rows and the same DOM,
 * keeping the keyboard focus where it was.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { whenUsable } from '../../../state/usable.ts';
import { Outline, PlainRow } from './Outline.tsx';
import { Palette, PlainPaletteItem } from './Palette.tsx';

type DndModule = typeof import('./DragAndDrop.tsx');
let dndChunk: Promise<DndModule> | null = null;
const loadDnd = () => (dndChunk ??= whenUsable().then(() => import('./DragAndDrop.tsx')));

/** Where `el` is under `root`, as child indexes (the plain and the draggable drawing have the same DOM). */
function pathTo(root: Element, el: Element | null): number[] | null {
  const path: number[] = [];
  for (let cur = el; cur && cur !== root; cur = cur.parentElement) {
    if (!cur.parentElement) return null;
    path.unshift(Array.prototype.indexOf.call(cur.parentElement.children, cur));
  }
  return el && root.contains(el) ? path : null;
}

function follow(root: Element, path: number[]): Element | null {
  let cur: Element | null = root;
  for (const i of path) cur = cur?.children[i] ?? null;
  return cur;
}

export function Structure() {
  const [dnd, setDnd] = useState<DndModule | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const focusPath = useRef<number[] | null>(null);

  useEffect(() => {
    let live = true;
    void loadDnd().then((m) => {
      if (!live) return;
      // The rows are drawn anew: remember which one had the focus, to give it back.
      focusPath.current = box.current ? pathTo(box.current, document.activeElement) : null;
      setDnd(() => m);
    });
    return () => {
      live = false;
    };
  }, []);

  useLayoutEffect(() => {
    const path = focusPath.current;
    focusPath.current = null;
    if (!dnd || !path || !box.current) return;
    const el = follow(box.current, path);
    if (el instanceof HTMLElement && document.activeElement !== el) el.focus();
  }, [dnd]);

  return (
    <div className="structure" ref={box}>
      {dnd ? (
        <dnd.DndStructure />
      ) : (
        <>
          <Palette Item={PlainPaletteItem} />
          <Outline dragging={null} Row={PlainRow} />
        </>
      )}
    </div>
  );
}
