import { formatNumber, type MetricsValue, type ModelCard, orderMetrics, type ReportValue } from '@causeway/sdk';
import type { ReactNode } from 'react';

/** Metrics: one tile per value, headline figures first, and the confusion matrix when there is one. */
export function MetricsView({ value }: { value: MetricsValue }) {
  const train = value.dataset === 'train';
  return (
    <div className="metrics">
      {train && <p className="muted">Measured on the training rows: how well the model fits what it learned from, not a test.</p>}
      <dl className="metric-tiles">
        {orderMetrics(value.values).map(([name, x]) => (
          <div key={name}>
            <dt>
              {train && <span className="metric-set">train </span>}
              {name}
            </dt>
            <dd>{Number.isInteger(x) ? x.toLocaleString('en') : formatNumber(x, 4)}</dd>
          </div>
        ))}
      </dl>
      {value.confusion && (
        <table className="confusion">
          <caption>Confusion matrix (rows: actual, columns: predicted)</caption>
          <thead>
            <tr>
              <th scope="col" />
              {value.confusion.labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.confusion.matrix.map((row, i) => (
              <tr key={value.confusion?.labels[i] ?? i}>
                <th scope="row">{value.confusion?.labels[i]}</th>
                {row.map((n, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: matrix cells are positional
                  <td key={j}>{n}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A validation report: passed or failed, then each check. */
export function ReportView({ value }: { value: ReportValue }) {
  return (
    <div className="report">
      <p className={value.passed ? 'pass' : 'fail'}>
        {value.passed ? '✔ Passed' : '✘ Failed'}
        {value.summary ? ` — ${value.summary}` : ''}
      </p>
      <ul>
        {value.checks.map((check) => (
          <li key={check.name} className={check.passed ? 'pass' : 'fail'}>
            <strong>
              {check.passed ? '✔' : '✘'} {check.name}
            </strong>
            : {check.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A model card: task, target, classes, features with types, metrics; then `children` (e.g. a download). */
export function ModelCardView({ card, bytes, children }: { card: ModelCard; bytes: number; children?: ReactNode }) {
  const trainingMetrics = numbersOf(card.trainingMetrics);
  return (
    <div className="model-card">
      <p>
        <strong>{card.task}</strong> model{card.target ? ` of “${card.target}”` : ''} · ONNX {(bytes / 1024).toFixed(1)} KB
      </p>
      {card.classes && <p>Classes: {card.classes.join(', ')}</p>}
      <table>
        <caption>Features</caption>
        <tbody>
          {card.features.map((f) => (
            <tr key={f.name}>
              <th scope="row">{f.name}</th>
              <td>{f.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.metrics && <MetricsView value={{ values: card.metrics }} />}
      {trainingMetrics && <MetricsView value={{ values: trainingMetrics, dataset: 'train' }} />}
      {children}
    </div>
  );
}

// A card's extra fields are unchecked JSON: only a record of numbers is shown as metrics.
function numbersOf(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
