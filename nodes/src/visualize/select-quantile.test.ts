import { quantileSorted, seededRandom } from '@causeway/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileInPlace } from './select-quantile';

describe('quantileInPlace', () => {
  it('equals the quantile of the sorted values, for any values and q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = Float64Array.from(values).sort();
          expect(quantileInPlace(Float64Array.from(values), q)).toBe(quantileSorted(sorted, q));
        },
      ),
    );
  });

  it('handles sorted, reversed and constant runs, and empty input', () => {
    const random = seededRandom(1);
    const shuffled = Float64Array.from({ length: 10_001 }, () => random());
    const sorted = Float64Array.from(shuffled).sort();
    for (const input of [sorted, Float64Array.from(sorted).reverse(), new Float64Array(1000).fill(3), shuffled])
      for (const q of [0, 0.25, 0.5, 0.75, 1])
        expect(quantileInPlace(Float64Array.from(input), q)).toBe(quantileSorted(Float64Array.from(input).sort(), q));
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
  });
});
