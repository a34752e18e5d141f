import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCounts, ksAgainstHistogram, ksStatistic, psi } from './drift-statistics';

const sortedSample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 }).map((v) => Float64Array.from(v).sort());

function bruteKs(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (const x of [...a, ...b]) {
    const fa = a.filter((v) => v <= x).length / a.length;
    const fb = b.filter((v) => v <= x).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('drift statistics', () => {
  it('KS equals the largest gap between the two distribution functions', () => {
    fc.assert(
      fc.property(sortedSample, sortedSample, (a, b) => {
        expect(ksStatistic(a, b)).toBeCloseTo(bruteKs(a, b), 12);
      }),
    );
  });

  it('KS at histogram edges never exceeds the exact statistic', () => {
    fc.assert(
      fc.property(sortedSample, sortedSample, (a, b) => {
        const lo = a[0] as number;
        const hi = a.at(-1) as number;
        const edges = hi > lo ? [lo, lo + (hi - lo) / 3, lo + (2 * (hi - lo)) / 3, hi] : [lo, lo + 1];
        expect(ksAgainstHistogram(edges, binCounts(edges, a), b)).toBeLessThanOrEqual(ksStatistic(a, b) + 1e-12);
      }),
    );
  });

  it('PSI is 0 for identical proportions, symmetric, and positive otherwise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 10 }),
        (pairs) => {
          const r = pairs.map(([x]) => x);
          const c = pairs.map(([, y]) => y);
          fc.pre(r.some((v) => v > 0) && c.some((v) => v > 0));
          expect(
            psi(
              r,
              r.map((v) => v * 3),
            ),
          ).toBeCloseTo(0, 12);
          expect(psi(r, c)).toBeCloseTo(psi(c, r), 12);
          expect(psi(r, c)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('bins values below and above the edges into the outer bins', () => {
    expect(binCounts([0, 1, 2], Float64Array.of(-3, 0.5, 1, 2, 9))).toEqual([2, 3]);
  });
});
