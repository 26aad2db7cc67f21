/**
 * Test a design end to end: the test conversation (a guest in Messenger, sandbox or the
 * configured deployment) beside the send to its bot session. The two features share only
 * the ids chosen here, kept per tab so a reload keeps the test in view.
 */
import { useEffect } from 'react';
import { useConversation } from '../api/queries.ts';
import type { TestConversation } from '@grmd/shared';
import { ConversationColumn } from '../features/conversation/ConversationColumn.tsx';
import { SendColumn } from '../features/send/SendColumn.tsx';
import { readTab, useTabState } from '../state/tabStorage.ts';
import { CONV_KEY, SESSION_KEY } from './testTab.ts';

export default function TestPanel() {
  const [conversationId, setConversationId] = useTabState(CONV_KEY);
  const [sessionId, setSessionId] = useTabState(SESSION_KEY);
  const conversation = useConversation(conversationId).data ?? null;

  // The bot session of a new test conversation becomes the send target as soon as it links
  // (unless the user picked one meanwhile).
  const linked = conversation?.botSessionId ?? null;
  useEffect(() => {
    if (linked && readTab(SESSION_KEY) === null) setSessionId(linked);
  }, [linked, setSessionId]);

  const started = (view: TestConversation) => {
    setSessionId(view.botSessionId);
    setConversationId(view.id);
  };

  return (
    <div className="wb-test">
      <ConversationColumn conversationId={conversationId} onStarted={started} sessionId={sessionId} onSession={setSessionId} />
      <SendColumn sessionId={sessionId} onSession={setSessionId} conversation={conversation} />
    </div>
  );
}
