import { describe, expect, it } from 'vitest';
import { matrixFromColumns } from './matrix';
import { fitNaiveBayes, predictNaiveBayes, predictProbaNaiveBayes } from './naive-bayes';
import { accuracy, classTargets, loadFixture, loadReference, logLoss } from './test-data';

interface Expected {
  accuracy: number;
  logLoss: number;
  proba: number[][];
  mean?: number[][];
  variance?: number[][];
  featureLogProb?: number[][];
}

const reference = loadReference() as unknown as Record<string, Record<string, Expected>>;

function close(actual: readonly number[][], expected: readonly number[][] | undefined, relative: number): void {
  expect(actual.length).toBe(expected?.length);
  actual.forEach((row, c) => {
    row.forEach((v, j) => {
      const e = expected?.[c]?.[j] as number;
      expect(Math.abs(v - e)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(e)));
    });
  });
}

describe('naive Bayes (as scikit-learn GaussianNB / MultinomialNB)', () => {
  for (const [name, classes] of [
    ['breast_cancer', 2],
    ['wine', 3],
  ] as const) {
    it(`gaussian on ${name}: means and variances 1e-9, test probabilities 1e-6, same accuracy, log-loss 1 %`, async () => {
      const expected = reference[name]?.gaussianNB as Expected;
      const { train, test } = loadFixture(name);
      const model = await fitNaiveBayes(train.x, classTargets(train.y, classes));
      if (model.variant !== 'gaussian') throw new Error('expected gaussian');
      close(model.mean, expected.mean, 1e-9);
      close(model.variance, expected.variance, 1e-9);
      const proba = predictProbaNaiveBayes(model, test.x);
      close(
        expected.proba.map((_, i) => Array.from(proba.subarray(i * classes, (i + 1) * classes))),
        expected.proba,
        1e-6,
      );
      expect(accuracy(test.y, predictNaiveBayes(model, test.x))).toBe(expected.accuracy);
      // Confidently wrong rows have probabilities near 1e-300, clipped to 1e-15 by both sides.
      expect(Math.abs(logLoss(test.y, proba, classes) - expected.logLoss)).toBeLessThan(0.01 * expected.logLoss);
    });

    it(`multinomial on ${name}: feature log-probabilities 1e-9, test probabilities 1e-6, same accuracy`, async () => {
      const expected = reference[name]?.multinomialNB as Expected;
      const { train, test } = loadFixture(name);
      const model = await fitNaiveBayes(train.x, classTargets(train.y, classes), { variant: 'multinomial', alpha: 1 });
      if (model.variant !== 'multinomial') throw new Error('expected multinomial');
      close(model.featureLogProb, expected.featureLogProb, 1e-9);
      const proba = predictProbaNaiveBayes(model, test.x);
      close(
        expected.proba.map((_, i) => Array.from(proba.subarray(i * classes, (i + 1) * classes))),
        expected.proba,
        1e-6,
      );
      expect(accuracy(test.y, predictNaiveBayes(model, test.x))).toBe(expected.accuracy);
    });
  }

  it('probabilities sum to one; the fit is deterministic and reports progress up to 1', async () => {
    const { train, test } = loadFixture('wine');
    const seen: number[] = [];
    const model = await fitNaiveBayes(train.x, classTargets(train.y, 3), {}, { progress: (f) => seen.push(f) });
    expect(JSON.stringify(await fitNaiveBayes(train.x, classTargets(train.y, 3)))).toBe(JSON.stringify(model));
    expect(seen.at(-1)).toBe(1);
    const proba = predictProbaNaiveBayes(model, test.x);
    for (let i = 0; i < test.x.rows; i++)
      expect((proba[i * 3] as number) + (proba[i * 3 + 1] as number) + (proba[i * 3 + 2] as number)).toBeCloseTo(1, 12);
  });

  it('stops with RUN_CANCELLED when cancelled', async () => {
    const { train } = loadFixture('wine');
    const controller = new AbortController();
    let calls = 0;
    const fitting = fitNaiveBayes(
      train.x,
      classTargets(train.y, 3),
      {},
      {
        signal: controller.signal,
        progress: () => {
          if (++calls === 2) controller.abort();
        },
      },
    );
    await expect(fitting).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
    expect(calls).toBe(2);
  });

  it('refuses NaN, one class, and negative values for multinomial', async () => {
    const two = classTargets(Float64Array.of(0, 1), 2);
    await expect(fitNaiveBayes(matrixFromColumns(['a'], [[0, Number.NaN]]), two)).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitNaiveBayes(matrixFromColumns(['a'], [[0, 1]]), classTargets(Float64Array.of(0, 0), 1))).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitNaiveBayes(matrixFromColumns(['a'], [[0, -2]]), two, { variant: 'multinomial' })).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringContaining('"a" is -2 at row 1') }),
    );
  });
});
