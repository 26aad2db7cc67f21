/**
 * The markup stripping of shown texts (DOMPurify with the shared sanitize policy), loaded
 * when first needed: only a text that may hold markup (the shared MARKUP_POSSIBLE test)
 * needs it, which plain text never does, so the first screen does not wait for it. The
 * checks (state/verdict.ts) load DOMPurify too.
 */
import { useSyncExternalStore } from 'react';

export type Strip = (text: string) => string;

let strip: Strip | null = null;
let loading: Promise<Strip> | null = null;
const listeners = new Set<() => void>();

export function loadStrip(): Promise<Strip> {
  loading ??= import('./strip.ts').then((m) => {
    strip = m.stripShown;
    for (const l of [...listeners]) l();
    return m.stripShown;
  });
  return loading;
}

/** The stripping once it has loaded, null before. */
export function currentStrip(): Strip | null {
  return strip;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The stripping or null, re-rendering the caller when it arrives. */
export function useStrip(): Strip | null {
  return useSyncExternalStore(subscribe, currentStrip, currentStrip);
}
