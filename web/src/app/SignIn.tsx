import { useId, useState } from 'react';
import { authApi, signInProblem } from '../api/auth-api';
import { keepSession } from '../api/token';
import { FirstStart } from './FirstStart';
import { TopBar } from './TopBar';

/** Why the screen shows: no token yet, a session the server ended, or an API token it refused. */
export type SignInReason = 'needed' | 'ended' | 'refused';

const explanations: Record<SignInReason, string | undefined> = {
  needed: undefined,
  ended: 'Your session has ended. Sign in again; your canvas is kept in this browser.',
  refused: 'The server refused the token this tab had. Sign in with your user name and password; your canvas is kept in this browser.',
};

/**
 * The sign-in screen: name and password, errors said plainly. On success the session token is kept for
 * this tab and the page loads again, so the worker and every request start with it; the canvas comes
 * back from the local autosave.
 */
export function SignIn({ origin, why }: { origin: string; why: SignInReason }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const problemId = useId();
  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const session = await authApi.signIn(origin, name.trim(), password);
      keepSession(sessionStorage, session.token);
      window.location.reload();
    } catch (error) {
      setProblem(signInProblem(error));
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <TopBar />
      <main className="page-body" aria-labelledby="sign-in-title" style={{ maxWidth: 360, margin: '40px auto' }}>
        <h1 id="sign-in-title">Sign in</h1>
        {explanations[why] && <p className="muted">{explanations[why]}</p>}
        <form
          className="create-form"
          aria-label="Sign in"
          style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {problem && (
            <p id={problemId} className="page-error" role="alert">
              {problem}
            </p>
          )}
          <label>
            User name
            <input
              name="username"
              autoComplete="username"
              required
              // biome-ignore lint/a11y/noAutofocus: the form is the whole screen; typing starts here
              autoFocus
              value={name}
              aria-describedby={problem ? problemId : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-describedby={problem ? problemId : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <FirstStart />
      </main>
    </div>
  );
}
