/**
 * "The page is usable": the editor's outline, form and preview (or the gallery) are drawn.
 * What is not needed for that (the checks and DOMPurify, drag and drop, the server panels)
 * waits for it, so it never competes with the first paint for the network or the CPU; it
 * then loads right away, in parallel.
 *
 * Split-off parts are drawn through useLate(), not React.lazy: React holds back a Suspense
 * boundary's content for up to 300 ms after a fallback was shown, which would delay both the
 * form (already downloaded with the entry, thanks to its preload) and the checks.
 */
import { useEffect, useState } from 'react';

let resolve: () => void;
const usable = new Promise<void>((r) => {
  resolve = r;
});
let marked = false;

/** Called once the first screen is drawn (after the browser had a chance to paint it). */
export function markUsable(): void {
  if (marked) return;
  marked = true;
  // After the next paint: a frame, then a task (or a moment later where frames do not run,
  // as in a background tab).
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 100);
}

export function whenUsable(): Promise<void> {
  return usable;
}

/** A split-off module: `current` once loaded; `load()` starts loading it (once). */
export type LateModule<T> = { current: T | null; load(): Promise<T> };

export function lateModule<T>(importer: () => Promise<T>): LateModule<T> {
  let loading: Promise<T> | null = null;
  const m: LateModule<T> = {
    current: null,
    load: () =>
      (loading ??= importer().then((v) => {
        m.current = v;
        return v;
      })),
  };
  return m;
}

/** The module once loaded (at once when it already is), null before; starts loading it. */
export function useLate<T>(m: LateModule<T>): T | null {
  const [value, setValue] = useState<{ v: T } | null>(() => (m.current ? { v: m.current } : null));
  useEffect(() => {
    if (value) return;
    let live = true;
    m.load().then(
      (v) => live && setValue({ v }),
      (e: unknown) => console.error('A part of the editor could not be loaded', e),
    );
    return () => {
      live = false;
    };
  }, [m, value]);
  return value?.v ?? null;
}
