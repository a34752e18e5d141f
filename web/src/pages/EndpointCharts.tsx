import type { EndpointDetail } from '../api/endpoints-api';
import { BarChart } from '../components/BarChart';

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;

/** Where requests went (per version, and the canary's planned share) and how fast they were answered, for this server process. */
export function EndpointCharts({ detail: d }: { detail: EndpointDetail }) {
  const { live } = d;
  const served = Object.values(live.byVersion).reduce((sum, n) => sum + n, 0);
  const split = Object.entries(live.byVersion)
    .filter(([version]) => Number(version) >= 1)
    .map(([version, n]) => ({
      label: `v${version}${Number(version) === d.activeVersion ? ' (active)' : Number(version) === d.canary?.version ? ' (canary)' : ''}`,
      value: n,
      text: `${n.toLocaleString('en')} (${served ? Math.round((n / served) * 100) : 0}%)`,
    }));
  const latency = (['p50', 'p95', 'p99', 'max'] as const).map((p) => ({ label: p, value: live.latencyMs[p], text: ms(live.latencyMs[p]) }));
  return (
    <div className="charts">
      <BarChart title="Traffic split: requests per version" bars={split} />
      <BarChart title="Latency percentiles" bars={live.requests === 0 ? [] : latency} />
      <p className="muted">
        This server process since {new Date(live.since).toLocaleString()}: {live.requests.toLocaleString('en')} requests,{' '}
        {live.errors.toLocaleString('en')} errors
        {d.canary && ` · canary v${d.canary.version} gets ${d.canary.percent}% of requests`}
        {d.shadowVersion !== null && ` · shadow v${d.shadowVersion}: ${live.shadow.disagreements} disagreements in ${live.shadow.requests}`}
        .
      </p>
    </div>
  );
}
