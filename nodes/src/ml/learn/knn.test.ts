import { describe, expect, it } from 'vitest';
import { fitKNeighbors, predictKNeighbors, predictProbaKNeighbors } from './knn';
import { matrixFromColumns, matrixFromRows } from './matrix';
import { accuracy, classTargets, loadReference, standardizedFixture } from './test-data';

interface Expected {
  k: number;
  accuracy: number;
  predictions: number[];
  proba: number[][];
}

const reference = loadReference() as unknown as Record<string, Record<string, Expected>>;

const prepared = standardizedFixture;

describe('k-nearest neighbours (as scikit-learn KNeighborsClassifier, uniform weights)', () => {
  for (const [name, classes] of [
    ['breast_cancer', 2],
    ['wine', 3],
  ] as const) {
    it(`on standardised ${name}: every test prediction and the same accuracy, probabilities 1e-12`, async () => {
      const expected = reference[name]?.knn as Expected;
      const { x, target, testX, testY } = prepared(name, classes);
      const model = await fitKNeighbors(x, target, { k: expected.k });
      expect(Array.from(predictKNeighbors(model, testX))).toEqual(expected.predictions);
      expect(accuracy(testY, predictKNeighbors(model, testX))).toBe(expected.accuracy);
      const proba = predictProbaKNeighbors(model, testX);
      expected.proba.forEach((row, i) => {
        row.forEach((p, c) => {
          expect(Math.abs((proba[i * classes + c] as number) - p)).toBeLessThan(1e-12);
        });
      });
    });
  }

  it('votes among the k nearest; of rows at the same distance the earlier counts', async () => {
    const x = matrixFromRows(['a'], [[0], [1], [-1], [5], [6]]);
    const model = await fitKNeighbors(x, classTargets(Float64Array.of(0, 1, 0, 1, 1), 2), { k: 3 });
    expect(Array.from(predictProbaKNeighbors(model, matrixFromRows(['a'], [[0.1], [5.5]])))).toEqual([2 / 3, 1 / 3, 0, 1]);
    const one = await fitKNeighbors(x, classTargets(Float64Array.of(0, 1, 0, 1, 1), 2), { k: 1 });
    // 0.5 is as far from row 0 (class 0) as from row 1 (class 1): row 0 comes first.
    expect(Array.from(predictKNeighbors(one, matrixFromRows(['a'], [[0.5]])))).toEqual([0]);
  });

  it('is cancellable and reports progress up to 1', async () => {
    const { x, target } = prepared('wine', 3);
    const seen: number[] = [];
    await fitKNeighbors(x, target, {}, { progress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(fitKNeighbors(x, target, {}, { signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ code: 'RUN_CANCELLED' }),
    );
  });

  it('refuses NaN and k outside 1..rows', async () => {
    const two = classTargets(Float64Array.of(0, 1), 2);
    await expect(fitKNeighbors(matrixFromColumns(['a'], [[0, Number.NaN]]), two)).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitKNeighbors(matrixFromColumns(['a'], [[0, 1]]), two, { k: 3 })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
