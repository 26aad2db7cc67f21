/**
 * "What … changes": the verdict's channel findings (state/verdict.ts), the same issues
 * Problems lists. Loaded with the checks, once the editor is usable.
 */
import { useVerdict } from '../../state/verdict.ts';

export default function ChannelChanges({ label }: { label: string }) {
  const issues = useVerdict().channelChanges;
  return (
    <section className="channel-changes" aria-labelledby="changes-title">
      <h3 id="changes-title">What {label} changes</h3>
      {issues.length === 0 ? (
        <p className="muted">Nothing: {label} gets the message as designed.</p>
      ) : (
        <ul>
          {issues.map((i, k) => (
            <li key={k} className={`sev-${i.severity}`}>
              <span className="sev">{i.severity}</span> {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
