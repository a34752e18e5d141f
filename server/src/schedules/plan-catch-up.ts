/** What to do with occurrences found missed after downtime. */
export type CatchUpPolicy = 'skip' | 'once' | 'all';

/** The occurrences to run and those to record as skipped (missed). */
export interface CatchUpPlan {
  fire: number[];
  missed: number[];
}

/**
 * Splits due occurrences (ascending) into those to run and those missed. An occurrence is on time
 * when it is at most `graceMs` old; older ones were missed (the schedulers were down) and follow
 * the policy: `skip` runs none of them, `once` runs only the latest, `all` runs the latest `limit`.
 * On-time occurrences always run.
 */
export function planCatchUp(due: readonly number[], now: number, graceMs: number, policy: CatchUpPolicy, limit: number): CatchUpPlan {
  const late = due.filter((at) => now - at > graceMs);
  const onTime = due.filter((at) => now - at <= graceMs);
  let keep: number[];
  if (policy === 'skip') keep = [];
  else if (policy === 'once') keep = late.slice(-1);
  else keep = late.slice(-Math.max(0, limit));
  const kept = new Set(keep);
  return { fire: [...keep, ...onTime], missed: late.filter((at) => !kept.has(at)) };
}
