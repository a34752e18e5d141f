import { type ColumnType, formatValue } from '@causeway/sdk';
import type { ColumnProfile } from '../runner/runner-protocol';

/** Per column: type, nulls, distinct values and a histogram (numbers) or the top values (text). */
export function ColumnProfileView({ profiles }: { profiles: readonly ColumnProfile[] }) {
  if (profiles.length === 0) return <p className="muted">Profiling…</p>;
  return (
    <div className="profiles">
      {profiles.map((p) => (
        <section key={p.name} className="profile" aria-label={`Profile of ${p.name}`}>
          <h3>
            {p.name} <small>{p.type}</small>
          </h3>
          <dl>
            <dt>nulls</dt>
            <dd>
              {p.nulls.toLocaleString('en')} ({p.rows ? ((100 * p.nulls) / p.rows).toFixed(1) : '0'}%)
            </dd>
            <dt>distinct</dt>
            <dd>{p.distinct.toLocaleString('en')}</dd>
          </dl>
          {p.histogram && <Histogram {...p.histogram} type={p.type} label={p.name} />}
          {p.top && (
            <ol className="top-values">
              {p.top.map((t) => (
                <li key={t.value}>
                  <span>{t.value}</span> <small>{t.count.toLocaleString('en')}</small>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}

interface HistogramProps {
  min: number;
  max: number;
  counts: number[];
  type: ColumnType;
  label: string;
}

function Histogram({ min, max, counts, type, label }: HistogramProps) {
  const top = Math.max(1, ...counts);
  const [from, to] = [formatValue(min, type), formatValue(max, type)];
  return (
    <figure className="histogram">
      <svg
        viewBox={`0 0 ${counts.length * 6} 40`}
        role="img"
        aria-label={`Histogram of ${label} from ${from} to ${to}`}
        preserveAspectRatio="none"
      >
        {counts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
          <rect key={i} x={i * 6} y={40 - (40 * c) / top} width={5} height={(40 * c) / top} fill="#1760a5" />
        ))}
      </svg>
      <figcaption>
        <span>{from}</span>
        <span>{to}</span>
      </figcaption>
    </figure>
  );
}
