import type { ModelCard } from '@causeway/sdk';
import type { ModelVersionInfo } from '../api/models-api';
import { formatMetric } from './format-metric';

/** A version's card: what it predicts, from which features (with types), its classes and metrics. */
export function ModelVersionCard({ version: v }: { version: ModelVersionInfo }) {
  // The contract carries the card as JSON; the SDK's `ModelCard` names its fields.
  const card = (v.card ?? {}) as Partial<ModelCard>;
  const metrics = Object.entries(v.metrics);
  return (
    <section aria-label={`Card of v${v.version}`}>
      <h3>
        v{v.version} <span className="muted">registered {new Date(v.createdAt).toLocaleString()}</span>
      </h3>
      <p>
        {card.task ?? 'unknown task'}
        {card.target && (
          <>
            {' '}
            of <code>{card.target}</code>
          </>
        )}
        {card.classes && card.classes.length > 0 && <span className="muted"> · classes {card.classes.join(', ')}</span>}
      </p>
      {v.gate && <p className={v.gate.passed ? 'muted' : 'page-error'}>Gate: {v.gate.reason || (v.gate.passed ? 'passed' : 'failed')}</p>}
      {metrics.length > 0 && (
        <dl className="figures">
          {metrics.map(([k, n]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{formatMetric(n)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h4>Inputs</h4>
      <ul className="plain feature-list">
        {(card.features ?? []).map((f) => (
          <li key={f.name}>
            <code>{f.name}</code> <span className="muted">{f.type}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
