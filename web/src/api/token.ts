const key = 'causeway.token';
const kindKey = 'causeway.tokenKind';

/**
 * Takes the API token from `?token=…` once: keeps it in sessionStorage (this tab only) and removes
 * it from the address bar, so it is not bookmarked, shared or left in history.
 */
export function takeToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(key, fromUrl);
    storage.setItem(kindKey, 'api');
    url.searchParams.delete('token');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(key) ?? undefined;
}

/** Where the kept token came from: a sign-in session (the server can end it) or an API token given in the URL. */
export type TokenKind = 'session' | 'api';

/** Keeps a sign-in session's token where `takeToken` finds it (this tab only), marked as a session. */
export function keepSession(storage: Pick<Storage, 'setItem'>, token: string): void {
  storage.setItem(key, token);
  storage.setItem(kindKey, 'session');
}

/** The kind of the kept token: a session only when `keepSession` kept it. */
export function tokenKind(storage: Pick<Storage, 'getItem'>): TokenKind {
  return storage.getItem(kindKey) === 'session' ? 'session' : 'api';
}

/** Forgets the kept token (signed out, refused or expired); the next page load asks to sign in. */
export function forgetToken(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(key);
  storage.removeItem(kindKey);
}
