import { createHash } from 'node:crypto';

/** How a schedule retries a failed run. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential backoff
 * `baseMs · 2^(attempt-1)` capped at `maxMs`, with "equal jitter" (half fixed, half random). The
 * random half is drawn from a hash of the seed and the occurrence, so a seed reproduces the delays.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, seed: string): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const half = exponential / 2;
  return Math.round(half + half * unitFromSeed(`${seed}:${attempt}`));
}

/** A number in [0, 1) from a string. */
function unitFromSeed(seed: string): number {
  const digest = createHash('sha256').update(seed).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
