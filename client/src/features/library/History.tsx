/** A saved design's version history: restore any version, or compare two line by line. */
import { useMemo, useState } from 'react';
import type { DesignRecord } from '@grmd/shared';
import { useFetchVersions, useRestoreVersion } from '../../api/mutations.ts';
import { useVersions } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { lineDiff } from './lineDiff.ts';

export function History({ id, onClose, onRestored }: { id: string; onClose: () => void; onRestored: (r: DesignRecord) => void }) {
  const versions = useVersions(id);
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [diff, setDiff] = useState<ReturnType<typeof lineDiff> | null>(null);
  const restore = useRestoreVersion(id, { onSuccess: onRestored });
  const compare = useFetchVersions(id, {
    onSuccess: ([x, y]) => setDiff(lineDiff(JSON.stringify(x, null, 2), JSON.stringify(y, null, 2))),
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
