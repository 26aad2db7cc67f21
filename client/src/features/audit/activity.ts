/** The change log's entries in words: what was done (the "What" column and the CSV's). */
import type { ActivityAction, ActivityRecord } from '@grmd/shared';

/** The "What" filter: each action the server records, as people say it. */
export const ACTION_LABELS: Record<ActivityAction, string> = {
  'design.create': 'Design created',
  'design.save': 'Design saved',
  'design.delete': 'Design deleted',
  'design.restore': 'Design restored',
  'connection.change': 'Connection changed',
  'reply.arm': 'Reply armed',
};

const num = (v: unknown) => (typeof v === 'number' ? v : null);

function describeFault(f: unknown): string {
  if (!f || typeof f !== 'object') return 'a fault';
  const r = f as { route?: unknown; status?: unknown; reset?: unknown; delayMs?: unknown; times?: unknown };
  const how = [
    num(r.status) !== null ? `answers ${String(r.status)}` : null,
    r.reset === true ? 'drops the connection' : null,
    num(r.delayMs) ? `waits ${String(r.delayMs)} ms` : null,
  ].filter(Boolean);
  const times = num(r.times);
  return `${typeof r.route === 'string' ? r.route : 'a route'} ${how.join(', ') || 'fails'}${times === null ? '' : times === 1 ? ' for the next call' : ` for the next ${times} calls`}`;
}

/** One sentence for an entry, from its action and the details the server kept. */
export function describeActivity(e: Pick<ActivityRecord, 'action' | 'detail'>): string {
  const version = num(e.detail.version);
  switch (e.action) {
    case 'design.create':
      return version !== null ? `Created (version ${version})` : 'Created';
    case 'design.save':
      return version !== null ? `Saved version ${version}` : 'Saved';
    case 'design.delete':
      return version !== null ? `Deleted (was version ${version})` : 'Deleted';
    case 'design.restore':
      return version !== null ? `Restored as version ${version}` : 'Restored';
    case 'reply.arm':
      return 'Armed a reply';
    case 'connection.change':
      if (e.detail.change === 'fault.add') return `Sandbox fault added: ${describeFault(e.detail.fault)}`;
      if (e.detail.change === 'faults.clear') {
        const n = num(e.detail.cleared);
        return `Sandbox faults cleared${n !== null ? ` (${n} armed)` : ''}`;
      }
      return 'Connection changed';
  }
}

/** Which design (its name, else its id), or the connection. */
export function subjectOf(e: Pick<ActivityRecord, 'action' | 'subject' | 'subjectName'>): string {
  if (e.action === 'connection.change') return e.subjectName ? `Connection (${e.subjectName.toLowerCase()})` : 'Connection';
  return e.subjectName ?? e.subject;
}
