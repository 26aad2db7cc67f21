/**
 * What the customer sees in a test conversation, live: the guest socket's received messages
 * drawn by the preview's own components (so it matches the preview by construction), the
 * guest's own messages, and a box to type or tap as the customer.
 */
import { useCallback, useMemo, useState } from 'react';
import { importJson, type DesignNode } from '@grmd/shared';
import { useSayAsGuest } from '../../api/mutations.ts';
import type { TestConversation } from '@grmd/shared';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { MessageView } from '../../components/message/MessageView.tsx';
import type { TapResult } from '../../components/message/response.ts';

type Item =
  | { kind: 'customer'; at: string; text: string; tap?: { payload: string; type: string } }
  | { kind: 'bot'; at: string; id: string; root: DesignNode | null; raw: Record<string, unknown> };

function timeOf(b: Record<string, unknown>): string {
  const ch = b.channel as { time?: unknown } | undefined;
  return typeof ch?.time === 'string' ? ch.time : '';
}

export function GuestView({ conversation }: { conversation: TestConversation }) {
  const [text, setText] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const say = useSayAsGuest(conversation.id);
  const onTap = useCallback(
    (t: TapResult) => {
      if (t.kind === 'opens') {
        setOpened(t.url);
        return;
      }
      const br = t.message.content?.[0];
      const type = br && 'buttonResponse' in br && br.buttonResponse.type === 'QuickReply' ? 'QuickReply' : 'Button';
      const payload = br && 'buttonResponse' in br ? br.buttonResponse.payload : '';
      say.mutate({ tap: { text: t.label, payload, type } });
    },
    [say],
  );
  const items = useMemo<Item[]>(() => {
    const bot: Item[] = conversation.received.map((b) => {
      const imported = importJson(b);
      return { kind: 'bot', at: timeOf(b), id: String(b.id ?? ''), root: imported.design?.root ?? null, raw: b };
    });
    const customer: Item[] = conversation.sent.map((s) => ({ kind: 'customer', ...s }));
    return [...customer, ...bot].sort((a, b) => a.at.localeCompare(b.at));
  }, [conversation.received, conversation.sent]);

  return (
    <div className="guest">
      <div className="messenger theme-light width-mobile guest-window" role="log" aria-label="Guest view" aria-live="polite" data-testid="guest-view">
        <div className="messenger-header" aria-hidden="true">
          <span className="avatar">B</span> Messenger · test guest
        </div>
        <div className="messenger-body">
          {items.length === 0 && <p className="muted">Connecting…</p>}
          {items.map((it, k) =>
            it.kind === 'customer' ? (
              <div key={`c${k}`} className="bubble customer">
                <p className="bubble-text">{it.text}</p>
              </div>
            ) : (
              <div key={it.id || `b${k}`} className="guest-msg" data-testid="guest-message" data-message-id={it.id}>
                {it.root ? <MessageView root={it.root} onTap={onTap} /> : <p className="bubble bot">(a message the preview cannot draw)</p>}
              </div>
            ),
          )}
        </div>
      </div>
      {conversation.notices && conversation.notices.length > 0 && (
        <ul className="wb-error" aria-label="Messenger errors">
          {conversation.notices.map((n, k) => (
            <li key={k} role={k === conversation.notices!.length - 1 ? 'alert' : undefined}>
              {new Date(n.at).toLocaleTimeString()} {n.message}
            </li>
          ))}
        </ul>
      )}
      {opened !== null && (
        <p role="status" className="muted">
          That link opens <code>{opened}</code> in the customer’s browser and sends nothing to the bot.
        </p>
      )}
      <form
        className="guest-say"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) say.mutate({ text: text.trim() }, { onSuccess: () => setText('') });
        }}
      >
        <label>
          Type as the customer <input value={text} onChange={(e) => setText(e.target.value)} disabled={conversation.status !== 'open'} />
        </label>
        <button type="submit" disabled={conversation.status !== 'open' || say.isPending || !text.trim()}>
          Send as customer
        </button>
      </form>
      {say.error && <ErrorNote error={say.error} />}
    </div>
  );
}
