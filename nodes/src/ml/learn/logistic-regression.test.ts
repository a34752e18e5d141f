import { describe, expect, it } from 'vitest';
import { fitLogisticRegression, predictLogisticRegression, predictProbaLogisticRegression } from './logistic-regression';
import { matrixFromColumns } from './matrix';
import { accuracy, classTargets, loadReference, logLoss, standardizedFixture } from './test-data';

const reference = loadReference();

const prepared = standardizedFixture;

describe('logistic regression (C = 1/λ, as scikit-learn)', () => {
  for (const [name, classes] of [
    ['breast_cancer', 2],
    ['wine', 3],
  ] as const) {
    it(`converges to scikit-learn's lbfgs solution on ${name} (coefficients 1e-4, test log-loss 1e-5, same accuracy)`, async () => {
      const expected = (reference[name] as Record<string, { accuracy: number; logLoss: number; coef: number[][]; intercept: number[] }>)
        .logistic as {
        accuracy: number;
        logLoss: number;
        coef: number[][];
        intercept: number[];
      };
      const { x, target, testX, testY } = prepared(name, classes);
      const model = await fitLogisticRegression(x, target, { C: 1, tol: 1e-8, maxIter: 1000 });
      expect(model.converged).toBe(true);
      expect(model.coef.length).toBe(expected.coef.length);
      model.coef.forEach((row, c) => {
        row.forEach((v, j) => {
          expect(Math.abs(v - (expected.coef[c]?.[j] as number))).toBeLessThan(1e-4);
        });
        expect(Math.abs((model.intercept[c] as number) - (expected.intercept[c] as number))).toBeLessThan(1e-4);
      });
      const proba = predictProbaLogisticRegression(model, testX);
      expect(Math.abs(logLoss(testY, proba, classes) - expected.logLoss)).toBeLessThan(1e-5);
      expect(accuracy(testY, predictLogisticRegression(model, testX))).toBe(expected.accuracy);
    });
  }

  it('with default tolerances stays within 1e-3 of the tight solution', async () => {
    const { x, target } = prepared('breast_cancer', 2);
    const loose = await fitLogisticRegression(x, target);
    const tight = await fitLogisticRegression(x, target, { tol: 1e-10, maxIter: 1000 });
    loose.coef[0]?.forEach((v, j) => {
      expect(Math.abs(v - (tight.coef[0]?.[j] as number))).toBeLessThan(2e-3);
    });
  });

  it('gives probabilities that sum to one, binary with both columns', async () => {
    const { x, target, testX } = prepared('wine', 3);
    const proba = predictProbaLogisticRegression(await fitLogisticRegression(x, target), testX);
    for (let i = 0; i < testX.rows; i++)
      expect((proba[i * 3] as number) + (proba[i * 3 + 1] as number) + (proba[i * 3 + 2] as number)).toBeCloseTo(1, 12);
  });

  it('is deterministic and reports progress up to 1', async () => {
    const { x, target } = prepared('wine', 3);
    const seen: number[] = [];
    const a = await fitLogisticRegression(x, target, {}, { progress: (f) => seen.push(f) });
    expect(JSON.stringify(await fitLogisticRegression(x, target))).toBe(JSON.stringify(a));
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= (seen[i - 1] as number))).toBe(true);
  });

  it('stops with RUN_CANCELLED when cancelled between iterations', async () => {
    const { x, target } = prepared('breast_cancer', 2);
    const controller = new AbortController();
    let calls = 0;
    const training = () =>
      fitLogisticRegression(
        x,
        target,
        { tol: 1e-12, maxIter: 1000 },
        {
          signal: controller.signal,
          progress: () => {
            if (++calls === 3) controller.abort();
          },
        },
      );
    await expect(training()).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
    expect(calls).toBe(3);
  });

  it('refuses NaN, one class and C ≤ 0', async () => {
    const nan = matrixFromColumns(['a'], [[0, Number.NaN]]);
    await expect(fitLogisticRegression(nan, classTargets(Float64Array.of(0, 1), 2))).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    const x = matrixFromColumns(['a'], [[0, 1]]);
    await expect(fitLogisticRegression(x, classTargets(Float64Array.of(0, 0), 1))).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitLogisticRegression(x, classTargets(Float64Array.of(0, 1), 2), { C: 0 })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
