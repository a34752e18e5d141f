import { SignOutButton } from '../app/SignInStatus';
import { can, useServer } from '../app/server-context';
import { hrefOf, type PageName, usePage } from '../app/use-route';

const labels: Record<PageName, string> = {
  editor: 'Editor',
  runs: 'Runs',
  schedules: 'Schedules',
  models: 'Models',
  endpoints: 'Endpoints',
  plugins: 'Plugins',
  users: 'Users',
};

/** The action a role needs to see each page. */
const readAction: Partial<Record<PageName, string>> = {
  runs: 'runs:read',
  schedules: 'schedules:read',
  models: 'models:read',
  endpoints: 'endpoints:read',
  plugins: 'plugins:read',
  users: 'users:manage',
};

/** Links to the pages the token's role may read (none without a token). The current page is marked for screen readers. */
export function PagesNav() {
  const server = useServer();
  const page = usePage();
  if (!server) return null;
  return (
    <nav className="pages-nav" aria-label="Pages">
      {(Object.keys(labels) as PageName[])
        .filter((name) => readAction[name] === undefined || can(server, readAction[name]))
        .map((name) => (
          <a key={name} href={hrefOf(name)} aria-current={page === name ? 'page' : undefined}>
            {labels[name]}
          </a>
        ))}
      <span className="whoami" title="The role of this token decides what you can change">
        {server.me.name} · {server.me.role}
      </span>
      <SignOutButton />
    </nav>
  );
}
