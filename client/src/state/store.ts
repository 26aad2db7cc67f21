/**
 * A tiny external store around the one reducer. Components subscribe with selectors
 * (useSyncExternalStore), so a keystroke re-renders only what reads the changed data.
 */
import { createContext, startTransition, useContext, useEffect, useState, useSyncExternalStore } from 'react';
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

/**
 * Subscribe to one slice without holding up a keystroke: the value follows the store in a
 * transition, after the urgent render (preview, form) has been committed, so whatever reads
 * it (the checks, the variables' use) never renders on the typing path. `selector` must be
 * a stable function (defined at module level) returning a stable value.
 */
export function useDeferredEditor<T>(selector: (s: EditorState) => T): T {
  const store = useStore();
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    const update = () => startTransition(() => setValue(selector(store.getState())));
    update();
    return store.subscribe(update);
  }, [store, selector]);
  return value;
}
