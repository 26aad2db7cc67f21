/**
 * "The page is usable": the editor's outline, form and preview (or the gallery) are drawn.
 * What is not needed for that (the checks and DOMPurify, drag and drop, the server panels)
 * waits for it, so it never competes with the first paint for the network or the CPU; it
 * then loads right away, in parallel.
 */
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
