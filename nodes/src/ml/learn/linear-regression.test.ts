import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLinearRegression, predictLinearRegression } from './linear-regression';
import { matrixFromColumns } from './matrix';
import { loadFixture, loadReference, r2 } from './test-data';

const reference = loadReference().diabetes as Record<string, { r2: number; coef: number[]; intercept: number }>;
const { train, test } = loadFixture('diabetes');

describe('linear regression', () => {
  it('equals scikit-learn LinearRegression and Ridge(alpha=1) on diabetes (coefficients 1e-6 relative, test R² 1e-9)', async () => {
    for (const [name, alpha] of [
      ['linear', 0],
      ['ridge', 1],
    ] as const) {
      const expected = reference[name] as { r2: number; coef: number[]; intercept: number };
      const model = await fitLinearRegression(train.x, train.y, { alpha });
      model.coef.forEach((c, j) => {
        expect(Math.abs(c - (expected.coef[j] as number))).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected.coef[j] as number)));
      });
      expect(model.intercept).toBeCloseTo(expected.intercept, 6);
      expect(Math.abs(r2(test.y, predictLinearRegression(model, test.x)) - expected.r2)).toBeLessThan(1e-9);
    }
  });

  it('does not penalise the intercept: a huge ridge penalty leaves the mean of y', async () => {
    const model = await fitLinearRegression(train.x, train.y, { alpha: 1e15 });
    const mean = train.y.reduce((a, b) => a + b, 0) / train.y.length;
    expect(model.intercept).toBeCloseTo(mean, 4);
    for (const c of model.coef) expect(Math.abs(c)).toBeLessThan(1e-6);
  });

  it('recovers an exact linear relation (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        async (w, b) => {
          const n = 40;
          const cols = [0, 1, 2].map((j) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * (j + 1.3)) * (j + 1) + i * 0.01 * j));
          const y = Float64Array.from({ length: n }, (_, i) => b + cols.reduce((s, c, j) => s + (w[j] as number) * (c[i] as number), 0));
          const model = await fitLinearRegression(matrixFromColumns(['a', 'b', 'c'], cols), y);
          model.coef.forEach((c, j) => {
            expect(c).toBeCloseTo(w[j] as number, 6);
          });
          expect(model.intercept).toBeCloseTo(b, 6);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('solves collinear features with a jitter instead of failing', async () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => i);
    const model = await fitLinearRegression(
      matrixFromColumns(['a', 'a2'], [a, a]),
      Float64Array.from(a, (v) => 2 * v + 1),
    );
    const pred = predictLinearRegression(model, matrixFromColumns(['a', 'a2'], [a, a]));
    pred.forEach((p, i) => {
      expect(p).toBeCloseTo(2 * i + 1, 5);
    });
  });

  it('refuses NaN features and a negative penalty with catalog codes', async () => {
    const x = matrixFromColumns(['a'], [[1, Number.NaN, 3]]);
    await expect(fitLinearRegression(x, new Float64Array(3))).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    const ok = matrixFromColumns(['a'], [[1, 2, 3]]);
    await expect(fitLinearRegression(ok, new Float64Array(3), { alpha: -1 })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('stops with RUN_CANCELLED when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fitLinearRegression(train.x, train.y, {}, { signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ code: 'RUN_CANCELLED' }),
    );
  });
});
