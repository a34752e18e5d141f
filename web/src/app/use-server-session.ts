import { useEffect, useState } from 'react';
import { type ApiClient, ApiError } from '../api/api-client';
import { authApi } from '../api/auth-api';
import { forgetToken, tokenKind } from '../api/token';
import type { Editor } from './editor-context';
import type { SignInReason } from './SignIn';
import type { Server } from './server-context';
import { ServerRuns } from './server-runs';

/**
 * Who the token is (its role decides what the editor offers) and the server runs; undefined without a working token.
 * `signIn` asks for the sign-in screen: `needed` on a server without a token, `ended` once the server refuses a
 * session (expired or ended), `refused` for an API token it refuses, `checking` while it is not yet known whether the page came from a server.
 */
export function useServerSession(
  api: ApiClient | undefined,
  editor: Editor,
): { server: Server | undefined; signIn: 'checking' | SignInReason | undefined } {
  const [server, setServer] = useState<Server | undefined>();
  const [signIn, setSignIn] = useState<'checking' | SignInReason | undefined>(api?.hasToken ? undefined : 'checking');
  useEffect(() => {
    let live = true;
    if (!api?.hasToken) {
      // Served as plain files there is nobody to sign in to: the editor runs in the browser only.
      void authApi.isServer(window.location.origin).then((isServer) => live && setSignIn(isServer ? 'needed' : undefined));
      return () => {
        live = false;
      };
    }
    const ended = () => {
      const reason = tokenKind(sessionStorage) === 'session' ? 'ended' : 'refused';
      forgetToken(sessionStorage);
      setServer(undefined);
      setSignIn(reason);
    };
    api.onUnauthorized(() => live && ended());
    api.me().then(
      (me) => live && setServer({ api, me, runs: new ServerRuns(api, editor.store, me.actions.includes('graphs:write')) }),
      (error: Error) => {
        if (!live || (error instanceof ApiError && error.status === 401)) return;
        editor.store.notify(`The server refused the token: ${error.message}`);
      },
    );
    return () => {
      live = false;
      api.onUnauthorized(undefined);
    };
  }, [api, editor.store]);
  return { server, signIn };
}
