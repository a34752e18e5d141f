import { useState } from 'react';
import { runsApi } from '../api/runs-api';
import { type Schedule, schedulesApi } from '../api/schedules-api';
import { can, type Server } from '../app/server-context';
import { GraphLabel } from './GraphLabel';
import { PageShell } from './PageShell';
import { ScheduleDetails } from './ScheduleDetails';
import { ScheduleForm } from './ScheduleForm';
import { createBodyOf, formOf, newScheduleForm, scheduleBodyOf } from './schedule-form';
import { useAction, useResource } from './use-resource';

/** Schedules: list, next fire times and history of one; create, edit, pause, resume, run now and delete. */
export function SchedulesPage({ server, onOpenRun }: { server: Server; onOpenRun: (runId: number) => void }) {
  const { api } = server;
  const schedules = useResource(() => schedulesApi.list(api), [api], 10_000);
  const graphs = useResource(() => api.listGraphs({ limit: 200 }), [api], 10_000);
  const names = new Map(graphs.data?.items.map((g) => [g.id, g.name]));
  const [openId, setOpenId] = useState<number | undefined>();
  const [editing, setEditing] = useState<Schedule | undefined>();
  const [started, setStarted] = useState<{ runId: number; text: string } | undefined>();
  const action = useAction(schedules.reload);
  const runNow = (s: Schedule) =>
    action.run(async () => {
      const run = await runsApi.start(api, s.graphId, s.version === 'latest' ? undefined : s.version);
      setStarted({ runId: run.id, text: `Started run #${run.id} of ${s.graphId} for ${s.name}.` });
    });
  const writable = can(server, 'schedules:write');
  return (
    <PageShell title="Schedules" errors={[schedules.error, action.error]}>
      {writable && (
        <details className="create-form">
          <summary>New schedule</summary>
          <ScheduleForm
            server={server}
            initial={newScheduleForm}
            isNew
            label="New schedule"
            submitText="Create schedule"
            onSave={async (form) => {
              await schedulesApi.create(api, createBodyOf(form));
              schedules.reload();
            }}
          />
        </details>
      )}
      {started && (
        <p className="muted" role="status">
          {started.text}{' '}
          <button type="button" className="link" onClick={() => onOpenRun(started.runId)}>
            Open it on the canvas
          </button>
        </p>
      )}
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
                    <>
                      <button
                        type="button"
                        disabled={action.busy}
                        aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
                        onClick={() => void action.run(() => (s.paused ? schedulesApi.resume(api, s.id) : schedulesApi.pause(api, s.id)))}
                      >
                        {s.paused ? 'Resume' : 'Pause'}
                      </button>
                      <button type="button" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        disabled={action.busy}
                        aria-label={`Run now ${s.name}`}
                        title="Starts a run of the schedule's graph version now; the cron and its history are unchanged"
                        onClick={() => void runNow(s)}
                      >
                        Run now
                      </button>
                      <button
                        type="button"
                        disabled={action.busy}
                        aria-label={`Delete ${s.name}`}
                        onClick={() => {
                          if (!window.confirm(`Delete the schedule ${s.name} and its history? Its runs stay with the graph.`)) return;
                          if (openId === s.id) setOpenId(undefined);
                          if (editing?.id === s.id) setEditing(undefined);
                          void action.run(() => schedulesApi.remove(api, s.id));
                        }}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <section className="details create-form" aria-label={`Edit ${editing.name}`}>
          <h2>Edit {editing.name}</h2>
          <ScheduleForm
            key={editing.id}
            server={server}
            initial={formOf(editing)}
            isNew={false}
            label={`Options of ${editing.name}`}
            submitText="Save changes"
            onCancel={() => setEditing(undefined)}
            onSave={async (form) => {
              await schedulesApi.update(api, editing.id, scheduleBodyOf(form));
              setEditing(undefined);
              schedules.reload();
            }}
          />
        </section>
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
