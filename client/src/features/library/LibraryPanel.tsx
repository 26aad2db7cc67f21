/**
 * The design library on the server: save (with the version this tab last saw, so a save over
 * another tab's newer version is a 409, not a silent overwrite), save as, rename, duplicate,
 * delete, search, version history with restore, and a diff of two versions.
 * Local autosave (localStorage) stays the safety net; nothing here replaces it.
 */
import { useState } from 'react';
import type { DesignRecord } from '@grmd/shared';
import { ApiRequestError } from '../../api/client.ts';
import { useCreateDesign, useFetchDesign, useSaveDesign } from '../../api/mutations.ts';
import { useDesigns } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useDispatch, useEditor, useStore } from '../../state/store.ts';
import { saveDraft } from '../../state/persistence.ts';
import { DesignRow, newDesignId } from './DesignRow.tsx';
import { History } from './History.tsx';
import { knownVersion, rememberVersion } from '../../state/libraryVersion.ts';

export default function LibraryPanel() {
  const design = useEditor((s) => s.design);
  const store = useStore();
  const dispatch = useDispatch();
  const [status, setStatus] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: number } | null>(null);
  const [saveAsName, setSaveAsName] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [history, setHistory] = useState<string | null>(null);
  const list = useDesigns(q.trim());

  const saved = (rec: DesignRecord, verb: string) => {
    rememberVersion(rec.id, rec.version);
    // The draft now carries this version too (nothing else rewrites it when the design did not change).
    saveDraft(store.getState().design);
    setConflict(null);
    setStatus(`${verb} “${rec.name}” as version ${rec.version}.`);
    dispatch({ type: 'markSaved' });
  };

  const save = useSaveDesign({
    onSuccess: (rec) => saved(rec, 'Saved'),
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'version_conflict' && typeof e.details.currentVersion === 'number') {
        setConflict({ current: e.details.currentVersion });
      }
    },
  });
  const saveMine = (force?: number) => save.mutate({ design, expectedVersion: force ?? knownVersion(design.id) });

  const saveAs = useCreateDesign({
    onSuccess: (rec, copy) => {
      dispatch({ type: 'replaceDesign', design: copy, label: `Saved as “${copy.name}”.` });
      setSaveAsName(null);
      saved(rec, 'Saved a copy');
    },
  });

  const open = (rec: DesignRecord) => {
    rememberVersion(rec.id, rec.version);
    dispatch({ type: 'replaceDesign', design: rec.design, label: `Opened “${rec.name}” (version ${rec.version}).` });
    dispatch({ type: 'markSaved' });
    setConflict(null);
    setStatus(`Opened “${rec.name}” (version ${rec.version}).`);
  };
  const loadTheirs = useFetchDesign({ onSuccess: open });

  const conflictOrError = save.error && !conflict ? save.error : null;
  const onServer = knownVersion(design.id);

  return (
    <div className="wb-library">
      <section aria-labelledby="save-title" className="wb-col">
        <h3 id="save-title">This design</h3>
        <p className="muted">
          “{design.name}” {onServer ? `· server version ${onServer}` : '· not saved on the server yet'} · always autosaved in this browser
        </p>
        <div className="wb-row">
          <button type="button" className="primary" onClick={() => saveMine()} disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save to library'}
          </button>
          <button type="button" onClick={() => setSaveAsName(`${design.name} (copy)`)}>
            Save as…
          </button>
        </div>
        {saveAsName !== null && (
          <form
            className="wb-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (saveAsName.trim()) saveAs.mutate({ ...design, id: newDesignId(), name: saveAsName.trim() });
            }}
          >
            <label>
              New name <input value={saveAsName} onChange={(e) => setSaveAsName(e.target.value)} autoFocus />
            </label>
            <button type="submit" disabled={saveAs.isPending}>
              Save copy
            </button>
            <button type="button" onClick={() => setSaveAsName(null)}>
              Cancel
            </button>
          </form>
        )}
        {status && !conflict && (
          <p role="status" data-testid="library-status">
            {status}
          </p>
        )}
        {conflict && (
          <div className="wb-error" role="alert">
            <p>
              <strong>Conflict:</strong> this design was saved elsewhere (another tab or person) as version {conflict.current}
              {onServer ? ` since you loaded version ${onServer}` : ', and this tab never loaded it'}. Your edits are still here and autosaved.
            </p>
            <div className="wb-row">
              <button type="button" onClick={() => setSaveAsName(`${design.name} (mine)`)}>
                Save mine as a copy
              </button>
              <button type="button" onClick={() => saveMine(conflict.current)}>
                Overwrite with mine
              </button>
              <button type="button" onClick={() => loadTheirs.mutate(design.id)} disabled={loadTheirs.isPending}>
                Load theirs (undo brings mine back)
              </button>
            </div>
          </div>
        )}
        {conflictOrError && <ErrorNote error={conflictOrError} />}
        {saveAs.error && <ErrorNote error={saveAs.error} />}
        {loadTheirs.error && <ErrorNote error={loadTheirs.error} />}
      </section>
      <section aria-labelledby="lib-title" className="wb-col">
        <h3 id="lib-title">Saved designs</h3>
        <label>
          Search designs <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {list.error && <ErrorNote error={list.error} />}
        {list.data && list.data.items.length === 0 && <p className="muted">No saved designs{q ? ` match “${q}”` : ''}.</p>}
        {list.data && list.data.items.length > 0 && (
          <ul className="wb-list" aria-label="Saved designs">
            {list.data.items.map((d) => (
              <DesignRow key={d.id} id={d.id} name={d.name} version={d.version} updatedAt={d.updatedAt} current={d.id === design.id} onOpen={open} onHistory={() => setHistory(d.id)} />
            ))}
          </ul>
        )}
      </section>
      {history && <History id={history} onClose={() => setHistory(null)} onRestored={open} />}
    </div>
  );
}
