import { columnOf, UserError } from '@causeway/sdk';
import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../ml/learn/random';
import { crossValidateNode } from './cross-validate';
import { logisticRegressionNode } from './logistic-regression';

/** y depends on x (strongly) and not on noise; g names 40 groups of 10 rows. */
function data(n = 400) {
  const random = createRandom(5);
  const x = Array.from({ length: n }, () => random.next() * 4 - 2);
  const noise = Array.from({ length: n }, () => random.next());
  const y = x.map((v) => (v + 0.5 * (random.next() - 0.5) > 0 ? 'yes' : 'no'));
  const g = Array.from({ length: n }, (_, i) => `g${Math.floor(i / 10)}`);
  return tableOf({ x, noise, g, y }, { y: 'category', g: 'string' });
}

const learnerConfig = { target: 'y', features: ['x', 'noise'], C: 1 };

describe('model.cross-validate', () => {
  it('reports each fold and their mean ± std, and refits the learner’s own model on all rows', async () => {
    const table = data();
    const { outputs, logs } = await runNode(crossValidateNode, {
      inputs: { table },
      config: { learner: 'model.logistic-regression', learnerConfig, folds: 4 },
    });
    const folds = outputs.folds;
    expect(folds.numRows).toBe(4);
    const accuracy = columnOf(folds, 'accuracy').toArray() as Float64Array;
    const testRows = Array.from(columnOf(folds, 'test_rows').toArray() as Int32Array);
    expect(testRows.reduce((a, b) => a + b, 0)).toBe(400);
    const mean = accuracy.reduce((a, b) => a + b, 0) / 4;
    const std = Math.sqrt(accuracy.reduce((a, v) => a + (v - mean) ** 2, 0) / 4);
    expect(outputs.metrics.values.accuracy).toBeCloseTo(mean, 12);
    expect(outputs.metrics.values.accuracy_std).toBeCloseTo(std, 12);
    expect(mean).toBeGreaterThan(0.85);
    expect(outputs.metrics.values.auc).toBeGreaterThan(0.9);
    const own = await runNode(logisticRegressionNode, { inputs: { table }, config: learnerConfig });
    expect(outputs.model.card).toEqual(own.outputs.model.card);
    expect(Buffer.from(outputs.model.onnx).equals(Buffer.from(own.outputs.model.onnx))).toBe(true);
    expect((outputs.chart.hconcat as { title: string }[]).map((c) => c.title)).toEqual(['accuracy', 'auc', 'log_loss', 'f1_macro']);
    expect(logs.some((l) => /^4-fold stratified cross-validation of model.logistic-regression on 400 rows/.test(l.message))).toBe(true);
  });

  it.each(['model.naive-bayes', 'model.knn', 'model.linear-svm', 'model.mlp'])(
    'wraps %s as it wraps the first learners',
    async (learner) => {
      const { outputs } = await runNode(crossValidateNode, {
        inputs: { table: data() },
        config: { learner, learnerConfig: { target: 'y', features: ['x', 'noise'] }, folds: 3 },
      });
      expect(outputs.folds.numRows).toBe(3);
      expect(outputs.metrics.values.accuracy).toBeGreaterThan(0.8);
      expect(outputs.model.card.target).toBe('y');
    },
  );

  it('group folds keep each group’s rows out of the folds that train on it', async () => {
    const { outputs } = await runNode(crossValidateNode, {
      inputs: { table: data() },
      config: { learner: 'model.logistic-regression', learnerConfig, folds: 3, strategy: 'group', group: 'g' },
    });
    // 40 groups of 10 rows into 3 folds: sizes in whole groups
    const testRows = Array.from(columnOf(outputs.folds, 'test_rows').toArray() as Int32Array);
    expect(testRows.every((r) => r % 10 === 0)).toBe(true);
  });

  it('refuses a learner config the learner refuses, naming the field', async () => {
    const schema = {
      columns: [
        { name: 'x', type: 'number' as const, nullable: false },
        { name: 'y', type: 'category' as const, nullable: false },
      ],
    };
    const bad = inferNode(crossValidateNode, {
      inputs: { table: schema },
      config: { learner: 'model.logistic-regression', learnerConfig: { target: 'y', C: -1, depth: 3 } },
    });
    expect(bad.issues.map((i) => i.path)).toEqual([
      ['config', 'learnerConfig', 'depth'],
      ['config', 'learnerConfig', 'C'],
    ]);
    const unknown = inferNode(crossValidateNode, {
      inputs: { table: schema },
      config: { learner: 'model.logistic-regression', learnerConfig: { target: 'z' } },
    });
    expect(unknown.issues.map((i) => i.path)).toEqual([['config', 'learnerConfig', 'target']]);
    const good = inferNode(crossValidateNode, {
      inputs: { table: schema },
      config: { learner: 'model.logistic-regression', learnerConfig: { target: 'y' } },
    });
    expect(good.issues).toEqual([]);
    expect(good.outputs.metrics?.names).toContain('accuracy_std');
    await expect(
      runNode(crossValidateNode, {
        inputs: { table: data() },
        config: { learner: 'model.logistic-regression', learnerConfig: { target: 'y', C: 0 } },
      }),
    ).rejects.toThrow(UserError);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      runNode(crossValidateNode, {
        inputs: { table: data() },
        config: { learner: 'model.logistic-regression', learnerConfig },
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
  });
});
