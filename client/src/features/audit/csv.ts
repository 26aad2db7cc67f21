/** The send log and the change log as CSV (RFC 4180 quoting; formulas neutralised so a spreadsheet never runs a cell). */
import type { ActivityRecord, SendRecord } from '@grmd/shared';
import { describeActivity } from './activity.ts';
import { targetOf } from './target.ts';

export const CSV_COLUMNS = ['id', 'createdAt', 'completedAt', 'status', 'designName', 'targetKind', 'target', 'channel', 'genesysMessageId', 'attempts', 'latencyMs', 'error', 'actor'] as const;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(records: SendRecord[]): string {
  const rows = records.map((r) => [
    r.id,
    r.createdAt,
    r.completedAt,
    r.status,
    r.designName,
    r.target.kind,
    targetOf(r.target).id,
    r.channel,
    r.genesysMessageId,
    r.attempts,
    r.latencyMs === null ? '' : Math.round(r.latencyMs),
    r.error ? `${r.error.status ?? ''} ${r.error.code ?? r.error.kind}: ${r.error.message}`.trim() : '',
    r.actor,
  ]);
  return table(CSV_COLUMNS, rows);
}

function table(columns: readonly string[], rows: unknown[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

export const CHANGE_LOG_COLUMNS = ['id', 'at', 'actor', 'action', 'what', 'subject', 'subjectName', 'detail'] as const;

/** The change log (change-log.csv): one row per design or connection change, with who made it. */
export function toChangeLogCsv(records: ActivityRecord[]): string {
  return table(
    CHANGE_LOG_COLUMNS,
    records.map((r) => [r.id, r.at, r.actor, r.action, describeActivity(r), r.subject, r.subjectName, JSON.stringify(r.detail)]),
  );
}
