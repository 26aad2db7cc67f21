/**
 * The design library on the server: save (with the version this tab last saw, so a save over
 * another tab's newer version is a 409, not a silent overwrite), save as, rename, duplicate,
 * delete, search, version history with restore, and a diff of two versions.
 * Local autosave (localStorage) stays the safety net; nothing here replaces it.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { designRecordSchema, designVersionResponseSchema, deleteDesignResponseSchema, type Design, type DesignRecord, type DesignSummary } from '@grmd/shared';
import { api, ApiRequestError } from '../api/client.ts';
import { keys, useDesigns, useVersions } from '../api/queries.ts';
import { useDispatch, useEditor, useStore } from '../editor/store.ts';
import { ErrorNote } from '../connection/ConnectionPanel.tsx';
import { lineDiff } from './lineDiff.ts';
import { knownVersion, rememberVersion } from './serverVersions.ts';

const newId = () => `design-${crypto.randomUUID()}`;

export default function LibraryPanel() {
  const qc = useQueryClient();
  const design = useEditor((s) => s.design);
  const dispatch = useDispatch();
  const [status, setStatus] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: number } | null>(null);
  const [saveAsName, setSaveAsName] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [history, setHistory] = useState<string | null>(null);
  const list = useDesigns(q.trim());
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.designsAll });

  const saved = (rec: DesignRecord, verb: string) => {
    rememberVersion(rec.id, rec.version);
    setConflict(null);
    setStatus(`${verb} “${rec.name}” as version ${rec.version}.`);
    dispatch({ type: 'markSaved' });
    refresh();
  };

  const save = useMutation({
    mutationFn: async (opts: { force?: number } = {}) => {
      const expected = opts.force ?? knownVersion(design.id);
      if (expected === null) return api('/designs', designRecordSchema, { body: { design } });
      return api(`/designs/${encodeURIComponent(design.id)}`, designRecordSchema, { method: 'PUT', body: { design, expectedVersion: expected } });
    },
    onSuccess: (rec) => saved(rec, 'Saved'),
    onError: async (e) => {
      if (e instanceof ApiRequestError && e.code === 'version_conflict' && typeof e.details.currentVersion === 'number') {
        setConflict({ current: e.details.currentVersion });
      } else if (e instanceof ApiRequestError && e.code === 'exists') {
        // This tab never loaded the saved design (e.g. it came from the autosave of another tab).
        const rec = await api(`/designs/${encodeURIComponent(design.id)}`, designRecordSchema).catch(() => null);
        if (rec) setConflict({ current: rec.version });
      }
    },
  });

  const saveAs = useMutation({
    mutationFn: (name: string) => {
      const copy: Design = { ...design, id: newId(), name };
      return api('/designs', designRecordSchema, { body: { design: copy } }).then((rec) => ({ rec, copy }));
    },
    onSuccess: ({ rec, copy }) => {
      dispatch({ type: 'replaceDesign', design: copy, label: `Saved as “${copy.name}”.` });
      setSaveAsName(null);
      saved(rec, 'Saved a copy');
    },
  });

  const loadTheirs = useMutation({
    mutationFn: () => api(`/designs/${encodeURIComponent(design.id)}`, designRecordSchema),
    onSuccess: (rec) => open(rec),
  });
  const open = (rec: DesignRecord) => {
    rememberVersion(rec.id, rec.version);
    dispatch({ type: 'replaceDesign', design: rec.design, label: `Opened “${rec.name}” (version ${rec.version}).` });
    dispatch({ type: 'markSaved' });
    setConflict(null);
    setStatus(`Opened “${rec.name}” (version ${rec.version}).`);
  };

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
          <button type="button" className="primary" onClick={() => save.mutate({})} disabled={save.isPending}>
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
              if (saveAsName.trim()) saveAs.mutate(saveAsName.trim());
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
              <button type="button" onClick={() => save.mutate({ force: conflict.current })}>
                Overwrite with mine
              </button>
              <button type="button" onClick={() => loadTheirs.mutate()} disabled={loadTheirs.isPending}>
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
              <DesignRow key={d.id} id={d.id} name={d.name} version={d.version} updatedAt={d.updatedAt} current={d.id === design.id} onOpen={open} onHistory={() => setHistory(d.id)} onChanged={refresh} />
            ))}
          </ul>
        )}
      </section>
      {history && <History id={history} onClose={() => setHistory(null)} onRestored={(rec) => { open(rec); refresh(); }} />}
    </div>
  );
}

function DesignRow(p: { id: string; name: string; version: number; updatedAt: string; current: boolean; onOpen: (r: DesignRecord) => void; onHistory: () => void; onChanged: () => void }) {
  const qc = useQueryClient();
  const store = useStore();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const get = () => api(`/designs/${encodeURIComponent(p.id)}`, designRecordSchema);
  const act = useMutation({
    mutationFn: async (a: 'open' | 'duplicate' | 'delete' | { rename: string }) => {
      const rec = await get();
      if (a === 'open') return p.onOpen(rec);
      if (a === 'duplicate') {
        await api('/designs', designRecordSchema, { body: { design: { ...rec.design, id: newId(), name: `${rec.name} (copy)` } } });
      } else if (a === 'delete') {
        await api(`/designs/${encodeURIComponent(p.id)}?expectedVersion=${rec.version}`, deleteDesignResponseSchema, { method: 'DELETE' });
        rememberVersion(p.id, null);
      } else {
        const updated = await api(`/designs/${encodeURIComponent(p.id)}`, designRecordSchema, {
          method: 'PUT',
          body: { design: { ...rec.design, name: a.rename }, expectedVersion: rec.version },
        });
        if (p.current) {
          rememberVersion(p.id, updated.version);
          // The open design takes the new name too, or its next save would send the old one back.
          const st = store.getState();
          const wasClean = st.revision === st.savedRevision;
          store.dispatch({ type: 'setName', name: updated.name });
          if (wasClean) store.dispatch({ type: 'markSaved' });
        }
      }
      p.onChanged();
    },
    // Rename and delete show at once in the list; a failure puts the list back.
    onMutate: async (a) => {
      if (a === 'open' || a === 'duplicate') return { prev: [] as [readonly unknown[], unknown][] };
      await qc.cancelQueries({ queryKey: keys.designsAll });
      const prev = qc.getQueriesData({ queryKey: keys.designsAll });
      qc.setQueriesData<{ items: DesignSummary[] }>({ queryKey: keys.designsAll }, (old) => {
        if (!old || !Array.isArray(old.items) || !old.items.every((d) => typeof d.id === 'string')) return old;
        return { items: a === 'delete' ? old.items.filter((d) => d.id !== p.id) : old.items.map((d) => (d.id === p.id ? { ...d, name: a.rename } : d)) };
      });
      return { prev };
    },
    onError: (_e, _a, ctx) => {
      for (const [k, v] of ctx?.prev ?? []) qc.setQueryData(k, v);
    },
  });
  return (
    <li className="wb-design">
      <span>
        <strong>{p.name}</strong> · v{p.version} · {new Date(p.updatedAt).toLocaleString()} {p.current && <em>(open)</em>}
      </span>
      {renaming !== null ? (
        <form
          className="wb-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (renaming.trim()) act.mutate({ rename: renaming.trim() }, { onSuccess: () => setRenaming(null) });
          }}
        >
          <label>
            New name for {p.name} <input value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus />
          </label>
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setRenaming(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="wb-row" role="group" aria-label={`Actions for ${p.name}`}>
          <button type="button" onClick={() => act.mutate('open')}>
            Open
          </button>
          <button type="button" onClick={() => setRenaming(p.name)}>
            Rename
          </button>
          <button type="button" onClick={() => act.mutate('duplicate')}>
            Duplicate
          </button>
          <button type="button" onClick={p.onHistory}>
            History
          </button>
          {confirmDelete ? (
            <>
              <button type="button" className="danger" onClick={() => act.mutate('delete')}>
                Confirm delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </span>
      )}
      {act.error && <ErrorNote error={act.error} />}
    </li>
  );
}

function History({ id, onClose, onRestored }: { id: string; onClose: () => void; onRestored: (r: DesignRecord) => void }) {
  const versions = useVersions(id);
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [diff, setDiff] = useState<ReturnType<typeof lineDiff> | null>(null);
  const getV = (v: number) => api(`/designs/${encodeURIComponent(id)}/versions/${v}`, designVersionResponseSchema);
  const restore = useMutation({
    mutationFn: async (v: number) => {
      const [old, cur] = await Promise.all([getV(v), api(`/designs/${encodeURIComponent(id)}`, designRecordSchema)]);
      return api(`/designs/${encodeURIComponent(id)}`, designRecordSchema, { method: 'PUT', body: { design: old.design, expectedVersion: cur.version } });
    },
    onSuccess: (rec) => {
      onRestored(rec);
      void versions.refetch();
    },
  });
  const compare = useMutation({
    mutationFn: async ([x, y]: [number, number]) => {
      const [vx, vy] = await Promise.all([getV(x), getV(y)]);
      return lineDiff(JSON.stringify(vx.design, null, 2), JSON.stringify(vy.design, null, 2));
    },
    onSuccess: setDiff,
  });
  const changed = useMemo(() => diff?.filter((l) => l.op !== 'same').length ?? 0, [diff]);
  return (
    <section aria-labelledby="hist-title" className="wb-col wb-history">
      <h3 id="hist-title">Version history</h3>
      <button type="button" onClick={onClose}>
        Close history
      </button>
      {versions.error && <ErrorNote error={versions.error} />}
      {versions.data && (
        <table>
          <caption className="sr-only">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col">Compare A</th>
              <th scope="col">Compare B</th>
              <th scope="col">Restore</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.items.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{v.name}</td>
                <td>{new Date(v.savedAt).toLocaleString()}</td>
                <td>
                  <input type="radio" name="cmp-a" aria-label={`Compare A: version ${v.version}`} checked={a === v.version} onChange={() => setA(v.version)} />
                </td>
                <td>
                  <input type="radio" name="cmp-b" aria-label={`Compare B: version ${v.version}`} checked={b === v.version} onChange={() => setB(v.version)} />
                </td>
                <td>
                  <button type="button" onClick={() => restore.mutate(v.version)} disabled={restore.isPending}>
                    Restore v{v.version}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={a === null || b === null || a === b} onClick={() => compare.mutate([a!, b!])}>
        Compare versions
      </button>
      {restore.error && <ErrorNote error={restore.error} />}
      {compare.error && <ErrorNote error={compare.error} />}
      {diff && (
        <>
          <p role="status">
            v{a} → v{b}: {changed} changed line{changed === 1 ? '' : 's'}
          </p>
          <pre className="code wb-diff" tabIndex={0} aria-label="Version diff">
            {diff.map((l, k) => (
              <span key={k} className={`diff-${l.op}`}>
                {l.op === 'add' ? '+ ' : l.op === 'del' ? '- ' : '  '}
                {l.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      )}
    </section>
  );
}
