import type { Server } from '../app/server-context';
import type { PageName } from '../app/use-route';
import { EndpointsPage } from './EndpointsPage';
import { ModelsPage } from './ModelsPage';
import { PluginsPage } from './PluginsPage';
import { RunsPage } from './RunsPage';
import { SchedulesPage } from './SchedulesPage';
import { UsersPage } from './UsersPage';

/** The pages other than the editor (loaded on demand: the editor opens without them). */
export function ServerPages({ page, server, onOpenRun }: { page: PageName; server: Server; onOpenRun: (runId: number) => void }) {
  switch (page) {
    case 'schedules':
      return <SchedulesPage server={server} onOpenRun={onOpenRun} />;
    case 'models':
      return <ModelsPage server={server} onOpenRun={onOpenRun} />;
    case 'endpoints':
      return <EndpointsPage server={server} />;
    case 'plugins':
      return <PluginsPage server={server} />;
    case 'users':
      return <UsersPage server={server} />;
    default:
      return <RunsPage server={server} onOpen={(run) => onOpenRun(run.id)} />;
  }
}
