import { describe, expect, it } from 'vitest';
import { fitDecisionTree, predictDecisionTree, predictProbaDecisionTree } from './decision-tree';
import { matrixFromColumns } from './matrix';
import { accuracy, classTargets, loadFixture, loadReference, r2 } from './test-data';
import { treeShape } from './tree-arrays';

const reference = loadReference();

describe('decision tree (CART)', () => {
  it('matches scikit-learn (max_depth 4) on breast cancer and wine: train accuracy exactly, test accuracy within 0.04', async () => {
    for (const [name, classes] of [
      ['breast_cancer', 2],
      ['wine', 3],
    ] as const) {
      const expected = (reference[name] as Record<string, Record<string, number>>).tree as Record<string, number>;
      const { train, test } = loadFixture(name);
      const model = await fitDecisionTree(train.x, classTargets(train.y, classes), { maxDepth: 4 });
      expect(treeShape(model.tree).depth).toBeLessThanOrEqual(4);
      expect(accuracy(train.y, predictDecisionTree(model, train.x))).toBe(expected.trainAccuracy);
      expect(Math.abs(accuracy(test.y, predictDecisionTree(model, test.x)) - (expected.accuracy as number))).toBeLessThanOrEqual(0.04);
    }
  });

  it('matches scikit-learn regression (max_depth 4, min_samples_leaf 5) on diabetes: train R² 1e-9, test R² within 0.05', async () => {
    const expected = (reference.diabetes as Record<string, Record<string, number>>).tree as Record<string, number>;
    const { train, test } = loadFixture('diabetes');
    const model = await fitDecisionTree(train.x, train.y, { maxDepth: 4, minSamplesLeaf: 5 });
    expect(Math.abs(r2(train.y, predictDecisionTree(model, train.x)) - (expected.trainR2 as number))).toBeLessThan(1e-9);
    expect(Math.abs(r2(test.y, predictDecisionTree(model, test.x)) - (expected.r2 as number))).toBeLessThan(0.05);
  });

  it('keeps a probability for both classes at every node of a binary tree, and leaves of at least minSamplesLeaf', async () => {
    const { train } = loadFixture('breast_cancer');
    const model = await fitDecisionTree(train.x, classTargets(train.y, 2), { minSamplesLeaf: 7 });
    expect(model.tree.width).toBe(2);
    expect(model.tree.value.length).toBe(2 * model.tree.feature.length);
    for (let node = 0; node < model.tree.feature.length; node++) {
      expect((model.tree.value[2 * node] as number) + (model.tree.value[2 * node + 1] as number)).toBeCloseTo(1, 12);
    }
    expect(treeShape(model.tree).leaves).toBeLessThanOrEqual(Math.floor(train.x.rows / 7));
    const proba = predictProbaDecisionTree(model, train.x);
    for (let i = 0; i < train.x.rows; i++) expect((proba[2 * i] as number) + (proba[2 * i + 1] as number)).toBeCloseTo(1, 12);
  });

  it('fits a fully grown tree to the training data', async () => {
    const { train } = loadFixture('wine');
    const model = await fitDecisionTree(train.x, classTargets(train.y, 3));
    expect(accuracy(train.y, predictDecisionTree(model, train.x))).toBe(1);
  });

  it('sends NaN to the right side in training and prediction', async () => {
    const x = matrixFromColumns(['a'], [[1, 2, 3, Number.NaN, 10, 11, Number.NaN, 12]]);
    const model = await fitDecisionTree(x, classTargets(Float64Array.of(0, 0, 0, 1, 1, 1, 1, 1), 2));
    expect(Array.from(predictDecisionTree(model, x))).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(model.tree.threshold[0]).toBeCloseTo(6.5, 12);
  });

  it('is deterministic for a seed, and cancellable', async () => {
    const { train } = loadFixture('breast_cancer');
    const target = classTargets(train.y, 2);
    const a = await fitDecisionTree(train.x, target, { maxFeatures: 5, seed: 3 });
    expect(JSON.stringify(await fitDecisionTree(train.x, target, { maxFeatures: 5, seed: 3 }))).toBe(JSON.stringify(a));
    const controller = new AbortController();
    controller.abort();
    await expect(fitDecisionTree(train.x, target, {}, { signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ code: 'RUN_CANCELLED' }),
    );
  });

  it('refuses a criterion that does not fit the task', async () => {
    const { train } = loadFixture('diabetes');
    await expect(fitDecisionTree(train.x, train.y, { criterion: 'gini' })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
