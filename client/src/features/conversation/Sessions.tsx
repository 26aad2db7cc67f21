import { useSessions } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';

/** Every Bot Connector session that reached this server: test conversations and real Messenger ones. */
export function SessionList({ selected, onSelect, testSessions }: { selected: string | null; onSelect: (id: string) => void; testSessions: Set<string> }) {
  const { data, error } = useSessions();
  if (error) return <ErrorNote error={error} />;
  return (
    <section className="wb-sessions" aria-labelledby="sessions-title">
      <h3 id="sessions-title">Bot sessions</h3>
      {!data ? (
        <p role="status">Loading sessions…</p>
      ) : data.length === 0 ? (
        <p className="muted">None yet: start a test conversation, or write to the bot from Messenger.</p>
      ) : (
        <ul className="wb-list" aria-label="Bot sessions">
          {data.slice(0, 12).map((s) => (
            <li key={s.botSessionId}>
              <button type="button" aria-pressed={selected === s.botSessionId} onClick={() => onSelect(s.botSessionId)}>
                <span className={`pill pill-${s.status}`}>{s.status}</span> {testSessions.has(s.botSessionId) ? 'Test conversation' : 'Messenger'} ·{' '}
                {s.channel} · <code>{s.botSessionId.slice(0, 8)}</code> · {new Date(s.updatedAt).toLocaleTimeString()}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
