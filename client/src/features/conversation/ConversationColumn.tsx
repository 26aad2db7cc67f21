/**
 * The test conversation: start one (a Messenger guest that our bot answers), follow it in
 * the guest view, and pick the bot session a send goes to.
 */
import { useMemo } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useStartConversation } from '../../api/mutations.ts';
import { useConversation, useConversations } from '../../api/queries.ts';
import type { TestConversation } from '@grmd/shared';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { GuestView } from './GuestView.tsx';
import { SessionList } from './Sessions.tsx';

type Props = {
  conversationId: string | null;
  onStarted: (view: TestConversation) => void;
  sessionId: string | null;
  onSession: (id: string) => void;
};

export function ConversationColumn({ conversationId, onStarted, sessionId, onSession }: Props) {
  const conv = useConversation(conversationId);
  const conversations = useConversations();
  const testSessions = useMemo(() => new Set((conversations.data ?? []).map((c) => c.botSessionId).filter((x): x is string => !!x)), [conversations.data]);
  const start = useStartConversation({ onSuccess: onStarted });

  return (
    <section className="wb-col" aria-labelledby="conv-title">
      <h3 id="conv-title">Test conversation</h3>
      <p className="muted">Opens a Messenger guest conversation; our bot answers it, and its bot session becomes your send target.</p>
      <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
        {start.isPending ? 'Starting…' : conversationId ? 'Start a new test conversation' : 'Start test conversation'}
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
      <SessionList selected={sessionId} onSelect={onSession} testSessions={testSessions} />
    </section>
  );
}
