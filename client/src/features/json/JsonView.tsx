/**
 * The JSON view (lazy-loaded: CodeMirror is not in the initial bundle). It shows the export
 * in the chosen format; editing it re-imports the text and, when it imports without an
 * error (nothing left out), replaces the tree (the last good tree stays otherwise). The selected node's JSON is highlighted.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, Compartment } from '@codemirror/state';
import { Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, lineNumbers, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { bracketMatching, defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import {
  compileWithSourceMap,
  exportDesign,
  importText,
  jsonErrorOffset,
  locateJson,
  NOTHING_TO_SEND,
  type Design,
  type ExportFormat,
  type Issue,
} from '@grmd/shared';
import type { EditorState as DesignerState } from '../../state/reducer.ts';
import { useDeferredEditor, useEditor, useStore } from '../../state/store.ts';
import { useUi } from '../../state/ui.ts';
import { ExportFormatSelect } from '../../components/ExportFormatSelect.tsx';
import { carryIds } from './carryIds.ts';

const selectDesign = (s: DesignerState) => s.design;

const setHighlight = StateEffect.define<{ from: number; to: number } | null>();
const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHighlight)) {
        deco = e.value && e.value.to > e.value.from ? Decoration.set([Decoration.mark({ class: 'cm-selected-node' }).range(e.value.from, e.value.to)]) : Decoration.none;
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--border)', borderRadius: '6px', background: 'var(--surface)' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-selected-node': { backgroundColor: 'rgba(255, 200, 0, 0.28)', outline: '1px solid #b58900' },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-gutters': { background: 'var(--surface-2)', color: 'var(--text)', borderRight: '1px solid var(--border)' },
});

/** The text fallback cannot be imported back, so it is shown read-only (and labelled so). */
function readOnlyExtensions(readOnly: boolean) {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ 'aria-label': readOnly ? 'Export text (read only)' : 'Export JSON (editable)' }),
  ];
}

/** Where the designed message sits in each export format. */
function pathFor(design: Design, format: ExportFormat, nodeId: string, paths: Record<string, string>): string | null {
  if (format === 'text') return null;
  if (format === 'design') {
    const seg: string[] = [];
    const find = (n: Design['root'], p: string): boolean => {
      if (n.id === nodeId) {
        seg.push(p);
        return true;
      }
      return n.children.some((c, i) => find(c, `${p}.children[${i}]`));
    };
    return find(design.root, 'root') ? seg[0]! : null;
  }
  const p = paths[nodeId];
  if (p === undefined) return null;
  if (format === 'message') return p;
  const key = format === 'botconnector-v1' ? 'replymessages' : 'replyMessages';
  const at = design.botReply?.before?.length ?? 0;
  return `${key}[${at}]${p ? `.${p}` : ''}`;
}

/** `content[0].contentType` → `content[0]`: where an issue sits when its own key cannot be found. */
function parentPath(path: string): string {
  return path.replace(/(?:\.[^.[\]]+|\[\d+\])$/, '');
}

/** Keep what the format does not carry (name, variables, envelope or bot reply) from the current design. */
function adopt(current: Design, imported: Design, format: ExportFormat): Design {
  const root = carryIds(current.root, imported.root);
  if (format === 'design') return { ...imported, root };
  if (format === 'message') return { ...current, root, envelope: imported.envelope };
  return { ...current, root, botReply: imported.botReply ?? current.botReply };
}

export default function JsonView() {
  const store = useStore();
  // The export follows the design in a transition: typing in a form never waits for the JSON.
  const design = useDeferredEditor(selectDesign);
  const selectedId = useEditor((s) => s.selectedId);
  const { format, setFormat, setJsonIssues } = useUi();
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const ownDesign = useRef<Design | null>(null);
  const applying = useRef(false);
  const readOnly = useRef(new Compartment());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>({ ok: true, text: '' });
  const exported = useMemo(() => exportDesign(design, format), [design, format]);
  const paths = useMemo(() => compileWithSourceMap(design).paths, [design]);
  // A Bot Connector reply that would carry nothing says why, as Problems and a send do.
  const refusal = exported.issues.find((i) => i.code === NOTHING_TO_SEND);
  const formatRef = useRef(format);
  formatRef.current = format;

  const onEdit = (text: string) => {
    const fmt = formatRef.current;
    if (fmt === 'text') return;
    const result = importText(text);
    const view = viewRef.current;
    const diagnostics: Diagnostic[] = [];
    const errors = result.issues.filter((i) => i.severity === 'error');
    // An import error means part of the JSON would not make it into the design (an unknown
    // contentType is left out): applying it would silently drop the user's content.
    if (!result.design || errors.length > 0) {
      const parseError = result.issues.find((i) => i.code === 'import.invalid_json');
      if (parseError) {
        const off = Math.max(0, Math.min(text.length, jsonErrorOffset(text)));
        diagnostics.push({ from: off, to: Math.min(text.length, off + 1), severity: 'error', message: parseError.message });
      } else {
        for (const i of result.issues) {
          const r = locateJson(text, i.path) ?? locateJson(text, parentPath(i.path)) ?? { from: 0, to: Math.min(text.length, 1) };
          diagnostics.push({ from: r.from, to: r.to, severity: i.severity === 'info' ? 'info' : i.severity, message: i.message });
        }
      }
      const located: Issue[] = result.issues.map((i) => ({ ...i, code: i.code.startsWith('json.') ? i.code : `json.${i.code}` }));
      setJsonIssues(located);
      setStatus({ ok: false, text: `Not applied: ${result.issues[0]?.message ?? 'the JSON could not be imported.'} The last good design is kept.` });
      if (view) view.dispatch(setDiagnostics(view.state, diagnostics));
      return;
    }
    const next = adopt(store.getState().design, result.design, fmt);
    const warnings = result.issues.map((i) => ({ ...i, code: `json.${i.code}` }));
    setJsonIssues(warnings);
    if (view) {
      const diags: Diagnostic[] = [];
      for (const i of result.issues) {
        const r = locateJson(text, i.path);
        if (r) diags.push({ from: r.from, to: r.to, severity: i.severity === 'info' ? 'info' : i.severity, message: i.message });
      }
      view.dispatch(setDiagnostics(view.state, diags));
    }
    setStatus({ ok: true, text: 'Applied to the design.' });
    ownDesign.current = next;
    store.dispatch({ type: 'replaceDesign', design: next, label: 'Design updated from the JSON.' });
  };
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;

  // Create the editor once.
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: exported.text,
        extensions: [
          lineNumbers(),
          foldGutter(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          json(),
          lintGutter(),
          highlightField,
          theme,
          readOnly.current.of(readOnlyExtensions(format === 'text')),
          EditorView.lineWrapping,
          EditorView.updateListener.of((u: ViewUpdate) => {
            if (!u.docChanged || applying.current) return;
            clearTimeout(timer.current);
            const text = u.state.doc.toString();
            timer.current = setTimeout(() => onEditRef.current(text), 200);
          }),
        ],
      }),
    });
    viewRef.current = view;
    // The scroller must be reachable by keyboard for scrolling without editing (axe: scrollable-region-focusable).
    view.scrollDOM.tabIndex = 0;
    view.scrollDOM.setAttribute('role', 'region');
    view.scrollDOM.setAttribute('aria-label', 'Export JSON, scrollable');
    return () => {
      clearTimeout(timer.current);
      view.destroy();
      viewRef.current = null;
      setJsonIssues([]);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Design or format changed elsewhere → show the new export (never while it is our own edit).
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ effects: readOnly.current.reconfigure(readOnlyExtensions(format === 'text')) });
    if (ownDesign.current === design) return;
    ownDesign.current = null;
    const current = view.state.doc.toString();
    if (current === exported.text) return;
    clearTimeout(timer.current);
    applying.current = true;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: exported.text } });
    view.dispatch(setDiagnostics(view.state, []));
    applying.current = false;
    setJsonIssues([]);
    setStatus({ ok: true, text: '' });
  }, [exported.text, design, format, setJsonIssues]);

  // Highlight the selected node's JSON.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    // The Message is the whole document: marking it would box every line.
    const path = selectedId && selectedId !== design.root.id ? pathFor(design, format, selectedId, paths) : null;
    const range = path === null ? null : locateJson(view.state.doc.toString(), path);
    view.dispatch({
      effects: [setHighlight.of(range), ...(range ? [EditorView.scrollIntoView(range.from, { y: 'center' })] : [])],
    });
  }, [selectedId, design, format, paths, exported.text]);

  return (
    <section className="panel json-view" aria-labelledby="json-title">
      <div className="json-head">
        <h2 id="json-title">JSON</h2>
        <label>
          Format{' '}
          <ExportFormatSelect value={format} onChange={setFormat} />
        </label>
        <span className="muted">{format === 'text' ? 'Read only: the text fallback cannot be imported.' : 'Edit the JSON to change the design.'}</span>
      </div>
      <p role="status" className={status.ok ? 'json-status' : 'json-status error'} data-testid="json-status">
        {status.text}
      </p>
      {refusal && (
        <p className="json-status error" data-testid="json-refusal">
          {refusal.message}
        </p>
      )}
      <div ref={host} className="json-editor" data-testid="json-editor" />
    </section>
  );
}
