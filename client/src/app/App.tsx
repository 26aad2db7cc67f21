import { useEffect, useState } from 'react';
import type { Design } from '@grmd/shared';
import { designFromHash, loadDraft, saveDraft, SHARE_PREFIX } from '../state/persistence.ts';
import { initialState, isDirty } from '../state/reducer.ts';
import { createEditorStore, StoreContext, type EditorStore } from '../state/store.ts';
import { Editor } from './Editor.tsx';
import { Gallery } from './Gallery.tsx';

type Boot = { design: Design | null; notice: string | null; shared: boolean };

function boot(): Boot {
  const fromHash = designFromHash(window.location.hash);
  if (fromHash && 'design' in fromHash) return { design: fromHash.design, notice: `Opened the shared design “${fromHash.design.name}”.`, shared: true };
  const draft = loadDraft();
  return { design: draft, notice: fromHash && 'error' in fromHash ? fromHash.error : null, shared: false };
}

export function App() {
  const [{ design: bootDesign, notice, shared }] = useState(boot);
  const [store, setStore] = useState(() => (bootDesign ? createEditorStore(initialState(bootDesign, bootDesign.root.id)) : null));
  const [gallery, setGallery] = useState(bootDesign === null);

  // A share link is read once: it becomes the draft and leaves the address bar, so a reload
  // after editing reopens the edits, not the link's original design.
  useEffect(() => {
    if (shared && bootDesign) saveDraft(bootDesign);
    if (window.location.hash.startsWith(SHARE_PREFIX)) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, [shared, bootDesign]);

  const pick = (design: Design) => {
    if (store) {
      // From the editor, a new start is an undoable step: nothing is lost.
      store.dispatch({ type: 'replaceDesign', design, label: `Started “${design.name}”.` });
    } else {
      setStore(createEditorStore(initialState(design, design.root.id)));
      saveDraft(design);
    }
    setGallery(false);
  };

  useAutosave(store);

  if (gallery || !store) return <Gallery onPick={pick} notice={notice} onCancel={store ? () => setGallery(false) : undefined} />;
  return (
    <StoreContext.Provider value={store}>
      <Editor notice={notice} onNew={() => setGallery(true)} />
    </StoreContext.Provider>
  );
}

/** Saves the design to localStorage shortly after each change and warns before leaving with unsaved work. */
function useAutosave(store: EditorStore | null) {
  useEffect(() => {
    if (!store) return;
    let saved = store.getState().design;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle: number | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (idle !== undefined) cancelIdleCallback(idle);
      idle = undefined;
      const d = store.getState().design;
      if (d !== saved) {
        saveDraft(d);
        saved = d;
      }
    };
    // Written when the browser is idle (storage is synchronous), not between two keystrokes.
    const later = () => {
      if (typeof requestIdleCallback !== 'function') return flush();
      timer = undefined;
      idle = requestIdleCallback(flush, { timeout: 1000 });
    };
    const unsub = store.subscribe(() => {
      if (store.getState().design === saved || timer || idle !== undefined) return;
      timer = setTimeout(later, 250);
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      flush();
      if (isDirty(store.getState())) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', flush);
    return () => {
      flush();
      unsub();
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', flush);
    };
  }, [store]);
}

