import { alertTarget, type ScheduleWithFireTimes, schedulesApi } from '../api/schedules-api';
import type { Server } from '../app/server-context';
import { useResource } from './use-resource';

/** One schedule: its options, next fire times and history with each occurrence's runs. */
export function ScheduleDetails({ server, id, onOpenRun }: { server: Server; id: number; onOpenRun: (runId: number) => void }) {
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
