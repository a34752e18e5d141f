import { useState } from 'react';
import { endpointsApi } from '../api/endpoints-api';
import { can, type Server } from '../app/server-context';
import { PageShell } from './PageShell';
import { useAction, useResource } from './use-resource';

/** Model endpoints: which version answers, canary and shadow; details with figures and history; promote, canary, roll back. */
export function EndpointsPage({ server }: { server: Server }) {
  const endpoints = useResource(() => endpointsApi.list(server.api), [server.api], 10_000);
  const [open, setOpen] = useState<string | undefined>();
  return (
    <PageShell title="Endpoints" errors={[endpoints.error]}>
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

function EndpointDetails({ server, name, onChanged }: { server: Server; name: string; onChanged: () => void }) {
  const detail = useResource(() => endpointsApi.get(server.api, name), [server.api, name]);
  const history = useResource(() => endpointsApi.history(server.api, name), [server.api, name]);
  const action = useAction(() => {
    detail.reload();
    history.reload();
    onChanged();
  });
  const [version, setVersion] = useState('');
  const [percent, setPercent] = useState('10');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const writable = can(server, 'endpoints:write');
  const d = detail.data;
  const chosen = Number(version);
  const valid = Number.isInteger(chosen) && chosen >= 1;
  const why = reason.trim() ? { reason: reason.trim() } : {};
  return (
    <section className="details" aria-label={`Endpoint ${name}`}>
      <h2>{name}</h2>
      {[detail.error, history.error, action.error]
        .filter((e): e is string => e !== undefined)
        .map((e) => (
          <p key={e} className="page-error" role="alert">
            {e}
          </p>
        ))}
      {d && (
        <>
          {d.description && <p>{d.description}</p>}
          <dl className="figures">
            <div>
              <dt>Requests</dt>
              <dd>{d.totals.requests.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Errors</dt>
              <dd>{d.totals.errors.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Rows scored</dt>
              <dd>{d.totals.rows.toLocaleString('en')}</dd>
            </div>
          </dl>
          {d.inputExample && (
            <>
              <h3>Input example</h3>
              <pre className="mono">{JSON.stringify(d.inputExample, null, 2)}</pre>
            </>
          )}
        </>
      )}
      {writable && (
        <form className="endpoint-actions" aria-label="Change the served version" onSubmit={(e) => e.preventDefault()}>
          <label>
            Model version
            <input type="number" min={1} value={version} onChange={(e) => setVersion(e.target.value)} />
          </label>
          <label>
            Canary share (%)
            <input type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(e.target.value)} />
          </label>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
            Override a failed gate (needs a reason)
          </label>
          <div className="row-actions">
            <button
              type="button"
              className="primary"
              disabled={!valid || action.busy}
              onClick={() => void action.run(() => endpointsApi.promote(server.api, name, { version: chosen, override, ...why }))}
            >
              Promote
            </button>
            <button
              type="button"
              disabled={!valid || action.busy}
              onClick={() =>
                void action.run(() =>
                  endpointsApi.canary(server.api, name, { version: chosen, percent: Number(percent), override, ...why }),
                )
              }
            >
              Start canary
            </button>
            <button
              type="button"
              disabled={!d?.canary || action.busy}
              onClick={() => void action.run(() => endpointsApi.canary(server.api, name, { version: null }))}
            >
              Stop canary
            </button>
            <button
              type="button"
              disabled={action.busy}
              title="Go back to the version served before (or the version given)"
              onClick={() =>
                void action.run(() => endpointsApi.rollback(server.api, name, { ...(valid ? { version: chosen } : {}), ...why }))
              }
            >
              Roll back
            </button>
          </div>
        </form>
      )}
      <h3>History</h3>
      {history.data?.items.length === 0 && <p className="muted">No changes yet.</p>}
      <ul className="history">
        {history.data?.items.map((c) => (
          <li key={c.id}>
            {new Date(c.at).toLocaleString()} — <strong>{c.kind}</strong> {c.fromVersion === null ? '' : `v${c.fromVersion} → `}
            {c.toVersion === null ? '' : `v${c.toVersion}`} by {c.actor}
            {c.override && ' (override)'}
            {c.reason && <span className="muted"> “{c.reason}”</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
