import { useState } from 'react';
import { alertTarget, type ScheduleWithFireTimes, schedulesApi } from '../api/schedules-api';
import { can, type Server } from '../app/server-context';
import { GraphLabel } from './GraphLabel';
import { PageShell } from './PageShell';
import { useAction, useResource } from './use-resource';

/** Schedules: list, next fire times and history of one, pause and resume, a simple create form. */
export function SchedulesPage({ server, onOpenRun }: { server: Server; onOpenRun: (runId: number) => void }) {
  const { api } = server;
  const schedules = useResource(() => schedulesApi.list(api), [api], 10_000);
  const graphs = useResource(() => api.listGraphs({ limit: 200 }), [api], 10_000);
  const names = new Map(graphs.data?.items.map((g) => [g.id, g.name]));
  const [openId, setOpenId] = useState<number | undefined>();
  const action = useAction(schedules.reload);
  const writable = can(server, 'schedules:write');
  return (
    <PageShell title="Schedules" errors={[schedules.error, action.error]}>
      {writable && <NewScheduleForm server={server} onCreated={schedules.reload} />}
      {schedules.data?.items.length === 0 && <p className="muted">No schedules yet.</p>}
      {schedules.data && schedules.data.items.length > 0 && (
        <table className="data-list" aria-label="Schedules">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Graph</th>
              <th scope="col">When</th>
              <th scope="col">Next run</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {schedules.data.items.map((s) => (
              <tr key={s.id} data-schedule={s.name}>
                <th scope="row">{s.name}</th>
                <td>
                  <GraphLabel id={s.graphId} name={names.get(s.graphId)} version={s.version === 'latest' ? 'latest' : `v${s.version}`} />
                </td>
                <td>
                  <code>{s.cron}</code> <span className="muted">{s.timezone}</span>
                </td>
                <td>{s.paused || !s.nextFireAt ? '—' : new Date(s.nextFireAt).toLocaleString()}</td>
                <td>
                  <span className={`status-pill ${s.paused ? 'status-cancelled' : 'status-succeeded'}`}>
                    {s.paused ? 'paused' : 'active'}
                  </span>
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-expanded={openId === s.id}
                    aria-label={`Details of ${s.name}`}
                    onClick={() => setOpenId(openId === s.id ? undefined : s.id)}
                  >
                    Details
                  </button>
                  {writable && (
                    <button
                      type="button"
                      disabled={action.busy}
                      aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
                      onClick={() => void action.run(() => (s.paused ? schedulesApi.resume(api, s.id) : schedulesApi.pause(api, s.id)))}
                    >
                      {s.paused ? 'Resume' : 'Pause'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openId !== undefined && (
        // A changed schedule (paused, resumed) is read again with its fire times.
        <ScheduleDetails
          key={`${openId}:${schedules.data?.items.find((s) => s.id === openId)?.updatedAt}`}
          server={server}
          id={openId}
          onOpenRun={onOpenRun}
        />
      )}
    </PageShell>
  );
}

function ScheduleDetails({ server, id, onOpenRun }: { server: Server; id: number; onOpenRun: (runId: number) => void }) {
  const schedule = useResource(() => schedulesApi.get(server.api, id), [server.api, id]);
  const history = useResource(() => schedulesApi.history(server.api, id), [server.api, id], 10_000);
  const s: ScheduleWithFireTimes | undefined = schedule.data;
  return (
    <section className="details" aria-label="Schedule details">
      {(schedule.error || history.error) && <p className="page-error">{schedule.error ?? history.error}</p>}
      {s && (
        <>
          <h2>{s.name}</h2>
          <p className="muted">
            Overlap: {s.overlap} · catch-up: {s.catchUp.policy} (up to {s.catchUp.limit}) · retries: {s.retries.max} · alert:{' '}
            {alertTarget(s.alert)}
          </p>
          <h3>Next fire times</h3>
          <ul>
            {s.nextFireTimes.map((t) => (
              <li key={t.at}>
                {t.local} <span className="muted">({t.at})</span>
              </li>
            ))}
            {s.paused && <li className="muted">Paused: nothing fires until it is resumed.</li>}
          </ul>
        </>
      )}
      <h3>History</h3>
      {history.data?.items.length === 0 && <p className="muted">It has not fired yet.</p>}
      <ul className="history">
        {history.data?.items.map((o) => (
          <li key={o.fireAt}>
            {new Date(o.fireAt).toLocaleString()} — <span className={`status-pill status-${o.status}`}>{o.status}</span>
            {o.reason && <span className="muted"> {o.reason}</span>}
            {o.runs.map((r) => (
              <button key={r.id} type="button" className="link" onClick={() => onOpenRun(r.id)}>
                run #{r.id} ({r.status})
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewScheduleForm({ server, onCreated }: { server: Server; onCreated: () => void }) {
  const graphs = useResource(() => server.api.listGraphs({ limit: 200 }), [server.api]);
  const [form, setForm] = useState({ name: '', graphId: '', cron: '0 6 * * *', timezone: 'UTC' });
  const action = useAction(() => {
    setForm((f) => ({ ...f, name: '' }));
    onCreated();
  });
  return (
    <details className="create-form">
      <summary>New schedule</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => schedulesApi.create(server.api, form));
        }}
      >
        {action.error && (
          <p className="page-error" role="alert">
            {action.error}
          </p>
        )}
        <label>
          Name
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Graph
          <select required value={form.graphId} onChange={(e) => setForm({ ...form, graphId: e.target.value })}>
            <option value="">Choose a graph…</option>
            {graphs.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          Cron (minute hour day month weekday)
          <input required value={form.cron} onChange={(e) => setForm({ ...form, cron: e.target.value })} />
        </label>
        <label>
          Time zone
          <input required value={form.timezone} onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          Create schedule
        </button>
      </form>
    </details>
  );
}
