import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterWarmUp, growthPer10Min, median, type Point, theilSenSlope } from './slope';

const line = (n: number, slope: number, start = 100): Point[] =>
  Array.from({ length: n }, (_, i) => ({ at: i * 1000, value: start + slope * i * 1000 }));

describe('theilSenSlope', () => {
  it('recovers the slope of a line exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: -5, max: 5, noNaN: true }), (n, slope) => {
        expect(theilSenSlope(line(n, slope))).toBeCloseTo(slope, 9);
      }),
    );
  });

  it('is not moved by a few spikes (a garbage collection, a run in flight)', () => {
    const flat = line(30, 0);
    for (const i of [5, 17, 29]) (flat[i] as Point).value = 10_000;
    expect(theilSenSlope(flat)).toBe(0);
  });

  it('is 0 for fewer than two distinct times', () => {
    expect(theilSenSlope([])).toBe(0);
    expect(theilSenSlope([{ at: 1, value: 5 }])).toBe(0);
  });
});

describe('growthPer10Min', () => {
  it('drops the warm-up and gives growth as a percentage of the level per 10 minutes', () => {
    // Ramp for the first third, then 1 % of 1000 per 10 minutes.
    const points = Array.from({ length: 90 }, (_, i) => {
      const at = i * 10_000;
      return { at, value: i < 30 ? 100 + i * 30 : 1000 + ((at - 300_000) / 600_000) * 10 };
    });
    expect(afterWarmUp(points)[0]?.at).toBeGreaterThanOrEqual(296_000);
    expect(growthPer10Min(points)).toBeCloseTo(1, 1);
  });

  it('takes the median level', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
