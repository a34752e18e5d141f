import { useState } from 'react';
import type { Server } from '../app/server-context';
import type { AlertMode, ScheduleFormState } from './schedule-form';
import { useAction, useResource } from './use-resource';

/**
 * Every option of a schedule: graph and version, cron and time zone, overlap, catch-up, retries and
 * alerts. `isNew` adds the name; `onSave` sends the form and may throw the server's refusal.
 */
export function ScheduleForm({
  server,
  initial,
  isNew,
  label,
  submitText,
  onSave,
  onCancel,
}: {
  server: Server;
  initial: ScheduleFormState;
  isNew: boolean;
  label: string;
  submitText: string;
  onSave: (form: ScheduleFormState) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const graphs = useResource(() => server.api.listGraphs({ limit: 200 }), [server.api]);
  const [f, setForm] = useState(initial);
  const action = useAction(() => isNew && setForm((now) => ({ ...now, name: '' })));
  const text = (field: keyof ScheduleFormState) => (e: { target: { value: string } }) => setForm({ ...f, [field]: e.target.value });
  return (
    <form
      className="schedule-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => onSave(f));
      }}
    >
      {action.error && (
        <p className="page-error" role="alert">
          {action.error}
        </p>
      )}
      {isNew && (
        <label>
          Name
          <input required autoComplete="off" value={f.name} onChange={text('name')} />
        </label>
      )}
      <label>
        Graph
        <select required value={f.graphId} onChange={text('graphId')}>
          <option value="">Choose a graph…</option>
          {graphs.data?.items.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        Graph version (“latest” or a number)
        <input required value={f.version} onChange={text('version')} />
      </label>
      <label>
        Cron (minute hour day month weekday)
        <input required value={f.cron} onChange={text('cron')} />
      </label>
      <label>
        Time zone
        <input required value={f.timezone} onChange={text('timezone')} />
      </label>
      <label>
        If the last run is still going
        <select value={f.overlap} onChange={(e) => setForm({ ...f, overlap: e.target.value === 'queue' ? 'queue' : 'skip' })}>
          <option value="skip">skip this occurrence</option>
          <option value="queue">queue it</option>
        </select>
      </label>
      <label>
        Missed while no server ran
        <select value={f.catchUp} onChange={(e) => setForm({ ...f, catchUp: catchUpOf(e.target.value) })}>
          <option value="skip">skip them</option>
          <option value="once">run the latest once</option>
          <option value="all">run each (up to the limit)</option>
        </select>
      </label>
      <label>
        Catch-up limit
        <input type="number" min={1} max={1000} required value={f.catchUpLimit} onChange={text('catchUpLimit')} />
      </label>
      <label>
        Retries
        <input type="number" min={0} max={20} required value={f.retries} onChange={text('retries')} />
      </label>
      <label>
        First retry after (s)
        <input type="number" min={1} max={86400} required value={f.retryBaseSeconds} onChange={text('retryBaseSeconds')} />
      </label>
      <label>
        Longest wait (s)
        <input type="number" min={1} max={86400} required value={f.retryMaxSeconds} onChange={text('retryMaxSeconds')} />
      </label>
      <label>
        Alert when it fails for good
        <select value={f.alert} onChange={(e) => setForm({ ...f, alert: alertOf(e.target.value) })}>
          {!isNew && initial.alert === 'keep' && <option value="keep">keep the current webhook</option>}
          <option value="none">no alert</option>
          <option value="url">a webhook URL</option>
          <option value="secret">a webhook URL kept in a secret</option>
        </select>
      </label>
      {f.alert === 'url' && (
        <label>
          Webhook URL
          <input type="url" required value={f.alertUrl} onChange={text('alertUrl')} />
        </label>
      )}
      {f.alert === 'secret' && (
        <label>
          Secret name
          <input required value={f.alertSecret} onChange={text('alertSecret')} />
        </label>
      )}
      {f.alert !== 'none' && (
        <>
          <label>
            At most one alert every (min)
            <input
              type="number"
              min={0}
              max={10080}
              step="any"
              required
              value={f.alertThrottleMinutes}
              onChange={text('alertThrottleMinutes')}
            />
          </label>
          <label>
            Alert body
            <select
              value={f.alertFormat}
              onChange={(e) => setForm({ ...f, alertFormat: e.target.value === 'slack' ? 'slack' : 'causeway' })}
            >
              <option value="causeway">structured JSON with a text line</option>
              <option value="slack">Slack-compatible: only text</option>
            </select>
          </label>
        </>
      )}
      <label>
        Also run when drift is detected on endpoint (optional)
        <input value={f.onDriftOf} placeholder="e.g. churn" onChange={text('onDriftOf')} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={f.requireGraphTests} onChange={(e) => setForm({ ...f, requireGraphTests: e.target.checked })} />
        Run a new graph version only once its tests passed
      </label>
      <label className="inline">
        <input type="checkbox" checked={f.paused} onChange={(e) => setForm({ ...f, paused: e.target.checked })} />
        Paused
      </label>
      <div className="row-actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {submitText}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

const catchUpOf = (v: string): ScheduleFormState['catchUp'] => (v === 'once' || v === 'all' ? v : 'skip');
const alertOf = (v: string): AlertMode => (v === 'keep' || v === 'url' || v === 'secret' ? v : 'none');
