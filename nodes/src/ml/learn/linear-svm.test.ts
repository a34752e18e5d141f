import { describe, expect, it } from 'vitest';
import { decisionFunctionLinearSvm, fitLinearSvm, predictLinearSvm, predictProbaLinearSvm } from './linear-svm';
import { matrixFromColumns } from './matrix';
import { accuracy, classTargets, loadReference, standardizedFixture } from './test-data';

interface Expected {
  accuracy: number;
  coef: number[][];
  intercept: number[];
  decision: (number | number[])[];
}

const reference = loadReference() as unknown as Record<string, Record<string, Expected>>;

const prepared = standardizedFixture;

describe('linear SVM (as scikit-learn LinearSVC: squared hinge, L2, one-vs-rest)', () => {
  for (const [name, classes] of [
    ['breast_cancer', 2],
    ['wine', 3],
  ] as const) {
    it(`on standardised ${name}: coefficients and decision values within 1e-4, the same test accuracy`, async () => {
      const expected = reference[name]?.linearSVM as Expected;
      const { x, target, testX, testY } = prepared(name, classes);
      const model = await fitLinearSvm(x, target, { C: 1, tol: 1e-8, maxIter: 100_000 });
      expect(model.converged).toBe(true);
      expect(model.coef.length).toBe(expected.coef.length);
      model.coef.forEach((row, c) => {
        row.forEach((v, j) => {
          expect(Math.abs(v - (expected.coef[c]?.[j] as number))).toBeLessThan(1e-4);
        });
        expect(Math.abs((model.intercept[c] as number) - (expected.intercept[c] as number))).toBeLessThan(1e-4);
      });
      const decision = decisionFunctionLinearSvm(model, testX);
      expected.decision.flat().forEach((v, q) => {
        expect(Math.abs((decision[q] as number) - v)).toBeLessThan(1e-4);
      });
      expect(accuracy(testY, predictLinearSvm(model, testX))).toBe(expected.accuracy);
    });
  }

  it('scaled probabilities keep every predicted class and beat the unscaled ones on training log-loss', async () => {
    const { x, target } = prepared('wine', 3);
    const model = await fitLinearSvm(x, target);
    expect(model.scale).toBeGreaterThan(0);
    const proba = predictProbaLinearSvm(model, x);
    const unscaled = predictProbaLinearSvm({ ...model, scale: 1 }, x);
    const labels = predictLinearSvm(model, x);
    let loss = 0;
    let plain = 0;
    for (let i = 0; i < x.rows; i++) {
      const row = Array.from(proba.subarray(i * 3, i * 3 + 3));
      expect(row.indexOf(Math.max(...row))).toBe(labels[i]);
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      loss -= Math.log(row[target.y[i] as number] as number);
      plain -= Math.log(unscaled[i * 3 + (target.y[i] as number)] as number);
    }
    expect(loss).toBeLessThan(plain);
  });

  it('is deterministic for a seed, reports progress up to 1, and stops with RUN_CANCELLED', async () => {
    const { x, target } = prepared('breast_cancer', 2);
    const seen: number[] = [];
    const a = await fitLinearSvm(x, target, {}, { progress: (f) => seen.push(f) });
    expect(JSON.stringify(await fitLinearSvm(x, target))).toBe(JSON.stringify(a));
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    let calls = 0;
    const fitting = fitLinearSvm(
      x,
      target,
      { tol: 0, maxIter: 1000 },
      {
        signal: controller.signal,
        progress: () => {
          if (++calls === 3) controller.abort();
        },
      },
    );
    await expect(fitting).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
    expect(calls).toBe(3);
  });

  it('refuses NaN, one class and C ≤ 0', async () => {
    const two = classTargets(Float64Array.of(0, 1), 2);
    await expect(fitLinearSvm(matrixFromColumns(['a'], [[0, Number.NaN]]), two)).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    const x = matrixFromColumns(['a'], [[0, 1]]);
    await expect(fitLinearSvm(x, classTargets(Float64Array.of(0, 0), 1))).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitLinearSvm(x, two, { C: 0 })).rejects.toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
