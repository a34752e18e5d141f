import { describe, expect, it } from 'vitest';
import { fitRandomForest, predictProbaRandomForest, predictRandomForest } from './random-forest';
import { accuracy, classTargets, loadFixture, loadReference, r2 } from './test-data';

const reference = loadReference() as Record<string, Record<string, Record<string, { min: number; max: number; mean: number }>>>;

describe('random forest', () => {
  it('reaches scikit-learn accuracy (100 trees) on breast cancer and wine: at least its worst of 5 seeds − 0.02', async () => {
    for (const [name, classes] of [
      ['breast_cancer', 2],
      ['wine', 3],
    ] as const) {
      const expected = reference[name]?.forest?.accuracy as { min: number };
      const { train, test } = loadFixture(name);
      const model = await fitRandomForest(train.x, classTargets(train.y, classes), { trees: 100, seed: 1 });
      expect(accuracy(test.y, predictRandomForest(model, test.x))).toBeGreaterThanOrEqual(expected.min - 0.02);
    }
  });

  it('reaches scikit-learn R² on diabetes: at least its worst of 5 seeds − 0.03', async () => {
    const expected = reference.diabetes?.forest?.r2 as { min: number };
    const { train, test } = loadFixture('diabetes');
    const model = await fitRandomForest(train.x, train.y, { trees: 100, seed: 1 });
    expect(r2(test.y, predictRandomForest(model, test.x))).toBeGreaterThanOrEqual(expected.min - 0.03);
  });

  it('gives identical JSON for a seed, different trees for another seed', async () => {
    const { train } = loadFixture('wine');
    const target = classTargets(train.y, 3);
    const a = JSON.stringify(await fitRandomForest(train.x, target, { trees: 10, seed: 5 }));
    expect(JSON.stringify(await fitRandomForest(train.x, target, { trees: 10, seed: 5 }))).toBe(a);
    expect(JSON.stringify(await fitRandomForest(train.x, target, { trees: 10, seed: 6 }))).not.toBe(a);
  });

  it('averages tree probabilities: rows sum to one, every class present per leaf', async () => {
    const { train, test } = loadFixture('breast_cancer');
    const model = await fitRandomForest(train.x, classTargets(train.y, 2), { trees: 5 });
    for (const tree of model.trees) expect(tree.value.length).toBe(2 * tree.feature.length);
    const proba = predictProbaRandomForest(model, test.x);
    for (let i = 0; i < test.x.rows; i++) expect((proba[2 * i] as number) + (proba[2 * i + 1] as number)).toBeCloseTo(1, 12);
  });

  it('stops with RUN_CANCELLED between trees and reports progress per tree', async () => {
    const { train } = loadFixture('wine');
    const controller = new AbortController();
    const seen: number[] = [];
    const training = () =>
      fitRandomForest(
        train.x,
        classTargets(train.y, 3),
        { trees: 20 },
        {
          signal: controller.signal,
          progress: (f) => {
            seen.push(f);
            if (f >= 0.25) controller.abort();
          },
        },
      );
    await expect(training()).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
    expect(seen).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
  });
});
