/**
 * A tiny external store around the one reducer. Components subscribe with selectors
 * (useSyncExternalStore), so a keystroke re-renders only what reads the changed data.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { editorReducer, type Command, type EditorState } from './reducer.ts';

export type EditorStore = {
  getState(): EditorState;
  dispatch(cmd: Command): void;
  subscribe(listener: () => void): () => void;
};

export function createEditorStore(initial: EditorState): EditorStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(cmd) {
      const next = editorReducer(state, cmd);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const StoreContext = createContext<EditorStore | null>(null);

export function useStore(): EditorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

/** Subscribe to one slice; the selector must return a stable value (no new objects). */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useDispatch(): (cmd: Command) => void {
  return useStore().dispatch;
}
