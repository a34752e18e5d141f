import { knnNode, linearSvmNode, mlpNode, naiveBayesNode, predictNode } from '@causeway/nodes';
import type { ModelValue, OnnxRuntime, OnnxTensor } from '@causeway/sdk';
import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { fitKNeighbors } from '../../nodes/src/ml/learn/knn';
import { fitLinearSvm } from '../../nodes/src/ml/learn/linear-svm';
import type { ClassTargets, FeatureMatrix } from '../../nodes/src/ml/learn/matrix';
import { fitMlp } from '../../nodes/src/ml/learn/mlp';
import { fitNaiveBayes } from '../../nodes/src/ml/learn/naive-bayes';
import { createRandom } from '../../nodes/src/ml/learn/random';
import { featureMatrix } from '../../nodes/src/ml/onnx/feature-plan';
import { predictInProcess } from '../../nodes/src/ml/onnx/predict-in-process';
import { tableFeeds } from '../../nodes/src/ml/onnx/table-feeds';
import { trainModel } from '../../nodes/src/ml/onnx/train-model';
import type { FittedModel } from '../../nodes/src/ml/onnx/write-model';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';
import { createWebOnnxRuntime } from '../../web/src/runner/onnx-web';

/** Mixed features with nulls (counts stay ≥ 0 for multinomial naive Bayes); `unseen` adds a new colour. */
function makeTable(n: number, seed: number, unseen: boolean): Table {
  const r = createRandom(seed);
  const colors = unseen ? ['red', 'green', 'blue', 'violet'] : ['red', 'green', 'blue'];
  const cols = { age: [] as (number | null)[], visits: [] as number[], spend: [] as (number | null)[], color: [] as (string | null)[] };
  const t = { yes: [] as string[], kind: [] as string[] };
  for (let i = 0; i < n; i++) {
    const age = r.next() < 0.1 ? null : 18 + r.next() * 60;
    const visits = r.int(20);
    const spend = r.next() < 0.05 ? null : Math.round(r.next() * 5000) / 7;
    const color = r.next() < 0.08 ? null : (colors[r.int(colors.length)] as string);
    cols.age.push(age);
    cols.visits.push(visits);
    cols.spend.push(spend);
    cols.color.push(color);
    const score = ((age ?? 45) - 45) / 15 + (visits - 10) / 5 + (color === 'red' ? 1 : color === 'blue' ? -1 : 0) + r.next() * 2 - 1;
    t.yes.push(score > 0 ? 'yes' : 'no');
    t.kind.push(score > 0.8 ? 'high' : score < -0.8 ? 'low' : 'mid');
  }
  return tableOf({ ...cols, ...t });
}

const train = makeTable(600, 1, false);
const test = makeTable(300, 2, true);
const features = ['age', 'visits', 'spend', 'color'];
const ctx = { signal: new AbortController().signal, progress: () => {}, log: () => {} };
const nodeRuntime = createNodeOnnxRuntime();
const runtimes: [string, OnnxRuntime][] = [
  ['onnxruntime-node', nodeRuntime],
  ['onnxruntime-web', createWebOnnxRuntime()],
];
afterAll(() => nodeRuntime.close());

const cls = (t: ClassTargets | Float64Array | undefined) => t as ClassTargets;
type Fit = (x: FeatureMatrix, t: ClassTargets | Float64Array | undefined) => Promise<FittedModel>;

/** Learner, how the node prepares its features, and the largest probability difference allowed. */
const cases: { name: string; target: string; scale: boolean; fit: Fit; tolerance: number }[] = [
  { name: 'gaussian naive Bayes, binary', target: 'yes', scale: true, fit: (x, t) => fitNaiveBayes(x, cls(t)), tolerance: 1e-5 },
  { name: 'gaussian naive Bayes, three classes', target: 'kind', scale: true, fit: (x, t) => fitNaiveBayes(x, cls(t)), tolerance: 1e-5 },
  {
    name: 'multinomial naive Bayes, three classes',
    target: 'kind',
    scale: false,
    fit: (x, t) => fitNaiveBayes(x, cls(t), { variant: 'multinomial' }),
    // Unscaled counts up to ~700 make log-likelihoods of ~10³, whose float32 sums are off by ~1e-4.
    tolerance: 1e-4,
  },
  { name: 'k-nearest neighbours, binary', target: 'yes', scale: true, fit: (x, t) => fitKNeighbors(x, cls(t), { k: 5 }), tolerance: 1e-6 },
  {
    name: 'k-nearest neighbours, three classes',
    target: 'kind',
    scale: true,
    fit: (x, t) => fitKNeighbors(x, cls(t), { k: 7 }),
    tolerance: 1e-6,
  },
  { name: 'linear SVM, binary', target: 'yes', scale: true, fit: (x, t) => fitLinearSvm(x, cls(t)), tolerance: 1e-5 },
  { name: 'linear SVM, three classes', target: 'kind', scale: true, fit: (x, t) => fitLinearSvm(x, cls(t)), tolerance: 1e-5 },
  {
    name: 'neural network, binary, one hidden layer',
    target: 'yes',
    scale: true,
    fit: (x, t) => fitMlp(x, cls(t), { hidden: [32], maxIter: 30 }),
    tolerance: 1e-5,
  },
  {
    name: 'neural network, three classes, two hidden layers',
    target: 'kind',
    scale: true,
    fit: (x, t) => fitMlp(x, cls(t), { hidden: [24, 12], maxIter: 30 }),
    tolerance: 1e-5,
  },
];

const floats = (t: OnnxTensor | undefined): Float32Array => {
  if (t?.type !== 'float32') throw new Error(`expected a float32 tensor, got ${t?.type}`);
  return t.data;
};

describe('new learners: ONNX scoring equals in-process prediction in both runtimes', () => {
  for (const c of cases) {
    for (const [runtimeName, runtime] of runtimes) {
      it(`${c.name}, ${runtimeName}`, async () => {
        const trained = await trainModel({ table: train, features, target: c.target, scale: c.scale, params: {}, fit: c.fit, ctx });
        // The graph casts its inputs to float32, so the in-process side sees the same rounded numbers.
        const expected = predictInProcess(trained.fitted, featureMatrix(test, trained.plan, { float32: true }));
        if (expected.kind !== 'classification') throw new Error('expected a classifier');
        const session = await runtime.createSession(trained.model.onnx);
        const out = await session.run(tableFeeds(test, session.inputs, {}).batch(0, test.numRows));
        await session.release();
        const k = expected.classes.length;
        expect(out.probabilities?.dims).toEqual([test.numRows, k]);
        let worst = 0;
        floats(out.probabilities).forEach((p, i) => {
          worst = Math.max(worst, Math.abs(p - (expected.probabilities[i] as number)));
        });
        expect(worst).toBeLessThan(c.tolerance);
        const labels = out.label?.data as string[];
        labels.forEach((label, i) => {
          const row = Array.from(expected.probabilities.subarray(i * k, i * k + k));
          const top = Math.max(...row);
          // A label may differ only where two classes tie within float32 precision.
          if (row.filter((p) => top - p < 1e-5).length === 1) expect(label).toBe(expected.classes[row.indexOf(top)]);
        });
      });
    }
  }
});

const nodes: [string, () => Promise<ModelValue>][] = [
  [
    'model.naive-bayes (multinomial)',
    async () =>
      (await runNode(naiveBayesNode, { inputs: { table: train }, config: { target: 'kind', features, variant: 'multinomial' } })).outputs
        .model,
  ],
  [
    'model.linear-svm',
    async () => (await runNode(linearSvmNode, { inputs: { table: train }, config: { target: 'yes', features } })).outputs.model,
  ],
  [
    'model.mlp',
    async () =>
      (await runNode(mlpNode, { inputs: { table: train }, config: { target: 'kind', features, hidden: [16], maxIter: 20 } })).outputs.model,
  ],
  ['model.knn', async () => (await runNode(knnNode, { inputs: { table: train }, config: { target: 'kind', features } })).outputs.model],
];

describe('the nodes train a model that model.predict scores alike in both runtimes', () => {
  for (const [name, trainModelValue] of nodes) {
    it(name, async () => {
      const model = await trainModelValue();
      const [a, b] = await Promise.all(
        runtimes.map(async ([, onnx]) =>
          rowsOf((await runNode(predictNode, { inputs: { table: test, model }, config: {}, onnx })).outputs.table),
        ),
      );
      expect(a).toHaveLength(test.numRows);
      expect(Object.keys(a?.[0] ?? {})).toEqual(Object.keys(b?.[0] ?? {}));
      let worst = 0;
      a?.forEach((row, i) => {
        expect(model.card.classes).toContain(row.prediction);
        for (const [key, value] of Object.entries(row)) {
          const other = b?.[i]?.[key];
          if (typeof value === 'number' && typeof other === 'number') worst = Math.max(worst, Math.abs(value - other));
          else if (key !== 'prediction') expect(other).toEqual(value);
        }
      });
      expect(worst).toBeLessThan(1e-4);
    });
  }
});

describe('model.knn', () => {
  it('refuses more training rows than the model may hold, saying how many', async () => {
    const big = makeTable(5001, 3, false);
    await expect(runNode(knnNode, { inputs: { table: big }, config: { target: 'kind', features } })).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringContaining('at most 5000 rows, the table has 5001') }),
    );
  });
});
