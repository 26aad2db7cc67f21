/**
 * The "Load remote images" setting, shared by the preview and the guest view and kept
 * across reloads. Off, a message's images stay placeholders and no request leaves the
 * browser for them (a designer may not want a template's image host to see them working).
 */
import { useSyncExternalStore } from 'react';

const KEY = 'grmd.remoteImages';
const listeners = new Set<() => void>();

function readStorage(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

// Read once and kept: every drawn image asks on every render, and storage is slow to read.
let current: boolean | null = null;
function read(): boolean {
  return (current ??= readStorage());
}

export function setRemoteImages(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused (private mode): the setting lasts for this page only.
  }
  current = on;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    current = null;
    l();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

export function useRemoteImages(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}
