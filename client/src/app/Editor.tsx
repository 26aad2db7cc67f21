import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ChannelId, Issue } from '@grmd/shared';
import { useDispatch, useEditor, useStore } from '../state/store.ts';
import { UiContext, type ExportFormat, type UiState } from '../state/ui.ts';
import { Structure } from '../features/editor/outline/Structure.tsx';
import { VariablesPanel } from '../features/editor/VariablesPanel.tsx';
import { Preview } from '../features/preview/Preview.tsx';
import { SignOutButton } from './SignIn.tsx';
import { lateModule, markUsable, useLate, whenUsable } from '../state/usable.ts';

// Split off what the first paint does not need. The form (react-hook-form) is needed to
// edit: vite.config.ts preloads its chunk from index.html (by this file name), and it starts
// downloading as soon as this module runs. The checks (validate, compile, DOMPurify) and the
// panels that talk to the server (test send, library, audit, connection, with the React
// Query client they need) load once the editor is usable (state/usable.ts); CodeMirror and
// import/export only on demand.
const properties = lateModule(() => import('../features/editor/properties/PropertiesPanel.tsx'));
void properties.load();
const checks = lateModule(() => whenUsable().then(() => import('../features/editor/checks/Checks.tsx')));
const workbench = lateModule(() => whenUsable().then(() => import('./Workbench.tsx')));
const JsonView = lazy(() => import('../features/json/JsonView.tsx'));
const ImportExport = lazy(() => import('../features/importExport/ImportExport.tsx').then((m) => ({ default: m.ImportExport })));

export function Editor({ notice, onNew }: { notice: string | null; onNew: () => void }) {
  const [channel, setChannel] = useState<ChannelId>('webmessaging');
  const [format, setFormat] = useState<ExportFormat>('message');
  const [jsonIssues, setJsonIssues] = useState<Issue[]>([]);
  const [jsonOpen, setJsonOpen] = useState(false);
  // The JSON view below the workspace, or in the preview's column, beside the preview.
  const [jsonBeside, setJsonBeside] = useState(false);
  const [ioOpen, setIoOpen] = useState(false);
  const ui = useMemo<UiState>(
    () => ({ channel, setChannel, format, setFormat, jsonIssues, setJsonIssues }),
    [channel, format, jsonIssues],
  );
  useUndoShortcuts();
  const PropertiesPanel = useLate(properties)?.PropertiesPanel;
  const Checks = useLate(checks)?.default;
  const Workbench = useLate(workbench)?.default;
  // The form marks the editor usable when it first draws; this is the net should it not.
  useEffect(() => {
    const t = setTimeout(markUsable, 1000);
    return () => clearTimeout(t);
  }, []);

  return (
    <UiContext.Provider value={ui}>
      <div className="app">
        <header className="topbar">
          <h1 className="brand">Rich Message Designer</h1>
          <DesignName />
          <nav className="toolbar" aria-label="Design actions">
            <button type="button" onClick={onNew}>
              New…
            </button>
            <UndoRedo />
            <button type="button" aria-expanded={ioOpen} aria-controls="io-panel" onClick={() => setIoOpen((v) => !v)}>
              Import / export
            </button>
            <button type="button" aria-pressed={jsonOpen} onClick={() => setJsonOpen((v) => !v)}>
              JSON view
            </button>
            {jsonOpen && (
              <button type="button" aria-pressed={jsonBeside} onClick={() => setJsonBeside((v) => !v)}>
                JSON beside preview
              </button>
            )}
            <SignOutButton />
          </nav>
        </header>
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <Announcer />
        {/* The placeholder holds the panels' height so the editor does not move when they load. */}
        {Workbench ? <Workbench /> : <div aria-hidden="true" style={{ minHeight: '5.75rem', margin: '0 1rem' }} />}
        {ioOpen && (
          <Suspense fallback={<p role="status">Loading import and export…</p>}>
            <ImportExport id="io-panel" onClose={() => setIoOpen(false)} />
          </Suspense>
        )}
        <div className={jsonOpen && jsonBeside ? 'workspace json-beside' : 'workspace'}>
          <aside className="col col-tree" aria-label="Structure">
            <Structure />
          </aside>
          <main className="col col-props" aria-label="Properties">
            {PropertiesPanel ? <PropertiesPanel /> : <p role="status">Loading properties…</p>}
            <VariablesPanel />
          </main>
          {jsonOpen && jsonBeside && (
            <div className="col col-json">
              <Suspense fallback={<p role="status">Loading the JSON editor…</p>}>
                <JsonView />
              </Suspense>
            </div>
          )}
          <section className="col col-preview" aria-label="Preview and checks">
            <Preview />
            {Checks ? <Checks /> : <p role="status">Loading checks…</p>}
          </section>
        </div>
        {jsonOpen && !jsonBeside && (
          <Suspense fallback={<p role="status">Loading the JSON editor…</p>}>
            <JsonView />
          </Suspense>
        )}
      </div>
    </UiContext.Provider>
  );
}

function DesignName() {
  const name = useEditor((s) => s.design.name);
  const dispatch = useDispatch();
  return (
    <label className="design-name">
      <span className="sr-only">Design name</span>
      <input value={name} onChange={(e) => dispatch({ type: 'setName', name: e.target.value })} />
    </label>
  );
}

function UndoRedo() {
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const dispatch = useDispatch();
  return (
    <>
      <button type="button" disabled={!canUndo} onClick={() => dispatch({ type: 'undo' })} aria-keyshortcuts="Control+Z Meta+Z">
        Undo
      </button>
      <button type="button" disabled={!canRedo} onClick={() => dispatch({ type: 'redo' })} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
        Redo
      </button>
    </>
  );
}

/** Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (also Ctrl+Y) anywhere; JSON edits are design steps too, so one history serves all. */
function useUndoShortcuts() {
  const store = useStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      e.preventDefault();
      store.dispatch({ type: key === 'y' || e.shiftKey ? 'redo' : 'undo' });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);
}

function Announcer() {
  const announcement = useEditor((s) => s.announcement);
  // Refusals are drawn next to the outline row they are about (outline/RefusalNote.tsx).
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
      {announcement}
    </div>
  );
}
