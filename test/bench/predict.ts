/**
 * Predict throughput at batch 10k: the `model.predict` node (table → feeds → onnxruntime-node →
 * prediction columns) against raw onnxruntime-node `session.run` on the same model, over the same
 * batches, with the same session options, in the same run. Raw feeds are built before timing (a raw
 * caller holding ready tensors of the model's input type: a written model takes double columns, fed
 * as the Float64Array they are); the node's time includes reading the table and building the output.
 * Raw is timed twice: fetching every output (a plain `session.run(feeds)`) and fetching only
 * `probabilities`, as the node does for classifiers (it derives `prediction` from them instead of
 * reading the string `label` tensor). Target: node throughput ≥ 0.8× raw, against both. CPU time (this
 * process, onnxruntime's threads included) is reported beside wall time. On a shared machine a run's
 * speed drifts by tens of percent within a minute, so each round times all three back to back, in a
 * rotating order, and a ratio is the median of the rounds' own ratios.
 *
 * Run: npx tsx test/bench/predict.ts [rows=200000] [rounds=15]      ONLY=logistic|forest|boosting runs one model
 */
import { gradientBoostingNode, logisticRegressionNode, predictNode, randomForestNode } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import * as ort from 'onnxruntime-node';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const rows = Number(process.argv[2] ?? 200_000);
const repetitions = Number(process.argv[3] ?? 15);
type Kind = 'all' | 'same' | 'node';
const batch = 10_000;
const only = process.env.ONLY;
const features = Array.from({ length: 10 }, (_, j) => `f${j}`);

function makeTable(n: number, seed: number): Table {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const columns: Record<string, (number | string)[]> = {};
  for (const f of features) columns[f] = [];
  columns.y = [];
  for (let i = 0; i < n; i++) {
    let score = 0;
    features.forEach((f, j) => {
      const v = next() * 4 - 2;
      (columns[f] as number[]).push(v);
      score += (j % 3 === 0 ? 1 : -0.5) * v;
    });
    (columns.y as string[]).push(score + next() - 0.5 > 0 ? 'yes' : 'no');
  }
  return tableOf(columns);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function bench(name: string, model: ModelValue, table: Table): Promise<void> {
  const runtime = createNodeOnnxRuntime();
  const raw = await ort.InferenceSession.create(model.onnx, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const feedsByBatch: Record<string, ort.Tensor>[] = [];
  const inputTypes = new Map(raw.inputMetadata.map((m) => [m.name, m.isTensor ? m.type : undefined]));
  for (let start = 0; start < table.numRows; start += batch) {
    const end = Math.min(table.numRows, start + batch);
    const feeds: Record<string, ort.Tensor> = {};
    for (const f of features) {
      const column = table.getChild(f)?.toArray() as Float64Array;
      feeds[f] =
        inputTypes.get(f) === 'float64'
          ? new ort.Tensor('float64', column.subarray(start, end), [end - start, 1])
          : new ort.Tensor('float32', Float32Array.from(column.subarray(start, end)), [end - start, 1]);
    }
    feedsByBatch.push(feeds);
  }
  const fetchAll = raw.outputNames;
  const fetchSame = model.card.task === 'classification' ? ['probabilities'] : raw.outputNames;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs: Record<Kind, () => Promise<unknown>> = {
    all: async () => {
      for (const feeds of feedsByBatch) await raw.run(feeds, fetchAll);
    },
    same: async () => {
      for (const feeds of feedsByBatch) await raw.run(feeds, fetchSame);
    },
    node: () => runNode(predictNode, { inputs: { table, model }, config: { batchSize: batch }, onnx: runtime }),
  };
  const wall = { all: [] as number[], same: [] as number[], node: [] as number[] };
  const cpu = { all: [] as number[], same: [] as number[], node: [] as number[] };
  const kinds: Kind[] = ['all', 'same', 'node'];
  for (let r = 0; r < repetitions + 1; r++) {
    // Each round runs all three, starting with a different one, so none always follows the same neighbour.
    for (const kind of kinds.map((_, k) => kinds[(k + r) % kinds.length] as Kind)) {
      const t = performance.now();
      const c = cpuMs();
      await runs[kind]();
      // The first round warms every path (session load, JIT) and is not counted.
      if (r > 0) {
        wall[kind].push(performance.now() - t);
        cpu[kind].push(cpuMs() - c);
      }
    }
  }
  const batches = Math.ceil(table.numRows / batch);
  const us = (ms: number) => `${((ms / batches) * 1000).toFixed(0)} µs`;
  // Throughput ratio to raw within each round (neighbouring runs share the machine's state), then the median.
  const paired = (xs: number[], node: number[]) => median(xs.map((x, k) => x / (node[k] as number)));
  for (const [label, m] of [
    ['per batch', wall],
    ['CPU per batch', cpu],
  ] as const) {
    const [all, same] = [paired(m.all, m.node), paired(m.same, m.node)];
    const verdict = label === 'per batch' ? (Math.min(all, same) >= 0.8 ? ' ok' : ' BELOW 0.8×') : '';
    console.log(
      `${(label === 'per batch' ? name : '').padEnd(30)} ${label.padEnd(13)} raw (all outputs) ${us(median(m.all)).padStart(9)}, raw (same outputs) ${us(median(m.same)).padStart(9)}, ` +
        `predict node ${us(median(m.node)).padStart(9)}   throughput ${all.toFixed(2)}× / ${same.toFixed(2)}× raw${verdict}` +
        ` (ratio of the medians: ${(median(m.same) / median(m.node)).toFixed(2)}× same)`,
    );
  }
  await raw.release();
  await runtime.close();
}

const train = makeTable(20_000, 1);
const table = makeTable(rows, 2);
console.log(
  `model.predict vs raw onnxruntime-node session.run: ${rows} rows, batch ${batch}, 10 features, ${repetitions} rounds (times: medians; ratios: median of each round's)`,
);
const config = { target: 'y', features };
if (!only || only === 'logistic') {
  const logistic = (await runNode(logisticRegressionNode, { inputs: { table: train }, config })).outputs.model;
  await bench('logistic regression', logistic, table);
}
if (!only || only === 'forest') {
  const forest = (await runNode(randomForestNode, { inputs: { table: train }, config: { ...config, trees: 100, maxDepth: 10 } })).outputs
    .model;
  await bench('random forest, 100 trees', forest, table);
}
if (!only || only === 'boosting') {
  const boosting = (await runNode(gradientBoostingNode, { inputs: { table: train }, config: { ...config, rounds: 100 } })).outputs.model;
  await bench('gradient boosting, 100 rounds', boosting, table);
}
