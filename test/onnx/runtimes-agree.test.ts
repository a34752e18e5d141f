import {
  decisionTreeNode,
  gradientBoostingNode,
  kmeansNode,
  linearRegressionNode,
  logisticRegressionNode,
  predictNode,
  randomForestNode,
} from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';
import { createWebOnnxRuntime } from '../../web/src/runner/onnx-web';

function makeTable(n: number, offset: number): Table {
  const x: (number | null)[] = [];
  const z: number[] = [];
  const city: (string | null)[] = [];
  const churn: string[] = [];
  const tier: string[] = [];
  const spend: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.sin((i + offset) * 12.9898) * 43758.5453;
    const u = a - Math.floor(a);
    const v = ((i + offset) * 0.6180339887) % 1;
    x.push(i % 11 === 0 ? null : u * 10);
    z.push(v * 3 - 1);
    city.push(i % 9 === 0 ? null : (['ams', 'ber', 'cph', 'dub'][(i + offset) % 4] as string));
    const s = u * 2 + v - (city[i] === 'ams' ? 0.7 : 0);
    churn.push(s > 1.2 ? 'yes' : 'no');
    tier.push(s > 1.8 ? 'gold' : s > 0.9 ? 'silver' : 'bronze');
    spend.push(50 + 30 * s + (i % 5));
  }
  return tableOf({ x, z, city, churn, tier, spend });
}

const train = makeTable(400, 0);
const test = makeTable(250, 1000);
const node = createNodeOnnxRuntime();
const web = createWebOnnxRuntime();
afterAll(() => node.close());

const models: [string, () => Promise<ModelValue>][] = [
  [
    'linear regression',
    async () =>
      (await runNode(linearRegressionNode, { inputs: { table: train }, config: { target: 'spend', features: ['x', 'z', 'city'] } })).outputs
        .model,
  ],
  [
    'logistic regression',
    async () =>
      (await runNode(logisticRegressionNode, { inputs: { table: train }, config: { target: 'tier', features: ['x', 'z', 'city'] } }))
        .outputs.model,
  ],
  [
    'decision tree',
    async () =>
      (await runNode(decisionTreeNode, { inputs: { table: train }, config: { target: 'churn', features: ['x', 'z', 'city'] } })).outputs
        .model,
  ],
  [
    'random forest',
    async () =>
      (await runNode(randomForestNode, { inputs: { table: train }, config: { target: 'spend', features: ['x', 'z', 'city'], trees: 20 } }))
        .outputs.model,
  ],
  [
    'gradient boosting',
    async () =>
      (
        await runNode(gradientBoostingNode, {
          inputs: { table: train },
          config: { target: 'churn', features: ['x', 'z', 'city'], rounds: 20 },
        })
      ).outputs.model,
  ],
  [
    'k-means',
    async () =>
      (await runNode(kmeansNode, { inputs: { table: train }, config: { features: ['x', 'z', 'city'], k: 3, nInit: 2 } })).outputs.model,
  ],
];

describe('onnxruntime-web and onnxruntime-node agree on the same file, through model.predict', () => {
  for (const [name, train] of models) {
    it(name, async () => {
      const model = await train();
      const onNode = await runNode(predictNode, { inputs: { table: test, model }, config: { batchSize: 64 }, onnx: node });
      const onWeb = await runNode(predictNode, { inputs: { table: test, model }, config: {}, onnx: web });
      const a = rowsOf(onNode.outputs.table);
      const b = rowsOf(onWeb.outputs.table);
      expect(a).toHaveLength(test.numRows);
      expect(Object.keys(a[0] ?? {})).toEqual(Object.keys(b[0] ?? {}));
      expect(Object.keys(a[0] ?? {})).toContain('prediction');
      let worst = 0;
      a.forEach((row, i) => {
        for (const [key, value] of Object.entries(row)) {
          const other = b[i]?.[key];
          if (typeof value === 'number' && typeof other === 'number')
            worst = Math.max(worst, Math.abs(value - other) / Math.max(1, Math.abs(value)));
          else expect(other).toEqual(value);
        }
      });
      expect(worst).toBeLessThan(1e-6);
      if (model.card.task === 'classification') {
        for (const row of a) {
          const total = (model.card.classes ?? []).reduce((s, c) => s + (row[`probability_${c}`] as number), 0);
          expect(total).toBeCloseTo(1, 5);
          expect(model.card.classes).toContain(row.prediction);
        }
      }
    });
  }
});
