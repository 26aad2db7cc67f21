import { useMemo } from 'react';
import { importJson } from '@grmd/shared';
import { MessageBody } from './MessageView.tsx';

/**
 * The reply messages an imported Bot Connector reply holds besides the designed one
 * (design.botReply.before/after, exported around it): drawn read-only in their place, so a
 * reply with several messages previews all of them, in order.
 */
export function KeptReplies({ messages, first, total }: { messages: readonly unknown[] | undefined; first: number; total: number }) {
  const roots = useMemo(() => (messages ?? []).map((m) => importJson(m).design?.root ?? null), [messages]);
  return roots.map((root, k) => (
    <div key={k} className="kept-reply" role="group" aria-label={`Reply message ${first + k} of ${total}`}>
      {root ? <MessageBody root={root} /> : <p className="bubble bot">(a message the preview cannot draw)</p>}
    </div>
  ));
}
