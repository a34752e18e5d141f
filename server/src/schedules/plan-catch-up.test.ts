import fc from 'fast-check';
import { expect, test } from 'vitest';
import { planCatchUp } from './plan-catch-up';
import { retryDelay } from './retry-delay';

const minute = 60_000;
const now = Date.parse('2026-01-01T14:05:00Z');
// Every 15 minutes from 12:00 to 14:00: nine occurrences, all more than the grace late but 14:00.
const due = Array.from({ length: 9 }, (_, i) => Date.parse('2026-01-01T12:00:00Z') + i * 15 * minute);

test('each catch-up policy after an outage', () => {
  expect(planCatchUp(due, now, 10 * minute, 'skip', 5)).toEqual({ fire: [due[8]], missed: due.slice(0, 8) });
  expect(planCatchUp(due, now, 10 * minute, 'once', 5)).toEqual({ fire: [due[7], due[8]], missed: due.slice(0, 7) });
  expect(planCatchUp(due, now, 10 * minute, 'all', 3)).toEqual({ fire: due.slice(5), missed: due.slice(0, 5) });
  expect(planCatchUp(due, now, 10 * minute, 'all', 100)).toEqual({ fire: due, missed: [] });
  // On time: always fired, whatever the policy.
  expect(planCatchUp([now - 1_000], now, minute, 'skip', 1)).toEqual({ fire: [now - 1_000], missed: [] });
});

test('property: every due occurrence is either fired or missed, never both, and the policy bounds the late ones fired', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 60 }),
      fc.integer({ min: 0, max: 5_000 }),
      fc.constantFrom('skip' as const, 'once' as const, 'all' as const),
      fc.integer({ min: 1, max: 20 }),
      (offsets, grace, policy, limit) => {
        const times = offsets.map((o) => now - o * 1_000).sort((a, b) => a - b);
        const { fire, missed } = planCatchUp(times, now, grace * 1_000, policy, limit);
        expect([...fire, ...missed].sort((a, b) => a - b)).toEqual(times);
        const late = times.filter((at) => now - at > grace * 1_000);
        const firedLate = fire.filter((at) => late.includes(at));
        const bound = policy === 'skip' ? 0 : policy === 'once' ? 1 : limit;
        expect(firedLate.length).toBe(Math.min(bound, late.length));
        // The late ones fired are the most recent.
        expect(firedLate).toEqual(late.slice(late.length - firedLate.length));
      },
    ),
  );
});

test('retry delays: exponential, capped, jittered within the upper half, and reproduced by the seed', () => {
  const policy = { baseMs: 1_000, maxMs: 30_000 };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.string(), (attempt, seed) => {
      const delay = retryDelay(policy, attempt, seed);
      const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      expect(delay).toBeGreaterThanOrEqual(exponential / 2);
      expect(delay).toBeLessThanOrEqual(exponential);
      expect(retryDelay(policy, attempt, seed)).toBe(delay);
    }),
  );
  const spread = new Set(Array.from({ length: 50 }, (_, i) => retryDelay(policy, 3, `occurrence-${i}`)));
  expect(spread.size).toBeGreaterThan(40);
});
