import type { CanaryPolicy, LivePerformanceDrop } from '@causeway/contract';
import type { LiveMetricValues } from './live-metric-sums';

/** Requests, errors and summed latency of one version over the canary's time, from every process's counts. */
export interface VersionFigures {
  requests: number;
  errors: number;
  latencyMsSum: number;
}

/** What a canary policy decides: wait for its time to be up, promote the canary, or end it. */
export interface CanaryVerdict {
  decision: 'wait' | 'promote' | 'end';
  reason: string;
}

/** Each version's live metrics from feedback on the predictions it answered during the canary. */
export interface LiveFigures {
  active: LiveMetricValues | undefined;
  canary: LiveMetricValues | undefined;
}

const rate = (f: VersionFigures) => (f.requests === 0 ? 0 : f.errors / f.requests);
const meanMs = (f: VersionFigures) => (f.requests === 0 ? 0 : f.latencyMsSum / f.requests);
const fixed = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

/**
 * The policy's verdict once `durationMinutes` have passed since the canary started: promote when the
 * canary saw `minRequests` and neither its error rate nor its mean latency is worse than the active
 * version's beyond the policy's margins, nor (with `maxLivePerformanceDrop`) its live performance, see
 * {@link liveVerdict}; end it otherwise.
 *
 * @example
 * canaryVerdict(policy, startedAt, now, { active, canary }) // { decision: 'promote', reason: '…' }
 */
export function canaryVerdict(
  policy: CanaryPolicy,
  startedAt: Date,
  now: number,
  figures: { active: VersionFigures; canary: VersionFigures },
  live?: LiveFigures,
): CanaryVerdict {
  const dueAt = startedAt.getTime() + policy.durationMinutes * 60_000;
  if (now < dueAt) return { decision: 'wait', reason: `the canary runs until ${new Date(dueAt).toISOString()}` };
  const { active, canary } = figures;
  if (canary.requests < policy.minRequests)
    return {
      decision: 'end',
      reason: `the canary answered ${canary.requests} requests, fewer than the ${policy.minRequests} the policy needs`,
    };
  const errorRise = rate(canary) - rate(active);
  if (errorRise > policy.maxErrorRateIncrease) {
    return {
      decision: 'end',
      reason: `the canary's error rate ${fixed(rate(canary) * 100, 2)} % is worse than the active version's ${fixed(rate(active) * 100, 2)} % by more than ${fixed(policy.maxErrorRateIncrease * 100, 2)} points`,
    };
  }
  const latencyLimit = meanMs(active) * (1 + policy.maxLatencyIncrease);
  if (active.requests > 0 && meanMs(canary) > latencyLimit) {
    return {
      decision: 'end',
      reason: `the canary's mean latency ${fixed(meanMs(canary), 3)} ms is worse than the active version's ${fixed(meanMs(active), 3)} ms by more than ${fixed(policy.maxLatencyIncrease * 100, 1)} %`,
    };
  }
  const performance = policy.maxLivePerformanceDrop === undefined ? undefined : liveVerdict(policy.maxLivePerformanceDrop, live);
  if (performance?.decision === 'end') return performance;
  return {
    decision: 'promote',
    reason: `after ${policy.durationMinutes} min and ${canary.requests} requests the canary's error rate (${fixed(rate(canary) * 100, 2)} %) and mean latency (${fixed(meanMs(canary), 3)} ms) are not worse than the active version's (${fixed(rate(active) * 100, 2)} %, ${fixed(meanMs(active), 3)} ms)${performance ? `; ${performance.reason}` : ''}`,
  };
}

const higherIsBetter = new Set<LivePerformanceDrop['metric']>(['accuracy', 'auc']);

/**
 * The live-performance part of the verdict: `end` when the canary's metric is worse than the active
 * version's by more than the margin, or (unless the policy says `ignore`) when either version has
 * fewer than `minOutcomes` outcomes or no value of the metric; `promote` otherwise, with its reason.
 */
export function liveVerdict(drop: LivePerformanceDrop, live: LiveFigures | undefined): CanaryVerdict {
  const { metric, margin, minOutcomes } = drop;
  const sides = { active: live?.active, canary: live?.canary };
  for (const side of ['canary', 'active'] as const) {
    const values = sides[side];
    const value = values?.[metric];
    const count = values?.count ?? 0;
    const scarce = count < minOutcomes ? `${count} outcomes, fewer than the ${minOutcomes} the policy needs` : undefined;
    const missing = typeof value !== 'number' || !Number.isFinite(value) ? `no ${metric} from its outcomes` : undefined;
    const why = scarce ?? missing;
    if (why === undefined) continue;
    const who = side === 'canary' ? 'the canary' : 'the active version';
    if (drop.tooFewOutcomes === 'ignore') return { decision: 'promote', reason: `live ${metric} not compared (${who} has ${why})` };
    return { decision: 'end', reason: `not enough evidence of live ${metric}: ${who} has ${why}` };
  }
  const a = sides.active?.[metric] as number;
  const c = sides.canary?.[metric] as number;
  const worseBy = higherIsBetter.has(metric) ? a - c : c - a;
  const shown = `the canary's live ${metric} ${fixed(c, 4)} against the active version's ${fixed(a, 4)}`;
  if (worseBy > margin) return { decision: 'end', reason: `${shown} is worse by more than ${fixed(margin, 4)}` };
  return { decision: 'promote', reason: `${shown} is within ${fixed(margin, 4)}` };
}
