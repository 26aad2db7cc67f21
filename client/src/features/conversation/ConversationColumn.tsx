/**
 * The test conversation: start one (a Messenger guest that our bot answers), follow it in
 * the guest view, end it, and pick the bot session a send goes to. The tab's conversation
 * ends when a new one starts in the tab and when the page goes away (the shell's pagehide).
 */
import { useMemo } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useEndConversation, useStartConversation } from '../../api/mutations.ts';
import { useConversation, useConversations } from '../../api/queries.ts';
import type { TestConversation, TestConversationEndReason } from '@grmd/shared';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { GuestView } from './GuestView.tsx';
import { SessionList } from './Sessions.tsx';

type Props = {
  conversationId: string | null;
  onStarted: (view: TestConversation) => void;
  sessionId: string | null;
  onSession: (id: string) => void;
};

const ENDED_BECAUSE: Record<TestConversationEndReason, string> = {
  user: 'ended with End',
  unload: 'ended when its page was reloaded or closed',
  replaced: 'ended when a new one started',
  idle: 'ended after a long time without messages',
  shutdown: 'ended when the server stopped',
  evicted: 'ended to make room for newer ones',
};

/** What the list and the status line call a conversation's state: ended ones are never "open". */
function stateOf(c: TestConversation): string {
  return c.ended ? 'ended' : c.status;
}

function endedText(c: TestConversation): string {
  return c.ended ? `${ENDED_BECAUSE[c.ended.reason]} at ${new Date(c.ended.at).toLocaleTimeString()}` : '';
}

export function ConversationColumn({ conversationId, onStarted, sessionId, onSession }: Props) {
  const conv = useConversation(conversationId);
  const conversations = useConversations();
  const testSessions = useMemo(() => new Set((conversations.data ?? []).map((c) => c.botSessionId).filter((x): x is string => !!x)), [conversations.data]);
  const start = useStartConversation({ onSuccess: onStarted });
  const end = useEndConversation();
  const current = conv.data;

  return (
    <section className="wb-col" aria-labelledby="conv-title">
      <h3 id="conv-title">Test conversation</h3>
      <p className="muted">Opens a Messenger guest conversation; our bot answers it, and its bot session becomes your send target.</p>
      <button type="button" className="primary" onClick={() => start.mutate(conversationId)} disabled={start.isPending}>
        {start.isPending ? 'Starting…' : conversationId ? 'Start a new test conversation' : 'Start test conversation'}
      </button>
      {start.error && <ErrorNote error={start.error} />}
      {conv.error && conv.error instanceof ApiRequestError && conv.error.status === 404 ? (
        <p className="muted">The last test conversation ended with a server restart: start a new one.</p>
      ) : conv.error ? (
        <ErrorNote error={conv.error} />
      ) : null}
      {current && (
        <>
          <p className="muted" data-testid="conversation-status">
            Status: {stateOf(current)}
            {current.ended ? ` (${endedText(current)})` : ''}
            {current.error ? ` (${current.error})` : ''}
            {current.botSessionId ? ` · bot session ${current.botSessionId.slice(0, 8)}` : current.ended ? '' : ' · waiting for the bot session'}
            {current.botSession?.status === 'closed' ? ' (closed)' : ''}
          </p>
          {!current.ended && (
            <button type="button" onClick={() => end.mutate(current.id)} disabled={end.isPending}>
              End this test conversation
            </button>
          )}
          <GuestView conversation={current} />
        </>
      )}
      {end.error && <ErrorNote error={end.error} />}
      <ConversationList items={conversations.data ?? []} mine={conversationId} onEnd={(id) => end.mutate(id)} ending={end.isPending} />
      <SessionList selected={sessionId} onSelect={onSession} testSessions={testSessions} />
    </section>
  );
}

/** Every test conversation on this server, newest first: this tab's is marked; open ones can be ended. */
function ConversationList({ items, mine, onEnd, ending }: { items: TestConversation[]; mine: string | null; onEnd: (id: string) => void; ending: boolean }) {
  if (items.length === 0) return null;
  return (
    <section className="wb-sessions" aria-labelledby="conversations-title">
      <h3 id="conversations-title">Test conversations</h3>
      <ul className="wb-list" aria-label="Test conversations">
        {items.slice(0, 12).map((c) => {
          const short = c.id.slice(0, 8);
          return (
            <li key={c.id} data-conversation-id={c.id}>
              <span className={`pill pill-${c.ended ? 'closed' : c.status}`}>{stateOf(c)}</span> {c.id === mine ? 'This tab · ' : ''}
              <code>{short}</code> · started {new Date(c.createdAt).toLocaleTimeString()}
              {c.ended ? ` · ${endedText(c)}` : ''}
              {!c.ended && (
                <>
                  {' '}
                  <button type="button" aria-label={`End test conversation ${short}`} onClick={() => onEnd(c.id)} disabled={ending}>
                    End
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
