/**
 * Import (paste or open a file, any import format) and export (copy, download, share link).
 * An import is an undoable step; a failed import shows every issue and changes nothing.
 */
import { useId, useRef, useState } from 'react';
import { EXPORT_FORMAT_LABELS, exportFileName, importText, type Issue } from '@grmd/shared';
import { useStore } from '../../state/store.ts';
import { useUi } from '../../state/ui.ts';
import { shareUrl } from '../../state/persistence.ts';
import { exportOf } from '../../state/verdict.ts';
import { ExportFormatSelect } from '../../components/ExportFormatSelect.tsx';

export function ImportExport({ id, onClose }: { id: string; onClose: () => void }) {
  const store = useStore();
  const { format, setFormat } = useUi();
  const [pasted, setPasted] = useState('');
  const [issues, setIssues] = useState<{ of: 'Import' | 'Export'; list: Issue[] }>({ of: 'Import', list: [] });
  const [status, setStatus] = useState('');
  const [link, setLink] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const uid = useId();

  const doImport = (text: string, source: string) => {
    const result = importText(text);
    if (!result.design) {
      setIssues({ of: 'Import', list: result.issues });
      setStatus(`Could not import ${source}: nothing was changed.`);
      return;
    }
    setIssues({ of: 'Import', list: result.issues });
    store.dispatch({ type: 'replaceDesign', design: result.design, label: `Imported ${source}.` });
    setStatus(`Imported ${source} as ${result.format}${result.issues.length ? ` with ${result.issues.length} note(s)` : ''}.`);
  };

  /** The export's text, or null (with the reason shown) when the format would carry nothing. */
  const text = () => {
    const ex = exportOf(store.getState().design, format);
    if (!ex.refused) return ex.text;
    setIssues({ of: 'Export', list: [ex.refused] });
    setStatus(`Nothing was exported as a ${EXPORT_FORMAT_LABELS[format]}.`);
    return null;
  };
  const fileName = () => exportFileName(store.getState().design.name, format);

  const copy = async () => {
    const out = text();
    if (out === null) return;
    try {
      await navigator.clipboard.writeText(out);
      store.dispatch({ type: 'markSaved' });
      setIssues({ of: 'Export', list: [] });
      setStatus(`Copied the ${EXPORT_FORMAT_LABELS[format]} to the clipboard.`);
    } catch {
      setStatus('The browser refused clipboard access; use Download instead.');
    }
  };

  const download = () => {
    const out = text();
    if (out === null) return;
    const blob = new Blob([out], { type: format === 'text' ? 'text/plain' : 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName();
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    store.dispatch({ type: 'markSaved' });
    setIssues({ of: 'Export', list: [] });
    setStatus(`Downloaded ${a.download}.`);
  };

  const share = async () => {
    const url = shareUrl(store.getState().design);
    setLink(url);
    store.dispatch({ type: 'markSaved' });
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Share link copied to the clipboard.');
    } catch {
      setStatus('Share link ready below.');
    }
  };

  return (
    <section id={id} className="panel io" aria-labelledby={`${uid}-title`}>
      <div className="io-head">
        <h2 id={`${uid}-title`}>Import and export</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="io-grid">
        <div>
          <h3>Export</h3>
          <label>
            Export format{' '}
            <ExportFormatSelect value={format} onChange={setFormat} />
          </label>
          <div className="button-row">
            <button type="button" onClick={copy}>
              Copy to clipboard
            </button>
            <button type="button" onClick={download}>
              Download
            </button>
            <button type="button" onClick={share}>
              Share link
            </button>
          </div>
          {link && (
            <label className="share-link">
              Share link <input readOnly value={link} onFocus={(e) => e.target.select()} />
            </label>
          )}
        </div>
        <div>
          <h3>Import</h3>
          <label htmlFor={`${uid}-paste`}>Paste JSON (Genesys message, Bot Connector reply or design file)</label>
          <textarea id={`${uid}-paste`} rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} />
          <div className="button-row">
            <button type="button" onClick={() => doImport(pasted, 'the pasted JSON')} disabled={pasted.trim() === ''}>
              Import pasted JSON
            </button>
            <button type="button" onClick={() => fileRef.current?.click()}>
              Open file…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              className="sr-only"
              aria-label="Open a JSON file"
              tabIndex={-1}
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                doImport(await file.text(), file.name);
                e.target.value = '';
              }}
            />
          </div>
        </div>
      </div>
      <p role="status" className="io-status">
        {status}
      </p>
      {issues.list.length > 0 && (
        <ul className="io-issues" aria-label={`${issues.of} issues`}>
          {issues.list.map((i, k) => (
            <li key={k} className={`sev-${i.severity}`}>
              <span className="sev">{i.severity}</span> {i.message} {i.path && <code>{i.path}</code>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
