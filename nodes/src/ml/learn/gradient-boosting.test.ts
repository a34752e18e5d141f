import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binMatrix, fitBins, missingBin } from './binning';
import { fitGradientBoosting, predictGradientBoosting, predictProbaGradientBoosting } from './gradient-boosting';
import { matrixFromColumns } from './matrix';
import { createRandom } from './random';
import { accuracy, classTargets, loadFixture, loadReference, logLoss, r2 } from './test-data';

const reference = loadReference() as Record<string, Record<string, Record<string, number>>>;

describe('histogram gradient boosting', () => {
  it('matches scikit-learn HistGradientBoosting (100 rounds, no early stopping): accuracy within 0.02, log-loss within 0.02', async () => {
    for (const [name, classes] of [
      ['breast_cancer', 2],
      ['wine', 3],
    ] as const) {
      const expected = reference[name]?.boosting as Record<string, number>;
      const { train, test } = loadFixture(name);
      const model = await fitGradientBoosting(train.x, classTargets(train.y, classes), { rounds: 100 });
      expect(model.trees.length).toBe(classes === 2 ? 100 : 300);
      expect(Math.abs(accuracy(test.y, predictGradientBoosting(model, test.x)) - (expected.accuracy as number))).toBeLessThanOrEqual(0.02);
      expect(
        Math.abs(logLoss(test.y, predictProbaGradientBoosting(model, test.x), classes) - (expected.logLoss as number)),
      ).toBeLessThanOrEqual(0.02);
    }
  });

  it('matches scikit-learn HistGradientBoostingRegressor on diabetes: test R² within 0.01', async () => {
    const { train, test } = loadFixture('diabetes');
    const model = await fitGradientBoosting(train.x, train.y, { rounds: 100 });
    expect(Math.abs(r2(test.y, predictGradientBoosting(model, test.x)) - (reference.diabetes?.boosting?.r2 as number))).toBeLessThan(0.01);
  });

  it('bins so that "bin <= b" is exactly "x <= edge[b]", NaN in the missing bin (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN), fc.integer({ min: -3, max: 3 })), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.integer({ min: 2, max: 255 }),
        async (values, maxBins) => {
          const x = matrixFromColumns(['v'], [values]);
          const bins = await fitBins(x, maxBins, createRandom(0), 100);
          const edges = bins.edges[0] as Float64Array;
          expect(edges.length).toBeLessThan(maxBins);
          const binned = await binMatrix(x, bins);
          values.forEach((v, i) => {
            const b = binned[i] as number;
            if (Number.isNaN(v)) expect(b).toBe(missingBin);
            else for (let e = 0; e < edges.length; e++) expect(b <= e).toBe(v <= (edges[e] as number));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('trains and predicts with missing values (NaN goes right)', async () => {
    const { train, test } = loadFixture('breast_cancer');
    const holed = { ...train.x, data: train.x.data.map((v, k) => (k % 7 === 0 ? Number.NaN : v)) };
    const model = await fitGradientBoosting(holed, classTargets(train.y, 2), { rounds: 30 });
    const testHoled = { ...test.x, data: test.x.data.map((v, k) => (k % 5 === 0 ? Number.NaN : v)) };
    expect(accuracy(test.y, predictGradientBoosting(model, testHoled))).toBeGreaterThan(0.85);
  });

  it('respects maxLeafNodes and stores one value per node with real-valued thresholds', async () => {
    const { train } = loadFixture('diabetes');
    const model = await fitGradientBoosting(train.x, train.y, { rounds: 5, maxLeafNodes: 8 });
    for (const tree of model.trees) {
      expect(tree.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(8);
      expect(tree.value.length).toBe(tree.feature.length);
    }
  });

  it('is deterministic (identical JSON) and cancellable between rounds', async () => {
    const { train } = loadFixture('wine');
    const target = classTargets(train.y, 3);
    const a = JSON.stringify(await fitGradientBoosting(train.x, target, { rounds: 10 }));
    expect(JSON.stringify(await fitGradientBoosting(train.x, target, { rounds: 10 }))).toBe(a);
    const controller = new AbortController();
    let rounds = 0;
    const training = () =>
      fitGradientBoosting(
        train.x,
        target,
        { rounds: 50 },
        {
          signal: controller.signal,
          progress: () => {
            if (++rounds === 4) controller.abort();
          },
        },
      );
    await expect(training()).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
    expect(rounds).toBe(4);
  });
});
