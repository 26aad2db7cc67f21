/**
 * The elements drag and drop attaches to, by key (`row:<node id>`, `palette:<kind>`). The
 * outline and the palette draw their rows once, without dnd-kit, and register them here;
 * drag and drop (DragAndDrop.tsx) arrives later and binds itself to the same elements, so
 * nothing is drawn again (a row in the middle of a click or a focus keeps its element).
 */
import { useSyncExternalStore } from 'react';

const elements = new Map<string, HTMLElement>();
const refs = new Map<string, (el: HTMLElement | null) => void>();
const listeners = new Set<() => void>();

/** The ref callback that registers the element drawn for `key` (the same function every render). */
export function targetRef(key: string): (el: HTMLElement | null) => void {
  let ref = refs.get(key);
  if (!ref) {
    ref = (el) => {
      if (el) elements.set(key, el);
      else if (elements.get(key)) elements.delete(key);
      for (const l of [...listeners]) l();
    };
    refs.set(key, ref);
  }
  return ref;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The element drawn for `key`, following it as rows come and go. */
export function useTarget(key: string): HTMLElement | null {
  return useSyncExternalStore(
    subscribe,
    () => elements.get(key) ?? null,
    () => null,
  );
}
