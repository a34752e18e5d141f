const key = 'causeway.token';

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
    url.searchParams.delete('token');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(key) ?? undefined;
}
