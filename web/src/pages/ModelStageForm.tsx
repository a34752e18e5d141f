import { useState } from 'react';
import { type ModelVersionInfo, modelStages, modelsApi } from '../api/models-api';
import type { Server } from '../app/server-context';
import { useAction } from './use-resource';

type Stage = (typeof modelStages)[number];

/** Moves a version to a stage. Production needs a passed gate, or an override with a reason (audited). */
export function ModelStageForm({ server, version: v, onChanged }: { server: Server; version: ModelVersionInfo; onChanged: () => void }) {
  const [stage, setStage] = useState<Stage>(v.stage === 'production' ? 'archived' : 'production');
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(onChanged);
  const gateOk = v.gate?.passed === true;
  const needsOverride = stage === 'production' && !gateOk;
  return (
    <form
      className="endpoint-actions"
      aria-label={`Stage of v${v.version}`}
      onSubmit={(e) => {
        e.preventDefault();
        const why = reason.trim() ? { reason: reason.trim() } : {};
        void action.run(() => modelsApi.setStage(server.api, v.name, v.version, { stage, override: needsOverride && override, ...why }));
      }}
    >
      {action.error && (
        <p className="page-error" role="alert">
          {action.error}
        </p>
      )}
      <label>
        Move v{v.version} to
        <select value={stage} onChange={(e) => setStage(modelStages.find((s) => s === e.target.value) ?? 'none')}>
          {modelStages
            .filter((s) => s !== v.stage)
            .map((s) => (
              <option key={s} value={s}>
                {s === 'archived' ? 'archived (retire it)' : s}
              </option>
            ))}
        </select>
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {needsOverride && (
        <label className="inline">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          Override the {v.gate ? 'failed' : 'missing'} gate (needs a reason; audited)
        </label>
      )}
      <button type="submit" className="primary" disabled={action.busy || stage === v.stage}>
        {stage === 'production' ? 'Promote' : stage === 'archived' ? 'Archive' : 'Move'}
      </button>
    </form>
  );
}
