import { useState } from 'react';
import { endpointsApi } from '../api/endpoints-api';
import { modelsApi } from '../api/models-api';
import type { Server } from '../app/server-context';
import { useAction, useResource } from './use-resource';

const empty = { name: '', model: '', description: '', samplePercent: '5', retentionDays: '30' };

/** Creates an endpoint for a registered model; it answers once a version is promoted on it. */
export function NewEndpointForm({ server, onCreated }: { server: Server; onCreated: () => void }) {
  const models = useResource(() => modelsApi.list(server.api), [server.api]);
  const [form, setForm] = useState(empty);
  const action = useAction(() => {
    setForm(empty);
    onCreated();
  });
  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  return (
    <details className="create-form">
      <summary>New endpoint</summary>
      <form
        aria-label="New endpoint"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() =>
            endpointsApi.create(server.api, {
              name: form.name.trim(),
              model: form.model,
              description: form.description.trim(),
              sampleRate: Number(form.samplePercent) / 100,
              retentionDays: Number(form.retentionDays),
            }),
          );
        }}
      >
        {action.error && (
          <p className="page-error" role="alert">
            {action.error}
          </p>
        )}
        <label>
          Name
          <input required autoComplete="off" value={form.name} onChange={set('name')} />
        </label>
        <label>
          Model
          <select required value={form.model} onChange={set('model')}>
            <option value="">Choose a registered model…</option>
            {models.data?.items.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
                {m.productionVersion === null ? ' (nothing in production)' : ` (production v${m.productionVersion})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Description
          <input value={form.description} onChange={set('description')} />
        </label>
        <label>
          Requests stored (%)
          <input type="number" min={0} max={100} step="any" required value={form.samplePercent} onChange={set('samplePercent')} />
        </label>
        <label>
          Keep stored requests (days)
          <input type="number" min={1} max={3650} required value={form.retentionDays} onChange={set('retentionDays')} />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          Create endpoint
        </button>
      </form>
      {models.data?.items.length === 0 && <p className="muted">Register a model first (see the Models page).</p>}
    </details>
  );
}
