import { useState } from 'react';
import { runStatuses, runsApi, type ServerRun, type ServerRunStatus } from '../api/runs-api';
import { can, type Server } from '../app/server-context';
import { formatDuration } from '../runner/run-view';
import { GraphLabel } from './GraphLabel';
import { PageShell } from './PageShell';
import { useAction, useResource } from './use-resource';

const pageSize = 25;

/** Run history with filters by graph and status; open a run on the canvas, cancel or retry it. */
export function RunsPage({ server, onOpen }: { server: Server; onOpen: (run: ServerRun) => void }) {
  const { api } = server;
  const [graphId, setGraphId] = useState('');
  const [status, setStatus] = useState<ServerRunStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const graphs = useResource(() => api.listGraphs({ limit: 200 }), [api]);
  const runs = useResource(
    () => runsApi.list(api, { ...(graphId ? { graphId } : {}), ...(status ? { status } : {}), limit: pageSize, offset }),
    [api, graphId, status, offset],
    3_000,
  );
  const action = useAction(runs.reload);
  const names = new Map(graphs.data?.items.map((g) => [g.id, g.name]));
  const writable = can(server, 'runs:write');
  const total = runs.data?.total ?? 0;
  return (
    <PageShell title="Runs" errors={[runs.error, action.error]}>
      <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Graph
          <select
            value={graphId}
            onChange={(e) => {
              setGraphId(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">All graphs</option>
            {graphs.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as ServerRunStatus | '');
              setOffset(0);
            }}
          >
            <option value="">Any status</option>
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={runs.reload}>
          Refresh
        </button>
      </form>
      {runs.data && runs.data.items.length === 0 && <p className="muted">No runs match.</p>}
      {runs.data && runs.data.items.length > 0 && (
        <table className="data-list" aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Graph</th>
              <th scope="col">Status</th>
              <th scope="col">Started by</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <th scope="row">#{run.id}</th>
                <td>
                  <GraphLabel id={run.graphId} name={names.get(run.graphId)} version={`v${run.version}`} />
                </td>
                <td>
                  <span className={`status-pill status-${run.status}`}>{run.status}</span>
                  {run.retryOf !== null && <span className="muted"> retry of #{run.retryOf}</span>}
                  {errorText(run.error) && <div className="muted">{errorText(run.error)}</div>}
                </td>
                <td>{run.createdBy}</td>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onOpen(run)} aria-label={`Open run ${run.id} on the canvas`}>
                    Open
                  </button>
                  {writable && (run.status === 'queued' || run.status === 'running') && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() => void action.run(() => runsApi.cancel(api, run.id))}
                      aria-label={`Cancel run ${run.id}`}
                    >
                      Cancel
                    </button>
                  )}
                  {writable && run.status !== 'queued' && run.status !== 'running' && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() => void action.run(() => runsApi.retry(api, run.id))}
                      aria-label={`Retry run ${run.id}`}
                    >
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > pageSize && (
        <nav className="pager" aria-label="Pages of runs">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            Newer
          </button>
          <span>
            {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
          </span>
          <button type="button" disabled={offset + pageSize >= total} onClick={() => setOffset(offset + pageSize)}>
            Older
          </button>
        </nav>
      )}
    </PageShell>
  );
}

function errorText(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return undefined;
}
