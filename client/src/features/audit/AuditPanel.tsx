/** The send log: filters, success rate and latency, each record openable, CSV export. */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { SEND_STATUSES, type SendStatus } from '@grmd/shared';
import { explainSendError } from '../../api/explain.ts';
import { useRefreshSends, useSendRecord, useSends, useStats } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { toCsv } from './csv.ts';

export default function AuditPanel() {
  const refresh = useRefreshSends();
  const [status, setStatus] = useState<SendStatus | ''>('');
  const [text, setText] = useState('');
  const [actor, setActor] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const sends = useSends(status, useDeferredValue(text), actor);
  const stats = useStats();
  const items = useMemo(() => sends.data?.items ?? [], [sends.data]);
  // The "Who" choices: everyone seen in the log so far (a filtered list shows only one).
  const [actors, setActors] = useState<string[]>([]);
  useEffect(() => {
    const seen = items.flatMap((r) => (r.actor ? [r.actor] : []));
    setActors((prev) => (seen.every((a) => prev.includes(a)) ? prev : [...new Set([...prev, ...seen])].sort()));
  }, [items]);
  const csvHref = useMemo(() => (items.length ? URL.createObjectURL(new Blob([toCsv(items)], { type: 'text/csv' })) : null), [items]);
  // Each filter change makes a new file: release the old one.
  useEffect(() => () => {
    if (csvHref) URL.revokeObjectURL(csvHref);
  }, [csvHref]);

  return (
    <div className="wb-audit">
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
        <label htmlFor="audit-actor">Who</label>
        <select id="audit-actor" value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
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
                  {r.target.kind === 'botSession' ? 'Bot session ' : 'Conversation '}
                  <code>{(r.target.kind === 'botSession' ? r.target.botSessionId : r.target.conversationId).slice(0, 8)}</code>
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
    </div>
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
          {r.target.kind === 'botSession' ? `Bot session ${r.target.botSessionId}` : `Conversation ${r.target.conversationId}`} · channel {r.channel ?? '—'}
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
