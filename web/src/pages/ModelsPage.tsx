import { useState } from 'react';
import { modelsApi } from '../api/models-api';
import type { Server } from '../app/server-context';
import { ModelDetails } from './ModelDetails';
import { PageShell } from './PageShell';
import { PendingApprovals } from './PendingApprovals';
import { useResource } from './use-resource';

const versionText = (v: number | null) => (v === null ? '—' : `v${v}`);

/** The model registry: models with their production and staging versions; details of one with its versions. */
export function ModelsPage({ server, onOpenRun }: { server: Server; onOpenRun: (runId: number) => void }) {
  const models = useResource(() => modelsApi.list(server.api), [server.api], 10_000);
  const [open, setOpen] = useState<string | undefined>();
  return (
    <PageShell title="Models" errors={[models.error]}>
      <PendingApprovals server={server} onChanged={models.reload} />
      {models.data?.items.length === 0 && (
        <p className="muted">
          No registered models yet. A graph registers one with a “Register model” node: the template “Churn classifier: train, gate and
          register” does.
        </p>
      )}
      {models.data && models.data.items.length > 0 && (
        <table className="data-list" aria-label="Models">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Versions</th>
              <th scope="col">Production</th>
              <th scope="col">Staging</th>
              <th scope="col">Latest</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {models.data.items.map((m) => (
              <tr key={m.name} data-model={m.name}>
                <th scope="row">
                  {m.name} {m.description && <span className="muted">{m.description}</span>}
                </th>
                <td>{m.versions}</td>
                <td>{versionText(m.productionVersion)}</td>
                <td>{m.stagingVersions.length === 0 ? '—' : m.stagingVersions.map((v) => `v${v}`).join(', ')}</td>
                <td>{versionText(m.latestVersion)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-expanded={open === m.name}
                    aria-label={`Details of ${m.name}`}
                    onClick={() => setOpen(open === m.name ? undefined : m.name)}
                  >
                    Details
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <ModelDetails key={open} server={server} name={open} onChanged={models.reload} onOpenRun={onOpenRun} />}
    </PageShell>
  );
}
