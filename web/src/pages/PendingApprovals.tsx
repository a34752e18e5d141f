import { useState } from 'react';
import { type ModelPromotion, modelsApi } from '../api/models-api';
import { can, type Server } from '../app/server-context';
import { useAction, useResource } from './use-resource';

/**
 * Versions a retraining run registered and asked to promote after an ops approval: Approve moves the
 * version to production (its gate must have passed), Reject leaves it where it is; both are audited.
 */
export function PendingApprovals({ server, onChanged }: { server: Server; onChanged: () => void }) {
  const pending = useResource(() => modelsApi.awaiting(server.api), [server.api], 10_000);
  const items = pending.data?.items ?? [];
  if (items.length === 0 && !pending.error) return null;
  return (
    <section className="details" aria-label="Waiting for approval">
      <h2>Waiting for approval</h2>
      {pending.error && (
        <p className="page-error" role="alert">
          {pending.error}
        </p>
      )}
      <table className="data-list" aria-label="Promotions waiting for approval">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Asked by</th>
            <th scope="col">When</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.key} data-promotion={`${p.name}:${p.version}`}>
              <th scope="row">
                {p.name} v{p.version}
              </th>
              <td>{p.requestedBy}</td>
              <td>{new Date(p.createdAt).toLocaleString()}</td>
              <td>
                {can(server, 'models:write') ? (
                  <Decision
                    server={server}
                    promotion={p}
                    onDone={() => {
                      pending.reload();
                      onChanged();
                    }}
                  />
                ) : (
                  <span className="muted">ops decide</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Decision({ server, promotion: p, onDone }: { server: Server; promotion: ModelPromotion; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  const decide = (decision: 'approve' | 'reject') =>
    void action.run(() => modelsApi.decide(server.api, p.name, p.version, decision, reason.trim() ? { reason: reason.trim() } : {}));
  return (
    <div className="row-actions">
      {action.error && (
        <p className="page-error" role="alert">
          {action.error}
        </p>
      )}
      <input
        aria-label={`Reason for v${p.version}`}
        placeholder="reason (audited)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="primary"
        disabled={action.busy}
        aria-label={`Approve ${p.name} v${p.version}`}
        onClick={() => decide('approve')}
      >
        Approve
      </button>
      <button type="button" disabled={action.busy} aria-label={`Reject ${p.name} v${p.version}`} onClick={() => decide('reject')}>
        Reject
      </button>
    </div>
  );
}
