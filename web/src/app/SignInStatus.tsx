import { authApi } from '../api/auth-api';
import { forgetToken, tokenKind } from '../api/token';
import { useServer } from './server-context';

/**
 * "Sign out" for a sign-in session (the server ends it), "Forget token" for an API token given in the URL
 * (only this tab forgets it; an admin revokes API tokens). Either way the page loads again and asks to sign in.
 */
export function SignOutButton() {
  const server = useServer();
  if (!server) return null;
  const session = tokenKind(sessionStorage) === 'session';
  const leave = async () => {
    if (session) {
      // A session the server already ended (or cannot reach) is forgotten by this tab all the same.
      await authApi.signOut(server.api).catch(() => undefined);
    }
    forgetToken(sessionStorage);
    window.location.reload();
  };
  return (
    <button type="button" className="link sign-out" onClick={() => void leave()}>
      {session ? 'Sign out' : 'Forget token'}
    </button>
  );
}
