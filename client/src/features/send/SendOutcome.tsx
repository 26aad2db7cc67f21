/**
 * What became of a send: its result, the timeline of receipts and taps that followed, and
 * what was sent next to what the test guest received.
 */
import { explainSendError } from '../../api/explain.ts';
import { useSendRecord, useSession } from '../../api/queries.ts';
import type { TestConversation, BotSessionDetail } from '@grmd/shared';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { comparable, pairDeliveries, pairDifferences } from './diff.ts';

export function SendOutcome({ sendId, conversation }: { sendId: string; conversation: TestConversation | null }) {
  const rec = useSendRecord(sendId);
  const sessionId = rec.data?.target.kind === 'botSession' ? rec.data.target.botSessionId : null;
  const session = useSession(sessionId);
  if (rec.error) return <ErrorNote error={rec.error} />;
  if (!rec.data) return <p role="status">Loading the result…</p>;
  const r = rec.data;
  const explained = r.error ? explainSendError(r.error, r.attempts) : null;
  const sentMessages = (r.message as { replyMessages?: unknown[] } | null)?.replyMessages ?? null;
  const pairs = sentMessages ? pairDeliveries(sentMessages, conversation?.received ?? [], r.genesysMessageId) : [];
  const received = pairs[0]?.received ?? undefined;
  return (
    <section className="wb-result" aria-labelledby="result-title">
      <h3 id="result-title">Send result</h3>
      <dl className="wb-facts" data-testid="send-result">
        <dt>Status</dt>
        <dd className={r.status === 'sent' ? 'ok' : 'bad'}>{r.status}</dd>
        <dt>Genesys message id</dt>
        <dd>
          <code>{r.genesysMessageId ?? '—'}</code>
        </dd>
        <dt>Attempts</dt>
        <dd data-testid="send-attempts">{r.attempts}</dd>
        <dt>Latency</dt>
        <dd>{r.latencyMs === null ? '—' : `${Math.round(r.latencyMs)} ms`}</dd>
      </dl>
      {explained && (
        <div className="wb-error" role="alert">
          <p>
            <strong>{explained.title}</strong>
          </p>
          <p className="wb-next">{explained.next}</p>
          {r.error?.correlationId && <p className="muted">Correlation id: {r.error.correlationId}</p>}
        </div>
      )}
      <Timeline record={r} session={session.data ?? null} delivered={received !== undefined} />
      {pairs.length > 0 && <SentVsReceived pairs={pairs} />}
    </section>
  );
}

function Timeline({
  record,
  session,
  delivered,
}: {
  record: { status: string; genesysMessageId: string | null; createdAt: string; completedAt: string | null; error: { message: string } | null };
  session: BotSessionDetail | null;
  delivered: boolean;
}) {
  const push = session?.timeline.find((e) => e.kind === 'push' && record.genesysMessageId && e.messageId === record.genesysMessageId);
  const after = push ? session!.timeline.filter((e) => e.id > push.id && e.direction === 'inbound') : [];
  const t = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleTimeString() : '');
  return (
    <section aria-labelledby="timeline-title">
      <h4 id="timeline-title">Timeline</h4>
      <ol className="wb-timeline" aria-label="Send timeline">
        <li>
          {t(record.createdAt)} Sent to Genesys
        </li>
        {record.status === 'sent' && <li>{t(record.completedAt)} Accepted by Genesys (message id {record.genesysMessageId})</li>}
        {record.status !== 'sent' && record.status !== 'pending' && <li className="bad">{t(record.completedAt)} Failed: {record.error?.message ?? record.status}</li>}
        {delivered && <li>Delivered: the guest socket received it</li>}
        {after.map((e) =>
          e.taps && e.taps.length ? (
            e.taps.map((tap, k) => (
              <li key={`${e.id}-${k}`}>
                {t(e.at)} Customer tapped “{tap.text}” → ButtonResponse {tap.type}, payload <code>{tap.payload}</code>
              </li>
            ))
          ) : (
            <li key={e.id}>
              {t(e.at)} Customer wrote “{e.text ?? ''}”
            </li>
          ),
        )}
      </ol>
      {record.status === 'sent' && <p className="muted">Read receipts are not reported to bots, so the timeline stops at delivery.</p>}
    </section>
  );
}

function SentVsReceived({ pairs }: { pairs: { sent: unknown; received: Record<string, unknown> | null }[] }) {
  const diffs = pairDifferences(pairs);
  const missing = pairs.filter((p) => !p.received).length;
  const summary =
    missing === pairs.length
      ? 'Not received by the test guest (yet).'
      : diffs.length === 0 && missing === 0
        ? `Identical: the guest received exactly what was sent${pairs.length > 1 ? ` (${pairs.length} messages)` : ''}.`
        : [diffs.length ? `${diffs.length} difference${diffs.length === 1 ? '' : 's'}` : '', missing ? `${missing} of ${pairs.length} messages not received (yet)` : ''].filter(Boolean).join('; ') + ':';
  return (
    <section aria-labelledby="cmp-title" className="wb-compare">
      <h4 id="cmp-title">What we sent vs what the guest received</h4>
      <p data-testid="compare-summary" className={diffs.length || missing ? 'bad' : 'ok'}>
        {summary}
      </p>
      {diffs.length > 0 && (
        <ul className="wb-diffs">
          {diffs.map((d) => (
            <li key={d.path}>
              <mark>
                <code>{d.path}</code>
              </mark>{' '}
              sent {JSON.stringify(d.sent) ?? 'nothing'}, received {JSON.stringify(d.received) ?? 'nothing'}
            </li>
          ))}
        </ul>
      )}
      {pairs.map((p, i) => {
        const label = pairs.length > 1 ? ` (message ${i + 1} of ${pairs.length})` : '';
        return (
          <div className="wb-sbs" key={i}>
            <pre tabIndex={0} aria-label={`Sent JSON${label}`} className="code">
              {JSON.stringify(p.sent, null, 2)}
            </pre>
            <pre tabIndex={0} aria-label={`Received JSON${label}`} className="code">
              {p.received ? JSON.stringify(comparable(p.received), null, 2) : '—'}
            </pre>
          </div>
        );
      })}
      {diffs.length > 0 && <p className="muted">Marked paths differ; fields Genesys adds on delivery (id, channel, direction) are left out.</p>}
    </section>
  );
}
