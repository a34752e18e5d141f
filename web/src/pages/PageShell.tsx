import type { ReactNode } from 'react';
import { TopBar } from '../app/TopBar';

/** A server page: the pages bar, a title, errors, and the page's content. */
export function PageShell({ title, errors, children }: { title: string; errors?: Array<string | undefined>; children: ReactNode }) {
  const shown = (errors ?? []).filter((e): e is string => e !== undefined);
  return (
    <div className="page">
      <TopBar />
      <main className="page-body" aria-labelledby="page-title">
        <h1 id="page-title">{title}</h1>
        {shown.map((e) => (
          <p key={e} className="page-error" role="alert">
            {e}
          </p>
        ))}
        {children}
      </main>
    </div>
  );
}
