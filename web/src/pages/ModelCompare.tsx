import type { ModelComparison } from '../api/models-api';
import { modelsApi } from '../api/models-api';
import type { Server } from '../app/server-context';
import { formatMetric } from './format-metric';
import { useResource } from './use-resource';

/** Two versions side by side: metrics with b − a, and what changed in their cards. */
export function ModelCompare({ server, name, a, b }: { server: Server; name: string; a: number; b: number }) {
  const comparison = useResource(() => modelsApi.compare(server.api, name, a, b), [server.api, name, a, b]);
  const c = comparison.data;
  return (
    <section aria-label={`Compare v${a} and v${b}`}>
      <h3>
        v{a} and v{b}
      </h3>
      {comparison.error && (
        <p className="page-error" role="alert">
          {comparison.error}
        </p>
      )}
      {c && (
        <>
          <table className="data-list" aria-label="Metrics compared">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">v{a}</th>
                <th scope="col">v{b}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {c.metrics.map((m) => (
                <tr key={m.name}>
                  <th scope="row">{m.name}</th>
                  <td>{formatMetric(m.a)}</td>
                  <td>{formatMetric(m.b)}</td>
                  <td>{formatMetric(m.delta, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="history">
            {cardChanges(c).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The card's differences in words; "same inputs" when nothing differs. */
function cardChanges({ card }: ModelComparison): string[] {
  const lines: string[] = [];
  if (card.task.changed) lines.push(`task ${String(card.task.a)} → ${String(card.task.b)}`);
  if (card.target.changed) lines.push(`target ${String(card.target.a)} → ${String(card.target.b)}`);
  if (card.features.added.length) lines.push(`inputs added: ${card.features.added.join(', ')}`);
  if (card.features.removed.length) lines.push(`inputs removed: ${card.features.removed.join(', ')}`);
  for (const t of card.features.typeChanged) lines.push(`${t.name}: ${t.a} → ${t.b}`);
  if (card.classes.added.length) lines.push(`classes added: ${card.classes.added.join(', ')}`);
  if (card.classes.removed.length) lines.push(`classes removed: ${card.classes.removed.join(', ')}`);
  const stats = card.statistics.length;
  if (stats)
    lines.push(
      `${stats} training statistic${stats === 1 ? '' : 's'} differ (e.g. ${card.statistics[0]?.feature} ${card.statistics[0]?.statistic})`,
    );
  return lines.length ? lines : ['Same inputs, target and classes.'];
}
