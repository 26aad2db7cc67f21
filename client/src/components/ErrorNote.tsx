import { describeError } from '../api/client.ts';

/** Any failure as the user should read it: the message, what to do next, and the issues with their paths. */
export function ErrorNote({ error }: { error: unknown }) {
  const d = describeError(error);
  return (
    <div className="wb-error" role="alert">
      <p>{d.message}</p>
      {d.next && <p className="wb-next">{d.next}</p>}
      {d.issues.length > 0 && (
        <ul>
          {d.issues.map((i, k) => (
            <li key={k}>
              <code>{i.path || '(message)'}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
