import type { CanaryPolicy } from '@causeway/contract';

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

const rate = (f: VersionFigures) => (f.requests === 0 ? 0 : f.errors / f.requests);
const meanMs = (f: VersionFigures) => (f.requests === 0 ? 0 : f.latencyMsSum / f.requests);
const fixed = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

/**
 * The policy's verdict once `durationMinutes` have passed since the canary started: promote when the
 * canary saw `minRequests` and neither its error rate nor its mean latency is worse than the active
 * version's beyond the policy's margins; end it otherwise.
 *
 * @example
 * canaryVerdict(policy, startedAt, now, { active, canary }) // { decision: 'promote', reason: '…' }
 */
export function canaryVerdict(
  policy: CanaryPolicy,
  startedAt: Date,
  now: number,
  figures: { active: VersionFigures; canary: VersionFigures },
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
  return {
    decision: 'promote',
    reason: `after ${policy.durationMinutes} min and ${canary.requests} requests the canary's error rate (${fixed(rate(canary) * 100, 2)} %) and mean latency (${fixed(meanMs(canary), 3)} ms) are not worse than the active version's (${fixed(rate(active) * 100, 2)} %, ${fixed(meanMs(active), 3)} ms)`,
  };
}
