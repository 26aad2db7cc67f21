/**
 * The editor's one verdict on the design: shared check() (shared/src/check.ts) for the
 * preview's channel, the same function the server runs before a send and the CLI before an
 * export. The Problems panel, the limit meters, the preview and "What … changes" all read
 * this one result, so they cannot disagree. It is computed once per (design, channel) and
 * shared by every panel that asks; the design is deferred so typing stays responsive.
 */
import { useDeferredValue } from 'react';
import DOMPurify from 'dompurify';
import { check, NOTHING_TO_SEND, type ChannelId, type CheckResult, type Design, type ExportFormat, type Issue } from '@grmd/shared';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';

const results = new WeakMap<Design, Map<ChannelId, CheckResult>>();

export function verdictOf(design: Design, channel: ChannelId): CheckResult {
  let byChannel = results.get(design);
  if (!byChannel) results.set(design, (byChannel = new Map()));
  let r = byChannel.get(channel);
  if (!r) byChannel.set(channel, (r = check(design, { purify: DOMPurify, channel })));
  return r;
}

/** The verdict on the (deferred) current design for the preview's channel. */
export function useVerdict(): CheckResult {
  const design = useDeferredValue(useEditor((s) => s.design));
  const { channel } = useUi();
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
