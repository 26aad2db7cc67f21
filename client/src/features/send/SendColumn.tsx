/**
 * Sends the open design to a bot session (a push through Bot Connector), arms it as the bot's
 * next reply, or sends its text fallback to a conversation; then shows progress (with the
 * 429 countdown) and the outcome.
 */
import { useMemo, useState } from 'react';
import { resolveVariables, type ChannelId, type SendRequest } from '@grmd/shared';
import { newIdempotencyKey } from '../../api/client.ts';
import { useArmReply, useDisarmReply, useSend } from '../../api/mutations.ts';
import { useSendProgress, useSession } from '../../api/queries.ts';
import type { TestConversation } from '@grmd/shared';
import { ChannelSelect } from '../../components/ChannelSelect.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useEditor } from '../../state/store.ts';
import { useTabState } from '../../state/tabStorage.ts';
import { useUi } from '../../state/ui.ts';
import { ArmedReply, SendProgressView } from './SendStatus.tsx';
import { SendOutcome } from './SendOutcome.tsx';

/** The last send's id survives a reload of the tab, so its outcome stays in view. */
const SEND_KEY = 'grmd.test.lastSend';

type Props = { sessionId: string | null; onSession: (id: string) => void; conversation: TestConversation | null };

export function SendColumn({ sessionId, onSession, conversation }: Props) {
  const design = useEditor((s) => s.design);
  const ui = useUi();
  const [kind, setKind] = useState<'botSession' | 'reply' | 'conversation'>('botSession');
  const [conversationId, setConversationId] = useState('');
  const [channel, setChannel] = useState<ChannelId>(ui.channel);
  const [endSession, setEndSession] = useState(false);
  const samples = useMemo(() => resolveVariables({ variables: design.variables }), [design.variables]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [key, setKey] = useState<string | null>(null);
  const [lastSendId, setLastSendId] = useTabState(SEND_KEY);

  const send = useSend({ onSuccess: (r) => setLastSendId(r.id) });
  const progress = useSendProgress(key, send.isPending);

  // The synchronous path a production bot uses: the design waits in the session and goes out
  // in replyMessages of the bot's answer to the customer's next message.
  const armedSession = useSession(kind === 'reply' ? sessionId : null);
  const arm = useArmReply();
  const disarm = useDisarmReply();

  const target: SendRequest['target'] | null =
    kind !== 'conversation' ? (sessionId ? { kind: 'botSession', botSessionId: sessionId } : null) : conversationId.trim() ? { kind: 'conversation', conversationId: conversationId.trim() } : null;

  const doSend = () => {
    if (!target) return;
    const variables = Object.fromEntries(design.variables.map((v) => [v.name, values[v.name] ?? samples[v.name] ?? '']));
    if (kind === 'reply' && sessionId) {
      arm.mutate({ sessionId, body: { design, channel, variables } });
      return;
    }
    const k = newIdempotencyKey();
    setKey(k);
    send.mutate({ idempotencyKey: k, request: { design, target, channel, variables, ...(kind === 'botSession' && endSession ? { endSession: true } : {}) } });
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
          <ChannelSelect value={channel} onChange={setChannel} />
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

