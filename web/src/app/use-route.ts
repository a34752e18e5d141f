import { useSyncExternalStore } from 'react';

/** The editor's pages, addressed by the URL's hash (`#/runs`): bookmarkable, no router library. */
export const pageNames = ['editor', 'runs', 'schedules', 'models', 'endpoints', 'plugins', 'users'] as const;
export type PageName = (typeof pageNames)[number];

/** The page a hash names; anything else is the editor. */
export function pageOf(hash: string): PageName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (pageNames as readonly string[]).includes(name) ? (name as PageName) : 'editor';
}

/** The href of a page. */
export function hrefOf(page: PageName): string {
  return page === 'editor' ? '#/' : `#/${page}`;
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/** The page the address bar shows; changes with links and the back button. */
export function usePage(): PageName {
  return useSyncExternalStore(
    subscribe,
    () => pageOf(window.location.hash),
    () => 'editor',
  );
}

export function goTo(page: PageName): void {
  window.location.hash = hrefOf(page);
}
