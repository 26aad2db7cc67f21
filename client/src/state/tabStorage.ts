/**
 * Values kept per browser tab (sessionStorage): a reload of the tab keeps them, another tab
 * never sees them. With storage off (privacy modes) they last until the reload.
 */
import { useCallback, useState } from 'react';

export function readTab(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`; null removes the key. */
export function writeTab(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage off: the value lasts until the reload
  }
}

/** A state that starts from, and is written through to, the tab's storage. */
export function useTabState(key: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => readTab(key));
  const set = useCallback(
    (v: string | null) => {
      setValue(v);
      writeTab(key, v);
    },
    [key],
  );
  return [value, set];
}
