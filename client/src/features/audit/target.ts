/** How the send log names where a send went (the table, the detail and the CSV say the same). */
import type { SendRecordTarget } from '@grmd/shared';

/** The kind in words and the id it went to; a bot reply went into its bot session. */
export function targetOf(t: SendRecordTarget): { label: string; id: string } {
  switch (t.kind) {
    case 'botSession':
      return { label: 'Bot session', id: t.botSessionId };
    case 'conversation':
      return { label: 'Conversation', id: t.conversationId };
    case 'botReply':
      return { label: 'Bot reply', id: t.botSessionId };
  }
}

/** The whole target for the detail view: a bot reply also names the customer message it answered. */
export function describeTarget(t: SendRecordTarget): string {
  const { label, id } = targetOf(t);
  if (t.kind === 'botReply') return `Bot reply (replyMessages) in bot session ${id}${t.inReplyTo ? `, answering message ${t.inReplyTo}` : ''}`;
  return `${label} ${id}`;
}
