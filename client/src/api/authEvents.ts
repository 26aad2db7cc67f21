/**
 * The app's sign-in state changes, told by the API client to the shell: a request answered
 * 401 `unauthenticated` (the session expired or was ended), and a sign-in that succeeded
 * (queries that failed meanwhile should run again).
 */
type AuthEvent = 'unauthenticated' | 'signedIn';
const listeners: Record<AuthEvent, Set<() => void>> = { unauthenticated: new Set(), signedIn: new Set() };

export function onAuthEvent(event: AuthEvent, listener: () => void): () => void {
  listeners[event].add(listener);
  return () => listeners[event].delete(listener);
}

export function emitAuthEvent(event: AuthEvent): void {
  for (const l of [...listeners[event]]) l();
}
