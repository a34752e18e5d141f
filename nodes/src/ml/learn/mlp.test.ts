import { describe, expect, it } from 'vitest';
import { matrixFromColumns, matrixFromRows } from './matrix';
import { fitMlp, predictMlp, predictProbaMlp } from './mlp';
import { accuracy, classTargets, loadReference, logLoss, standardizedFixture } from './test-data';

interface Spread {
  min: number;
  max: number;
}

const reference = loadReference() as unknown as Record<string, Record<string, { accuracy: Spread; logLoss: Spread }>>;

const prepared = standardizedFixture;

describe('multi-layer perceptron (as scikit-learn MLPClassifier: ReLU, Adam)', () => {
  for (const [name, classes] of [
    ['breast_cancer', 2],
    ['wine', 3],
  ] as const) {
    it(`on standardised ${name}, default settings: test accuracy within one row of scikit-learn's worst of 5 seeds, log-loss ≤ 1.5 × its worst`, async () => {
      const expected = reference[name]?.mlp as { accuracy: Spread; logLoss: Spread };
      const { x, target, testX, testY } = prepared(name, classes);
      for (const seed of [0]) {
        const model = await fitMlp(x, target, { seed });
        expect(accuracy(testY, predictMlp(model, testX))).toBeGreaterThanOrEqual(expected.accuracy.min - 1 / testY.length - 1e-12);
        expect(logLoss(testY, predictProbaMlp(model, testX), classes)).toBeLessThanOrEqual(1.5 * expected.logLoss.max);
      }
    });
  }

  it('learns XOR with two hidden layers, which no linear model can', async () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const a = (i % 2) * 2 - 1 + Math.sin(i) * 0.2;
      const b = (Math.floor(i / 2) % 2) * 2 - 1 + Math.cos(i * 1.3) * 0.2;
      rows.push([a, b]);
      y.push(a * b > 0 ? 1 : 0);
    }
    const x = matrixFromRows(['a', 'b'], rows);
    const model = await fitMlp(x, classTargets(Float64Array.from(y), 2), { hidden: [16, 8], maxIter: 500, learningRate: 0.01, seed: 3 });
    expect(model.weights.map((w) => w.length)).toEqual([2 * 16, 16 * 8, 8 * 1]);
    expect(accuracy(y, predictMlp(model, x))).toBe(1);
  });

  it('probabilities sum to one; deterministic for a seed; progress up to 1; stops with RUN_CANCELLED', async () => {
    const { x, target, testX } = prepared('wine', 3);
    const seen: number[] = [];
    const a = await fitMlp(x, target, { maxIter: 20, seed: 5 }, { progress: (f) => seen.push(f) });
    expect(JSON.stringify(await fitMlp(x, target, { maxIter: 20, seed: 5 }))).toBe(JSON.stringify(a));
    expect(seen.at(-1)).toBe(1);
    const proba = predictProbaMlp(a, testX);
    for (let i = 0; i < testX.rows; i++)
      expect((proba[i * 3] as number) + (proba[i * 3 + 1] as number) + (proba[i * 3 + 2] as number)).toBeCloseTo(1, 12);
    const controller = new AbortController();
    let calls = 0;
    const fitting = fitMlp(
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

  it('refuses NaN, one class and an empty hidden layer', async () => {
    const two = classTargets(Float64Array.of(0, 1), 2);
    await expect(fitMlp(matrixFromColumns(['a'], [[0, Number.NaN]]), two)).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    const x = matrixFromColumns(['a'], [[0, 1]]);
    await expect(fitMlp(x, classTargets(Float64Array.of(0, 0), 1))).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    await expect(fitMlp(x, two, { hidden: [0] })).rejects.toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
