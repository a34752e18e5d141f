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
          {p.histogram && <Histogram {...p.histogram} label={p.name} />}
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

function Histogram({ min, max, counts, label }: { min: number; max: number; counts: number[]; label: string }) {
  const top = Math.max(1, ...counts);
  return (
    <figure className="histogram">
      <svg
        viewBox={`0 0 ${counts.length * 6} 40`}
        role="img"
        aria-label={`Histogram of ${label} from ${min} to ${max}`}
        preserveAspectRatio="none"
      >
        {counts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
          <rect key={i} x={i * 6} y={40 - (40 * c) / top} width={5} height={(40 * c) / top} fill="#1760a5" />
        ))}
      </svg>
      <figcaption>
        <span>{formatNumber(min)}</span>
        <span>{formatNumber(max)}</span>
      </figcaption>
    </figure>
  );
}

const formatNumber = (x: number) =>
  Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(Math.round(x * 1000) / 1000);
