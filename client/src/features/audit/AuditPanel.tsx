/**
 * The audit log in two views: the send log (filters, success rate and latency, each record
 * openable) and the change log (design creates, saves, deletes and connection changes). Both
 * name who did what, filter by them, and export as CSV.
 */
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { SEND_STATUSES, type ActivityAction, type SendStatus } from '@grmd/shared';
import { explainSendError } from '../../api/explain.ts';
import { useActivity, useRefreshActivity, useRefreshSends, useSendRecord, useSends, useStats } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { ACTION_LABELS, describeActivity, subjectOf } from './activity.ts';
import { toChangeLogCsv, toCsv } from './csv.ts';
import { describeTarget, targetOf } from './target.ts';

type View = 'sends' | 'changes';
/**
 * The "What" choices: the actions the server records today. A restore is recorded as the save
 * it is, and an armed reply is in the send log (a bot reply, once it leaves), not here, so
 * their actions would only ever find nothing.
 */
const WHAT_CHOICES: ActivityAction[] = ['design.create', 'design.save', 'design.delete', 'connection.change'];
const VIEWS: { id: View; label: string }[] = [
  { id: 'sends', label: 'Sends' },
  { id: 'changes', label: 'Library & connection changes' },
];

/** What both views share: the chosen "Who", and everyone either log has shown so far. */
type WhoProps = { actor: string; setActor: (a: string) => void; actors: string[]; remember: (seen: (string | null | undefined)[]) => void };

export default function AuditPanel() {
  const [view, setView] = useState<View>('sends');
  const [actor, setActor] = useState('');
  // The "Who" choices: everyone seen in either log so far (a filtered list shows only one).
  const [actors, setActors] = useState<string[]>([]);
  const remember = useCallback((seen: (string | null | undefined)[]) => {
    const named = seen.filter((a): a is string => Boolean(a));
    setActors((prev) => (named.every((a) => prev.includes(a)) ? prev : [...new Set([...prev, ...named])].sort()));
  }, []);
  const who: WhoProps = { actor, setActor, actors, remember };
  return (
    <div className="wb-audit">
      <div className="wb-row" role="group" aria-label="Audit log view">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" aria-pressed={view === v.id} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </div>
      {view === 'sends' ? <SendLog {...who} /> : <ChangeLog {...who} />}
    </div>
  );
}

/** A download link for `csv`, released when it changes (each filter change makes a new file). */
function useCsvHref(csv: string | null): string | null {
  const href = useMemo(() => (csv ? URL.createObjectURL(new Blob([csv], { type: 'text/csv' })) : null), [csv]);
  useEffect(() => () => {
    if (href) URL.revokeObjectURL(href);
  }, [href]);
  return href;
}

function WhoFilter({ actor, setActor, actors }: WhoProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Who</label>
      <select id={id} value={actor} onChange={(e) => setActor(e.target.value)}>
        <option value="">Anyone</option>
        {actors.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </>
  );
}

function ChangeLog(who: WhoProps) {
  const { actor, remember } = who;
  const refresh = useRefreshActivity();
  const [action, setAction] = useState<ActivityAction | ''>('');
  const log = useActivity(actor, action);
  const items = useMemo(() => log.data?.items ?? [], [log.data]);
  useEffect(() => remember(items.map((e) => e.actor)), [items, remember]);
  const csvHref = useCsvHref(items.length ? toChangeLogCsv(items) : null);
  const actionId = useId();
  return (
    <>
      <div className="wb-row">
        <WhoFilter {...who} />
        <label htmlFor={actionId}>What</label>
        <select id={actionId} value={action} onChange={(e) => setAction(e.target.value as ActivityAction | '')}>
          <option value="">Any change</option>
          {WHAT_CHOICES.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        {csvHref ? (
          <a className="button" href={csvHref} download="change-log.csv">
            Export CSV
          </a>
        ) : null}
      </div>
      {log.error && <ErrorNote error={log.error} />}
      {log.data && items.length === 0 && <p className="muted">No changes{actor || action ? ' match these filters' : ' yet'}.</p>}
      {items.length > 0 && (
        <table className="wb-table">
          <caption className="sr-only">Library and connection changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Design or connection</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.actor ?? '—'}</td>
                <td>{describeActivity(e)}</td>
                <td>{subjectOf(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The send log: filters, success rate and latency, each record openable, CSV export. */
function SendLog(who: WhoProps) {
  const { actor, remember } = who;
  const refresh = useRefreshSends();
  const [status, setStatus] = useState<SendStatus | ''>('');
  const [text, setText] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const sends = useSends(status, useDeferredValue(text), actor);
  const stats = useStats();
  const items = useMemo(() => sends.data?.items ?? [], [sends.data]);
  useEffect(() => remember(items.map((r) => r.actor)), [items, remember]);
  const csvHref = useCsvHref(items.length ? toCsv(items) : null);

  return (
    <>
      {stats.data && (
        <dl className="wb-stats" aria-label="Send figures">
          <div>
            <dt>Sends</dt>
            <dd>{stats.data.total}</dd>
          </div>
          <div>
            <dt>Success rate</dt>
            <dd data-testid="success-rate">{stats.data.successRate === null ? '—' : `${stats.data.successRate.toFixed(1)} %`}</dd>
          </div>
          <div>
            <dt>Latency p50</dt>
            <dd>{stats.data.latencyMs.p50 === null ? '—' : `${Math.round(stats.data.latencyMs.p50)} ms`}</dd>
          </div>
          <div>
            <dt>Latency p95</dt>
            <dd>{stats.data.latencyMs.p95 === null ? '—' : `${Math.round(stats.data.latencyMs.p95)} ms`}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd>{stats.data.counts.failed}</dd>
          </div>
        </dl>
      )}
      <div className="wb-row">
        <label htmlFor="audit-status">Status</label>
        <select id="audit-status" value={status} onChange={(e) => setStatus(e.target.value as SendStatus | '')}>
            <option value="">All</option>
            {SEND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
        </select>
        <WhoFilter {...who} />
        <label>
          Filter by design, id or target <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        {csvHref ? (
          <a className="button" href={csvHref} download="send-log.csv">
            Export CSV
          </a>
        ) : null}
      </div>
      {sends.error && <ErrorNote error={sends.error} />}
      {sends.data && items.length === 0 && <p className="muted">No sends{status || text || actor ? ' match these filters' : ' yet'}.</p>}
      {items.length > 0 && (
        <table className="wb-table">
          <caption className="sr-only">Send log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Design</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Who</th>
              <th scope="col">Attempts</th>
              <th scope="col">Latency</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.designName ?? '—'}</td>
                <td>
                  {targetOf(r.target).label} <code>{targetOf(r.target).id.slice(0, 8)}</code>
                </td>
                <td>
                  <span className={`pill pill-${r.status}`}>{r.status}</span>
                </td>
                <td>{r.actor ?? '—'}</td>
                <td>{r.attempts}</td>
                <td>{r.latencyMs === null ? '—' : `${Math.round(r.latencyMs)} ms`}</td>
                <td>
                  <button type="button" aria-expanded={openId === r.id} onClick={() => setOpenId(openId === r.id ? null : r.id)}>
                    {openId === r.id ? 'Hide' : 'Open'} send {r.id.slice(0, 8)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openId && <SendDetail id={openId} />}
    </>
  );
}

function SendDetail({ id }: { id: string }) {
  const rec = useSendRecord(id);
  if (rec.error) return <ErrorNote error={rec.error} />;
  if (!rec.data) return <p role="status">Loading the send…</p>;
  const r = rec.data;
  const x = r.error ? explainSendError(r.error, r.attempts) : null;
  return (
    <section className="wb-col" aria-label={`Send ${r.id}`}>
      <h3>Send {r.id}</h3>
      <dl className="wb-facts">
        <dt>Design</dt>
        <dd>{r.designName ?? '—'}</dd>
        <dt>To</dt>
        <dd>
          {describeTarget(r.target)} · channel {r.channel ?? '—'}
        </dd>
        <dt>Result</dt>
        <dd>
          {r.status} · {r.attempts} attempt{r.attempts === 1 ? '' : 's'} · {r.latencyMs === null ? '—' : `${Math.round(r.latencyMs)} ms`} · Genesys message id{' '}
          <code>{r.genesysMessageId ?? '—'}</code>
        </dd>
        <dt>Request id</dt>
        <dd>
          <code>{r.requestId}</code>
        </dd>
        {x && (
          <>
            <dt>Error</dt>
            <dd>
              {x.title}. {x.next}
            </dd>
          </>
        )}
      </dl>
      <pre className="code" tabIndex={0} aria-label="What was sent">
        {JSON.stringify(r.message, null, 2)}
      </pre>
    </section>
  );
}
