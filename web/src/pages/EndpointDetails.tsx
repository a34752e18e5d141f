import { useState } from 'react';
import { endpointsApi } from '../api/endpoints-api';
import { can, type Server } from '../app/server-context';
import { EndpointCharts } from './EndpointCharts';
import { EndpointTryIt } from './EndpointTryIt';
import { useAction, useResource } from './use-resource';

/** One endpoint: figures and charts, a try-it panel, promote / canary / roll back, and its change history. */
export function EndpointDetails({ server, name, onChanged }: { server: Server; name: string; onChanged: () => void }) {
  const detail = useResource(() => endpointsApi.get(server.api, name), [server.api, name], 5_000);
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
          <EndpointCharts detail={d} />
          {d.inputExample && can(server, 'endpoints:predict') && (
            <EndpointTryIt key={d.activeVersion} server={server} name={name} example={d.inputExample} />
          )}
          {d.inputExample && !can(server, 'endpoints:predict') && (
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
