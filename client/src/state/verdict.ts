/**
 * The editor's one verdict on the design: shared check() (shared/src/check.ts) for the
 * preview's channel, the same function the server runs before a send and the CLI before an
 * export. The Problems panel, the limit meters, the preview and "What … changes" all read
 * this one result, so they cannot disagree. It is computed once per (design, channel) and
 * shared by every panel that asks. It is never computed on the typing path: the design it
 * judges follows the editor's when the browser is idle (at most VERDICT_LAG_MS later), the
 * check runs there, and the panels draw the result in a transition. The preview does not
 * wait for it (state/view.ts).
 */
import { startTransition, useEffect, useState } from 'react';
import DOMPurify from 'dompurify';
import { check, NOTHING_TO_SEND, type ChannelId, type CheckResult, type Design, type ExportFormat, type Issue } from '@grmd/shared';
import { useStore, type EditorStore } from './store.ts';
import { useUi } from './ui.ts';

/** The longest the verdict lags behind the design while the user keeps typing. */
const VERDICT_LAG_MS = 250;

const results = new WeakMap<Design, Map<ChannelId, CheckResult>>();

export function verdictOf(design: Design, channel: ChannelId): CheckResult {
  let byChannel = results.get(design);
  if (!byChannel) results.set(design, (byChannel = new Map()));
  let r = byChannel.get(channel);
  if (!r) byChannel.set(channel, (r = check(design, { purify: DOMPurify, channel })));
  return r;
}

/** The design the verdict judges, shared by every panel of one editor, and who follows it. */
type Judged = { design: Design; listeners: Set<(d: Design) => void>; pending: boolean; channel: ChannelId };
const judged = new WeakMap<EditorStore, Judged>();

const whenIdle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: VERDICT_LAG_MS }) : setTimeout(f, 50));

function judgedOf(store: EditorStore): Judged {
  const known = judged.get(store);
  if (known) return known;
  const j: Judged = { design: store.getState().design, listeners: new Set(), pending: false, channel: 'webmessaging' };
  store.subscribe(() => {
    if (j.pending || store.getState().design === j.design) return;
    j.pending = true;
    whenIdle(() => {
      j.pending = false;
      const design = store.getState().design;
      if (design === j.design) return;
      // The check runs here, in idle time, for the channel last shown; the render finds it cached.
      verdictOf(design, j.channel);
      j.design = design;
      startTransition(() => {
        for (const l of [...j.listeners]) l(design);
      });
    });
  });
  judged.set(store, j);
  return j;
}

/** The design the verdict is about: the editor's, once the browser was idle after the last change. */
export function useJudgedDesign(): Design {
  const j = judgedOf(useStore());
  const [design, setDesign] = useState(j.design);
  useEffect(() => {
    j.listeners.add(setDesign);
    // A change may have been judged between the first render and now.
    startTransition(() => setDesign(j.design));
    return () => {
      j.listeners.delete(setDesign);
    };
  }, [j]);
  return design;
}

/** The verdict on the judged design for the preview's channel. */
export function useVerdict(): CheckResult {
  const design = useJudgedDesign();
  const { channel } = useUi();
  const store = useStore();
  judgedOf(store).channel = channel;
  return verdictOf(design, channel);
}

/**
 * What Copy and Download hand out: check()'s export, so the editor exports the same
 * sanitized JSON as the CLI. `refused` is set when the format would carry nothing (a Bot
 * Connector reply of a date picker): the same issue Problems and a send show.
 */
export function exportOf(design: Design, format: ExportFormat): { text: string; refused: Issue | null } {
  const r = check(design, { purify: DOMPurify, format });
  const refused = r.issues.find((i) => i.severity === 'error' && i.code === NOTHING_TO_SEND) ?? (r.exported ? null : (r.issues[0] ?? null));
  return { text: r.exported?.text ?? '', refused };
}
