import { useMemo, type ReactNode } from 'react';
import type { DesignNode } from '@grmd/shared';
import { MessageContext, type MessageCtx } from './context.ts';
import { ContentItem, MessageText, QuickReplies } from './parts.tsx';
import type { TapResult } from './response.ts';

/**
 * A message root drawn as Messenger shows it: its text, its content items, then its quick
 * replies. `children` go between the items and the quick replies (the preview's ghosts of
 * what a channel drops).
 */
export function MessageBody({ root, children }: { root: DesignNode; children?: ReactNode }) {
  const quickReplies = root.children.filter((c) => c.kind === 'quickReply');
  const items = root.children.filter((c) => c.kind !== 'quickReply');
  return (
    <>
      <MessageText text={root.props.text} />
      {items.map((n) => (
        <ContentItem key={n.id} node={n} />
      ))}
      {children}
      <QuickReplies nodes={quickReplies} />
    </>
  );
}

/**
 * One received message (a design root imported from what the guest socket got), drawn with
 * the same components as the preview so the test conversation's guest view matches it by
 * construction. Texts arrive already bound, so no sample values apply.
 */
export function MessageView({ root, onTap }: { root: DesignNode; onTap: (t: TapResult) => void }) {
  const ctx = useMemo<MessageCtx>(() => ({ values: {}, onTap, select: () => {} }), [onTap]);
  return (
    <MessageContext.Provider value={ctx}>
      <MessageBody root={root} />
    </MessageContext.Provider>
  );
}
