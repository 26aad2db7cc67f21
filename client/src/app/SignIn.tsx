/**
 * The sign-in page for a server started with APP_ACCESS_TOKEN, and the gate around the app
 * that shows it: at start when there is no session, and again whenever a request answers 401
 * (the session expired or was ended). The editor stays mounted behind the page, so the
 * design being edited is still there after signing in again (it is in the local draft too).
 */
import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { emitAuthEvent, getAuthStatus, onAuthEvent, signIn, signOut } from '../api/auth.ts';
import { ApiRequestError } from '../api/client.ts';

type Auth = { required: boolean; who: string | null; signOut: () => void };
const AuthContext = createContext<Auth>({ required: false, who: null, signOut: () => {} });

type Phase = 'checking' | 'signin' | 'open';

export function SignInGate({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>('checking');
  const [required, setRequired] = useState(false);
  const [who, setWho] = useState<string | null>(null);
  const [methods, setMethods] = useState({ token: true, genesys: false });
  // The app is mounted once it has been open, and then kept (hidden) behind the sign-in page.
  const [mounted, setMounted] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  // Requests still running when the page shows (after a sign-out) must not replace its reason.
  const showing = useRef(false);
  showing.current = phase === 'signin';

  const refresh = async () => {
    try {
      const s = await getAuthStatus();
      setRequired(s.required);
      setWho(s.who ?? null);
      if (s.methods) setMethods(s.methods);
      setPhase(s.authenticated ? 'open' : 'signin');
      if (s.authenticated) setMounted(true);
    } catch {
      // The server is unreachable: the editor works without it, and its panels say so.
      setPhase('open');
      setMounted(true);
    }
  };

  useEffect(() => {
    void refresh();
    return onAuthEvent('unauthenticated', () => {
      if (showing.current) return;
      setReason('Your session has ended. Sign in again to continue; your design is kept.');
      setPhase('signin');
    });
  }, []);

  const auth: Auth = {
    required,
    who,
    signOut: () => {
      void signOut()
        .catch(() => {})
        .finally(() => {
          showing.current = true;
          setReason('You are signed out.');
          setWho(null);
          setPhase('signin');
        });
    },
  };

  return (
    <AuthContext.Provider value={auth}>
      {phase === 'signin' && (
        <SignInPage
          methods={methods}
          reason={reason}
          onSignedIn={async () => {
            setReason(null);
            await refresh();
            emitAuthEvent('signedIn');
          }}
        />
      )}
      {mounted && <div style={{ display: phase === 'open' ? 'contents' : 'none' }}>{children}</div>}
    </AuthContext.Provider>
  );
}

type Methods = { token: boolean; genesys: boolean };

/** A failed Genesys sign-in comes back as /?signin_error=…: shown once, then dropped from the address. */
function takeSigninError(): string | null {
  const url = new URL(window.location.href);
  const error = url.searchParams.get('signin_error');
  if (error === null) return null;
  url.searchParams.delete('signin_error');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return error;
}

function SignInPage({ methods, reason, onSignedIn }: { methods: Methods; reason: string | null; onSignedIn: () => Promise<void> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(takeSigninError);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
      setToken('');
      await onSignedIn();
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'bad_token') setError('That access token is wrong. Check it and try again.');
      else if (err instanceof ApiRequestError) setError(`${err.message}. ${err.next}`);
      else setError('Signing in failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Rich Message Designer</h1>
        {reason && <p role="status">{reason}</p>}
        {methods.genesys && (
          // A full navigation: the server sends the browser to Genesys Cloud's sign-in page and back.
          <a className="button" href="/api/auth/genesys/start">
            Sign in with Genesys Cloud
          </a>
        )}
        {methods.token && (
          <>
        <p>
          This server is protected by an access token: the <code>APP_ACCESS_TOKEN</code> it was started with. Ask whoever
          runs it for the token.
        </p>
        <label>
          Access token
          <input type="password" autoComplete="current-password" required value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
        </label>
        <button type="submit" disabled={busy || !token}>
          Sign in
        </button>
          </>
        )}
        {error && (
          <p role="alert" className="signin-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

/** "Sign out" in the top bar, when the server asks for sign-in at all. */
export function SignOutButton() {
  const { required, who, signOut: out } = useContext(AuthContext);
  if (!required) return null;
  return (
    <button type="button" onClick={out} title={who ? `Signed in as ${who}` : undefined}>
      Sign out
    </button>
  );
}
