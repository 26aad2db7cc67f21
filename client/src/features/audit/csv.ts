/** The send log as CSV (RFC 4180 quoting; formulas neutralised so a spreadsheet never runs a cell). */
import type { SendRecord } from '@grmd/shared';

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
    r.target.kind === 'botSession' ? r.target.botSessionId : r.target.conversationId,
    r.channel,
    r.genesysMessageId,
    r.attempts,
    r.latencyMs === null ? '' : Math.round(r.latencyMs),
    r.error ? `${r.error.status ?? ''} ${r.error.code ?? r.error.kind}: ${r.error.message}`.trim() : '',
    r.actor,
  ]);
  return [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
