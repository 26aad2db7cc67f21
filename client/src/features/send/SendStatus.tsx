/** What a send is doing now: a reply armed in the session, or a push in progress. */
import { useEffect, useState } from 'react';
import type { SendProgress } from '@grmd/shared';
import type { BotSessionDetail } from '@grmd/shared';

/** Whether a reply waits in the session, and what became of the last one the bot returned. */
export function ArmedReply({ session, onDisarm }: { session: BotSessionDetail | null; onDisarm: () => void }) {
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
          {last.status === 'unknown' ? 'Returned' : 'Sent'} as the bot’s reply to “{trigger?.text ?? trigger?.taps?.[0]?.text ?? 'the customer’s message'}” at{' '}
          {new Date(last.at).toLocaleTimeString()}
          {last.status === 'unknown' ? ', but the connection closed before the answer was written: Genesys may not have received it.' : '.'}
        </p>
      ) : (
        <p className="muted">Nothing armed for this session.</p>
      )}
    </div>
  );
}

export function SendProgressView({ progress }: { progress: SendProgress | null }) {
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

