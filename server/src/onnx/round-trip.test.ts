import type { OnnxTensor } from '@causeway/sdk';
import { tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { fitDecisionTree } from '../../../nodes/src/ml/learn/decision-tree';
import { fitGradientBoosting } from '../../../nodes/src/ml/learn/gradient-boosting';
import { fitKMeans } from '../../../nodes/src/ml/learn/kmeans';
import { fitLinearRegression } from '../../../nodes/src/ml/learn/linear-regression';
import { fitLogisticRegression } from '../../../nodes/src/ml/learn/logistic-regression';
import type { ClassTargets, FeatureMatrix } from '../../../nodes/src/ml/learn/matrix';
import { createRandom } from '../../../nodes/src/ml/learn/random';
import { fitRandomForest } from '../../../nodes/src/ml/learn/random-forest';
import { featureMatrix } from '../../../nodes/src/ml/onnx/feature-plan';
import { predictInProcess } from '../../../nodes/src/ml/onnx/predict-in-process';
import { tableFeeds } from '../../../nodes/src/ml/onnx/table-feeds';
import { trainModel } from '../../../nodes/src/ml/onnx/train-model';
import type { FittedModel } from '../../../nodes/src/ml/onnx/write-model';
import { createNodeOnnxRuntime } from './node-runtime';

/** Mixed features with nulls; `unseen` adds a category the training rows never had. */
function makeTable(n: number, seed: number, unseen: boolean): Table {
  const r = createRandom(seed);
  const colors = unseen ? ['red', 'green', 'blue', 'violet'] : ['red', 'green', 'blue'];
  const cols = {
    age: [] as (number | null)[],
    income: [] as (number | null)[],
    visits: [] as number[],
    member: [] as boolean[],
    color: [] as (string | null)[],
  };
  const t = { yes: [] as string[], kind: [] as string[], amount: [] as number[] };
  for (let i = 0; i < n; i++) {
    const age = r.next() < 0.1 ? null : 18 + r.next() * 60;
    const income = r.next() < 0.05 ? null : Math.round(r.next() * 100_000) / 7;
    const visits = r.int(20);
    const member = r.next() < 0.4;
    const color = r.next() < 0.08 ? null : (colors[r.int(colors.length)] as string);
    cols.age.push(age);
    cols.income.push(income);
    cols.visits.push(visits);
    cols.member.push(member);
    cols.color.push(color);
    const score =
      ((age ?? 45) - 45) / 15 +
      ((income ?? 7000) - 7000) / 4000 +
      (color === 'red' ? 1 : color === 'blue' ? -1 : 0) +
      (member ? 0.5 : 0) +
      r.next() * 2 -
      1;
    t.yes.push(score > 0 ? 'yes' : 'no');
    t.kind.push(score > 0.8 ? 'high' : score < -0.8 ? 'low' : 'mid');
    t.amount.push(100 + 20 * score + visits + r.next());
  }
  return tableOf({ ...cols, ...t });
}

const train = makeTable(600, 1, false);
const test = makeTable(300, 2, true);
const features = ['age', 'income', 'visits', 'member', 'color'];
const ctx = { signal: new AbortController().signal, progress: () => {}, log: () => {} };
const runtime = createNodeOnnxRuntime();
afterAll(() => runtime.close());

type Fit = (x: FeatureMatrix, t: ClassTargets | Float64Array | undefined) => Promise<FittedModel>;
const cls = (t: ClassTargets | Float64Array | undefined) => t as ClassTargets;
const reg = (t: ClassTargets | Float64Array | undefined) => t as Float64Array;

const cases: { name: string; target?: string; scale: boolean; fit: Fit }[] = [
  { name: 'linear regression', target: 'amount', scale: true, fit: (x, t) => fitLinearRegression(x, reg(t), { alpha: 0.5 }) },
  { name: 'logistic regression, binary', target: 'yes', scale: true, fit: (x, t) => fitLogisticRegression(x, cls(t)) },
  { name: 'logistic regression, multinomial', target: 'kind', scale: true, fit: (x, t) => fitLogisticRegression(x, cls(t)) },
  { name: 'decision tree, classification', target: 'kind', scale: false, fit: (x, t) => fitDecisionTree(x, cls(t), { maxDepth: 8 }) },
  { name: 'decision tree, regression', target: 'amount', scale: false, fit: (x, t) => fitDecisionTree(x, reg(t), { maxDepth: 8 }) },
  { name: 'random forest, binary', target: 'yes', scale: false, fit: (x, t) => fitRandomForest(x, cls(t), { trees: 25, seed: 3 }) },
  { name: 'random forest, regression', target: 'amount', scale: false, fit: (x, t) => fitRandomForest(x, reg(t), { trees: 25, seed: 3 }) },
  {
    name: 'gradient boosting, binary',
    target: 'yes',
    scale: false,
    fit: (x, t) => fitGradientBoosting(x, cls(t), { rounds: 30, seed: 3 }),
  },
  {
    name: 'gradient boosting, multiclass',
    target: 'kind',
    scale: false,
    fit: (x, t) => fitGradientBoosting(x, cls(t), { rounds: 20, seed: 3 }),
  },
  {
    name: 'gradient boosting, regression',
    target: 'amount',
    scale: false,
    fit: (x, t) => fitGradientBoosting(x, reg(t), { rounds: 30, seed: 3 }),
  },
  { name: 'k-means', scale: true, fit: (x) => fitKMeans(x, { k: 4, seed: 3 }) },
];

const floats = (t: OnnxTensor | undefined): Float32Array => {
  if (t?.type !== 'float32') throw new Error(`expected a float32 tensor, got ${t?.type}`);
  return t.data;
};

describe('ONNX round trip: in-process predictions equal onnxruntime-node', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const trained = await trainModel({
        table: train,
        features,
        ...(c.target ? { target: c.target } : {}),
        scale: c.scale,
        params: {},
        fit: c.fit,
        ctx,
      });
      // The graph casts its inputs to float32, so the in-process side sees the same rounded numbers.
      const expected = predictInProcess(trained.fitted, featureMatrix(test, trained.plan, { float32: true }));
      const session = await runtime.createSession(trained.model.onnx);
      const out = await session.run(tableFeeds(test, session.inputs, {}).batch(0, test.numRows));
      await session.release();
      if (expected.kind === 'classification') {
        const k = expected.classes.length;
        const probabilities = floats(out.probabilities);
        expect(out.probabilities?.dims).toEqual([test.numRows, k]);
        let worst = 0;
        probabilities.forEach((p, i) => {
          worst = Math.max(worst, Math.abs(p - (expected.probabilities[i] as number)));
        });
        expect(worst).toBeLessThan(1e-5);
        const labels = out.label?.data as string[];
        const agree = labels.filter((l, i) => {
          const row = expected.probabilities.subarray(i * k, i * k + k);
          const top = Math.max(...row);
          // A label may differ only where two classes tie within float32 precision.
          return l === expected.classes[row.indexOf(top)] || row.filter((p) => top - p < 1e-5).length > 1;
        });
        expect(agree.length).toBe(test.numRows);
      } else if (expected.kind === 'regression') {
        const values = floats(out.variable);
        let worst = 0;
        values.forEach((v, i) => {
          const e = expected.values[i] as number;
          worst = Math.max(worst, Math.abs(v - e) / Math.max(1, Math.abs(e)));
        });
        expect(worst).toBeLessThan(1e-5);
      } else {
        const distances = floats(out.distances);
        let worst = 0;
        distances.forEach((d, i) => {
          const e = expected.distances[i] as number;
          worst = Math.max(worst, Math.abs(d - e) / Math.max(1, Math.abs(e)));
        });
        expect(worst).toBeLessThan(1e-5);
        expect(Array.from(out.label?.data as BigInt64Array, Number)).toEqual(Array.from(expected.labels));
      }
    });
  }
});
