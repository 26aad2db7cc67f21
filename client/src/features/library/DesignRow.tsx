/** One saved design in the library list, with its actions (open, rename, duplicate, history, delete). */
import { useState } from 'react';
import type { DesignRecord } from '@grmd/shared';
import { useDesignAction } from '../../api/mutations.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useStore } from '../../state/store.ts';
import { rememberVersion } from '../../state/libraryVersion.ts';

export const newDesignId = () => `design-${crypto.randomUUID()}`;

type Props = { id: string; name: string; version: number; updatedAt: string; current: boolean; onOpen: (r: DesignRecord) => void; onHistory: () => void };

export function DesignRow(p: Props) {
  const store = useStore();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const act = useDesignAction(p.id, {
    onSuccess: ({ action, record }) => {
      if (action === 'open') p.onOpen(record);
      else if (action === 'delete') rememberVersion(p.id, null);
      else if ('rename' in action && p.current) {
        rememberVersion(p.id, record.version);
        // The open design takes the new name too, or its next save would send the old one back.
        const st = store.getState();
        const wasClean = st.revision === st.savedRevision;
        store.dispatch({ type: 'setName', name: record.name });
        if (wasClean) store.dispatch({ type: 'markSaved' });
      }
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
          <button type="button" onClick={() => act.mutate({ duplicateAs: newDesignId() })}>
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

