import { gradientBoostingNode, logisticRegressionNode, predictNode } from '@causeway/nodes';
import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFeeds } from '../../nodes/src/ml/onnx/table-feeds';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

function makeTable(n: number, offset: number) {
  const x: number[] = [];
  const z: (number | null)[] = [];
  const tier: string[] = [];
  const churn: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.sin((i + offset) * 12.9898) * 43758.5453;
    const u = a - Math.floor(a);
    const v = ((i + offset) * 0.6180339887) % 1;
    x.push(u * 10);
    z.push(i % 13 === 0 ? null : v * 3 - 1);
    const s = u * 2 + v;
    tier.push(s > 1.8 ? 'gold' : s > 0.9 ? 'silver' : 'bronze');
    churn.push(s + (i % 3) * 0.2 > 1.3 ? 'yes' : 'no');
  }
  return tableOf({ x, z, tier, churn });
}

const node = createNodeOnnxRuntime();
afterAll(() => node.close());

describe('model.predict reads classes from the probabilities alone', () => {
  it.each([
    ['three classes, logistic regression', 'tier', logisticRegressionNode],
    ['two classes, gradient boosting', 'churn', gradientBoostingNode],
  ] as const)(
    '%s: prediction is the graph’s own label, probabilities are its own, across uneven batches',
    async (_name, target, learner) => {
      const train = makeTable(300, 0);
      const test = makeTable(233, 500);
      const model = (
        await runNode(learner as typeof logisticRegressionNode, { inputs: { table: train }, config: { target, features: ['x', 'z'] } })
      ).outputs.model;
      const scoredTable = (await runNode(predictNode, { inputs: { table: test, model }, config: { batchSize: 37 }, onnx: node })).outputs
        .table;
      const scored = rowsOf(scoredTable);
      // Kept as float32, as the model computed them: half the memory of float64, nothing lost.
      for (const c of model.card.classes ?? []) expect(scoredTable.getChild(`probability_${c}`)?.type.toString()).toBe('Float32');

      const session = await node.createSession(model.onnx);
      const out = await session.run(tableFeeds(test, session.inputs, {}).batch(0, test.numRows), ['label', 'probabilities']);
      await session.release();
      const classes = model.card.classes ?? [];
      const label = out.label?.data as string[];
      const probabilities = out.probabilities?.data as Float32Array;
      expect(new Set(label).size).toBeGreaterThan(1);
      scored.forEach((row, i) => {
        expect(row.prediction, `row ${i}`).toBe(label[i]);
        for (const [k, c] of classes.entries()) expect(row[`probability_${c}`]).toBe(probabilities[i * classes.length + k]);
      });
    },
  );
});
