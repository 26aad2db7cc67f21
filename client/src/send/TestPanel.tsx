/**
 * Test a design end to end: open a guest conversation (sandbox or the configured Messenger
 * deployment), push the card to its bot session (or the text fallback to a conversation),
 * and follow what happens: progress (with the 429 countdown), the result, the timeline of
 * receipts and taps, and what was sent next to what the guest received.
 */
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CHANNELS,
  armReplyResponseSchema,
  CHANNEL_IDS,
  resolveVariables,
  sendProgressSchema,
  sendRecordSchema,
  sendResultSchema,
  type ChannelId,
  type SendRequest,
  type SendResult,
} from '@grmd/shared';
import { api, ApiRequestError, IDEMPOTENCY_KEY_HEADER, newIdempotencyKey } from '../api/client.ts';
import { conversationViewSchema, keys, useConversations, useSession, type ConversationView, type SessionDetail } from '../api/queries.ts';
import { useEditor } from '../editor/store.ts';
import { useUi } from '../app/ui.ts';
import { ErrorNote } from '../connection/ConnectionPanel.tsx';
import { GuestView } from '../conversation/GuestView.tsx';
import { SessionList } from '../conversation/Sessions.tsx';
import { comparable, pairDeliveries, pairDifferences } from './diff.ts';
import { explainSendError } from './explain.ts';

const CONV_KEY = 'grmd.test.conversation';
const SEND_KEY = 'grmd.test.lastSend';
const SESSION_KEY = 'grmd.test.session';

function stored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, v: string | null) {
  try {
    if (v === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, v);
  } catch {
    // storage off: state lasts until reload
  }
}

export default function TestPanel() {
  const qc = useQueryClient();
  const [convId, setConvIdState] = useState<string | null>(() => stored(CONV_KEY));
  const [sessionId, setSessionIdState] = useState<string | null>(() => stored(SESSION_KEY));
  const setConvId = (id: string | null) => {
    setConvIdState(id);
    store(CONV_KEY, id);
  };
  const setSessionId = (id: string | null) => {
    setSessionIdState(id);
    store(SESSION_KEY, id);
  };
  const conv = useQuery({
    queryKey: keys.conversation(convId ?? ''),
    queryFn: () => api(`/test-conversations/${encodeURIComponent(convId!)}`, conversationViewSchema),
    enabled: convId !== null,
    refetchInterval: 1000,
    retry: false,
  });
  const conversations = useConversations();
  const testSessions = useMemo(() => new Set((conversations.data ?? []).map((c) => c.botSessionId).filter((x): x is string => !!x)), [conversations.data]);

  // The bot session of a new test conversation becomes the send target as soon as it links.
  const linked = conv.data?.botSessionId ?? null;
  useEffect(() => {
    if (linked && stored(SESSION_KEY) === null) setSessionId(linked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked]);

  const start = useMutation({
    mutationFn: () => api('/test-conversations', conversationViewSchema, { body: {} }),
    onSuccess: (view) => {
      qc.setQueryData(keys.conversation(view.id), view);
      store(SESSION_KEY, null);
      setSessionIdState(view.botSessionId);
      if (view.botSessionId) store(SESSION_KEY, view.botSessionId);
      setConvId(view.id);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      void qc.invalidateQueries({ queryKey: keys.sessions });
    },
  });

  return (
    <div className="wb-test">
      <section className="wb-col" aria-labelledby="conv-title">
        <h3 id="conv-title">Test conversation</h3>
        <p className="muted">Opens a Messenger guest conversation; our bot answers it, and its bot session becomes your send target.</p>
        <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
          {start.isPending ? 'Starting…' : convId ? 'Start a new test conversation' : 'Start test conversation'}
        </button>
        {start.error && <ErrorNote error={start.error} />}
        {conv.error && conv.error instanceof ApiRequestError && conv.error.status === 404 ? (
          <p className="muted">The last test conversation ended with a server restart: start a new one.</p>
        ) : conv.error ? (
          <ErrorNote error={conv.error} />
        ) : null}
        {conv.data && (
          <>
            <p className="muted" data-testid="conversation-status">
              Status: {conv.data.status}
              {conv.data.error ? ` (${conv.data.error})` : ''}
              {conv.data.botSessionId ? ` · bot session ${conv.data.botSessionId.slice(0, 8)}` : ' · waiting for the bot session'}
            </p>
            <GuestView conversation={conv.data} />
          </>
        )}
        <SessionList selected={sessionId} onSelect={setSessionId} testSessions={testSessions} />
      </section>
      <SendColumn sessionId={sessionId} onSession={setSessionId} conversation={conv.data ?? null} />
    </div>
  );
}

type Progress = { state: string; attempts: number; nextAttemptAt: string | null; lastStatus: number | null };

function SendColumn({ sessionId, onSession, conversation }: { sessionId: string | null; onSession: (id: string) => void; conversation: ConversationView | null }) {
  const qc = useQueryClient();
  const design = useEditor((s) => s.design);
  const ui = useUi();
  const [kind, setKind] = useState<'botSession' | 'reply' | 'conversation'>('botSession');
  const [conversationId, setConversationId] = useState('');
  const [channel, setChannel] = useState<ChannelId>(ui.channel);
  const [endSession, setEndSession] = useState(false);
  const samples = useMemo(() => resolveVariables({ variables: design.variables }), [design.variables]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [key, setKey] = useState<string | null>(null);
  const [lastSendId, setLastSendId] = useState<string | null>(() => stored(SEND_KEY));

  const send = useMutation({
    mutationFn: async (body: SendRequest & { key: string }) => {
      const { key: k, ...req } = body;
      return api('/sends', sendResultSchema, { body: req, headers: { [IDEMPOTENCY_KEY_HEADER]: k } });
    },
    onSuccess: (r: SendResult) => {
      setLastSendId(r.id);
      store(SEND_KEY, r.id);
      void qc.invalidateQueries({ queryKey: keys.sendsAll });
      if (sessionId) void qc.invalidateQueries({ queryKey: keys.session(sessionId) });
    },
  });
  const progress = useQuery({
    queryKey: ['send-progress', key],
    queryFn: () => api(`/sends/progress/${encodeURIComponent(key!)}`, sendProgressSchema),
    enabled: send.isPending && key !== null,
    refetchInterval: 250,
    retry: false,
  });

  // The synchronous path a production bot uses: the design waits in the session and goes out
  // in replyMessages of the bot's answer to the customer's next message.
  const armedSession = useSession(kind === 'reply' ? sessionId : null);
  const arm = useMutation({
    mutationFn: (body: { id: string; design: unknown; channel: ChannelId; variables: Record<string, string> }) =>
      api(`/sessions/${encodeURIComponent(body.id)}/armed`, armReplyResponseSchema, { method: 'PUT', body: { design: body.design, channel: body.channel, variables: body.variables } }),
    onSuccess: (_r, body) => void qc.invalidateQueries({ queryKey: keys.session(body.id) }),
  });
  const disarm = useMutation({
    mutationFn: (id: string) => api(`/sessions/${encodeURIComponent(id)}/armed`, z.undefined(), { method: 'DELETE' }),
    onSuccess: (_r, id) => void qc.invalidateQueries({ queryKey: keys.session(id) }),
  });

  const target: SendRequest['target'] | null =
    kind !== 'conversation' ? (sessionId ? { kind: 'botSession', botSessionId: sessionId } : null) : conversationId.trim() ? { kind: 'conversation', conversationId: conversationId.trim() } : null;

  const doSend = () => {
    if (!target) return;
    const variables = Object.fromEntries(design.variables.map((v) => [v.name, values[v.name] ?? samples[v.name] ?? '']));
    if (kind === 'reply' && sessionId) {
      arm.mutate({ id: sessionId, design, channel, variables });
      return;
    }
    const k = newIdempotencyKey();
    setKey(k);
    send.mutate({ key: k, design, target, channel, variables, ...(kind === 'botSession' && endSession ? { endSession: true } : {}) });
  };

  return (
    <section className="wb-col" aria-labelledby="send-title">
      <h3 id="send-title">Send test card</h3>
      <form
        className="wb-form"
        onSubmit={(e) => {
          e.preventDefault();
          doSend();
        }}
      >
        <fieldset>
          <legend>Send to</legend>
          <label>
            <input type="radio" name="send-target" checked={kind === 'botSession'} onChange={() => setKind('botSession')} /> Bot session (rich card, via Bot Connector)
          </label>
          <label>
            <input type="radio" name="send-target" checked={kind === 'reply'} onChange={() => setKind('reply')} /> Bot session, as the bot’s reply to the customer’s next message (replyMessages)
          </label>
          <label>
            <input type="radio" name="send-target" checked={kind === 'conversation'} onChange={() => setKind('conversation')} /> Conversation id (text fallback, via the agent send)
          </label>
        </fieldset>
        {kind !== 'conversation' ? (
          <label>
            Bot session{' '}
            <input value={sessionId ?? ''} onChange={(e) => onSession(e.target.value.trim())} placeholder="Pick one from Bot sessions" />
          </label>
        ) : (
          <>
            <label>
              Conversation id <input value={conversationId} onChange={(e) => setConversationId(e.target.value)} />
            </label>
            {conversation?.conversationId && conversation.conversationId !== conversationId && (
              <button type="button" onClick={() => setConversationId(conversation.conversationId!)}>
                Use the test conversation’s id
              </button>
            )}
          </>
        )}
        <label>
          Send channel{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as ChannelId)}>
            {CHANNEL_IDS.map((c) => (
              <option key={c} value={c}>
                {CHANNELS[c].label}
              </option>
            ))}
          </select>
        </label>
        {design.variables.length > 0 && (
          <fieldset>
            <legend>Variable values</legend>
            {design.variables.map((v) => (
              <label key={v.name}>
                {v.name} <input value={values[v.name] ?? samples[v.name] ?? ''} onChange={(e) => setValues({ ...values, [v.name]: e.target.value })} />
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'botSession' && (
          <label>
            <input type="checkbox" checked={endSession} onChange={(e) => setEndSession(e.target.checked)} /> End the bot session with this message (botState Complete)
          </label>
        )}
        {kind === 'reply' ? (
          <button type="submit" className="primary" disabled={!target || arm.isPending}>
            {arm.isPending ? 'Arming…' : 'Arm as the next reply'}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!target || send.isPending}>
            {send.isPending ? 'Sending…' : 'Send test card'}
          </button>
        )}
        {!target && <p className="muted">{kind !== 'conversation' ? 'Start a test conversation or pick a bot session first.' : 'Enter a conversation id.'}</p>}
      </form>
      {kind === 'reply' ? (
        <ArmedReply session={armedSession.data ?? null} onDisarm={() => sessionId && disarm.mutate(sessionId)} />
      ) : null}
      {kind === 'reply' && arm.error && <ErrorNote error={arm.error} />}
      {kind === 'reply' && disarm.error && <ErrorNote error={disarm.error} />}
      {kind !== 'reply' && send.isPending && <SendProgressView progress={progress.data ?? null} />}
      {kind !== 'reply' && send.error && <ErrorNote error={send.error} />}
      {kind !== 'reply' && lastSendId && !send.isPending && <SendOutcome sendId={lastSendId} conversation={conversation} />}
    </section>
  );
}

/** Whether a reply waits in the session, and what became of the last one the bot returned. */
function ArmedReply({ session, onDisarm }: { session: SessionDetail | null; onDisarm: () => void }) {
  if (!session) return null;
  const last = [...session.timeline].reverse().find((e) => e.kind === 'reply');
  const trigger = last ? [...session.timeline].reverse().find((e) => e.id < last.id && e.direction === 'inbound') : undefined;
  return (
    <div className="wb-result" role="status" data-testid="armed-status">
      {session.armed ? (
        <>
          <p>Armed: the bot returns this design in replyMessages when the customer writes next (type as the customer in the guest view).</p>
          <button type="button" onClick={onDisarm}>
            Disarm
          </button>
        </>
      ) : last ? (
        <p>
          Sent as the bot’s reply to “{trigger?.text ?? trigger?.taps?.[0]?.text ?? 'the customer’s message'}” at {new Date(last.at).toLocaleTimeString()}.
        </p>
      ) : (
        <p className="muted">Nothing armed for this session.</p>
      )}
    </div>
  );
}

function SendProgressView({ progress }: { progress: Progress | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, []);
  let text = 'Sending…';
  if (progress?.state === 'queued') text = 'Waiting for a free rate slot…';
  if (progress?.state === 'waiting' && progress.nextAttemptAt) {
    const s = Math.max(0, Math.ceil((Date.parse(progress.nextAttemptAt) - now) / 1000));
    text = `Genesys answered ${progress.lastStatus ?? 'an error'}${progress.lastStatus === 429 ? ' (rate limited)' : ''}: retrying in ${s} s (attempt ${progress.attempts + 1})`;
  }
  return (
    <p className="wb-progress" role="status" data-testid="send-progress">
      {text}
    </p>
  );
}

function SendOutcome({ sendId, conversation }: { sendId: string; conversation: ConversationView | null }) {
  const rec = useQuery({ queryKey: ['sends', 'record', sendId], queryFn: () => api(`/sends/${encodeURIComponent(sendId)}`, sendRecordSchema) });
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
  session: SessionDetail | null;
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
