/**
 * The palette and the outline. They are usable at once (clicks, keyboard moves with
 * Alt+Arrows, the move buttons); drag and drop (dnd-kit, DragAndDrop.tsx) loads once the
 * editor is usable and binds itself to the rows they drew, without drawing them again. A drag
 * begun before it has loaded is not lost:
 * the press, the pointer's last position and, when it came already, the release are handed
 * to it once it is there.
 */
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { whenUsable } from '../../../state/usable.ts';
import { Outline } from './Outline.tsx';
import { Palette } from './Palette.tsx';

type DndModule = typeof import('./DragAndDrop.tsx');
let dndChunk: Promise<DndModule> | null = null;
let importDnd: (() => void) | null = null;
/** Loads drag and drop once the editor is usable, or at once when `now` (a drag has begun). */
function loadDnd(now = false): Promise<DndModule> {
  dndChunk ??= new Promise<void>((go) => {
    importDnd = go;
    void whenUsable().then(go);
  }).then(() => import('./DragAndDrop.tsx'));
  if (now) importDnd?.();
  return dndChunk;
}

/** A press on the palette or the outline before drag and drop was there, and what the pointer did next. */
type EarlyPress = { path: number[]; down: PointerEventInit; last: PointerEventInit | null; up: PointerEventInit | null };

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Plays a press to dnd-kit: down, then the last position (a drag starts once the pointer has
 * moved enough); a release that came already is played after dnd-kit has measured the drop
 * targets (a frame or two), from where it happened.
 */
async function replay(target: Element, press: EarlyPress): Promise<void> {
  target.dispatchEvent(new PointerEvent('pointerdown', press.down));
  if (press.last) document.dispatchEvent(new PointerEvent('pointermove', press.last));
  if (!press.up) return;
  const at = (dx: number) => ({ ...press.up, buttons: 1, clientX: (press.up!.clientX ?? 0) + dx, screenX: (press.up!.screenX ?? 0) + dx });
  // Moves that land where the release was, each in its own frame, as a hand would make them.
  for (const dx of [1, 0]) {
    await nextFrame();
    await nextFrame();
    document.dispatchEvent(new PointerEvent('pointermove', at(dx)));
  }
  await nextFrame();
  document.dispatchEvent(new PointerEvent('pointerup', { ...press.up, buttons: 0 }));
}

function pointerInit(e: PointerEvent | ReactPointerEvent): PointerEventInit {
  const { clientX, clientY, screenX, screenY, pointerId, pointerType, isPrimary, button, buttons } = e;
  return { clientX, clientY, screenX, screenY, pointerId, pointerType, isPrimary, button, buttons, bubbles: true, cancelable: true, composed: true };
}

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
  const early = useRef<EarlyPress | null>(null);

  useEffect(() => {
    let live = true;
    void loadDnd().then((m) => {
      if (!live) return;
      setDnd(() => m);
    });
    return () => {
      live = false;
    };
  }, []);

  // While drag and drop is not there: follow a press until the button is released.
  useEffect(() => {
    if (dnd) return;
    const move = (e: PointerEvent) => {
      if (early.current && !early.current.up && e.isPrimary) early.current.last = pointerInit(e);
    };
    const up = (e: PointerEvent) => {
      // A press released where it began is a click (the row already handled it), not a drag.
      const p = early.current;
      if (p && e.isPrimary) p.up = p.last ? pointerInit(e) : null;
      if (p && !p.up) early.current = null;
    };
    const cancel = () => {
      early.current = null;
    };
    document.addEventListener('pointermove', move, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', cancel, true);
    return () => {
      document.removeEventListener('pointermove', move, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', cancel, true);
    };
  }, [dnd]);

  useLayoutEffect(() => {
    if (!dnd || !box.current) return;
    // Hand a press still held to dnd-kit, which starts a drag once the pointer has moved enough.
    const press = early.current;
    early.current = null;
    const target = press && follow(box.current, press.path);
    if (press && target) void replay(target, press);
  }, [dnd]);

  const onPointerDown = (e: ReactPointerEvent) => {
    if (dnd || !e.isPrimary || e.button !== 0 || !box.current) return;
    const path = pathTo(box.current, e.target as Element);
    if (!path) return;
    early.current = { path, down: pointerInit(e), last: null, up: null };
    void loadDnd(true);
  };

  return (
    <div className="structure" ref={box} onPointerDown={onPointerDown}>
      <Palette />
      <Outline />
      {dnd && <dnd.DndBindings />}
    </div>
  );
}
