import { useState } from 'react';
import { endpointsApi } from '../api/endpoints-api';
import { can, type Server } from '../app/server-context';
import { EndpointDetails } from './EndpointDetails';
import { NewEndpointForm } from './NewEndpointForm';
import { PageShell } from './PageShell';
import { useAction, useResource } from './use-resource';

/** Model endpoints: which version answers, canary and shadow; create one; details with figures, try-it and history. */
export function EndpointsPage({ server }: { server: Server }) {
  const endpoints = useResource(() => endpointsApi.list(server.api), [server.api], 10_000);
  const [open, setOpen] = useState<string | undefined>();
  const action = useAction(endpoints.reload);
  const writable = can(server, 'endpoints:write');
  const remove = (name: string) => {
    if (!window.confirm(`Delete the endpoint ${name}? Applications calling it get 404; its history and stored requests go too.`)) return;
    if (open === name) setOpen(undefined);
    void action.run(() => endpointsApi.remove(server.api, name));
  };
  return (
    <PageShell title="Endpoints" errors={[endpoints.error, action.error]}>
      {writable && <NewEndpointForm server={server} onCreated={endpoints.reload} />}
      {endpoints.data?.items.length === 0 && <p className="muted">No endpoints yet.</p>}
      {endpoints.data && endpoints.data.items.length > 0 && (
        <table className="data-list" aria-label="Endpoints">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Model</th>
              <th scope="col">Serving</th>
              <th scope="col">Canary</th>
              <th scope="col">Shadow</th>
              <th scope="col">Sampled</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.data.items.map((e) => (
              <tr key={e.name} data-endpoint={e.name}>
                <th scope="row">{e.name}</th>
                <td>{e.model}</td>
                <td>{e.activeVersion === null ? 'nothing yet' : `v${e.activeVersion}`}</td>
                <td>{e.canary ? `v${e.canary.version} (${e.canary.percent}%)` : '—'}</td>
                <td>{e.shadowVersion === null ? '—' : `v${e.shadowVersion}`}</td>
                <td>{Math.round(e.sampleRate * 100)}%</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-expanded={open === e.name}
                    aria-label={`Details of ${e.name}`}
                    onClick={() => setOpen(open === e.name ? undefined : e.name)}
                  >
                    Details
                  </button>
                  {writable && (
                    <button type="button" disabled={action.busy} aria-label={`Delete ${e.name}`} onClick={() => remove(e.name)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <EndpointDetails key={open} server={server} name={open} onChanged={endpoints.reload} />}
    </PageShell>
  );
}
