/**
 * Predict throughput at batch 10k: the `model.predict` node (table → feeds → onnxruntime-node →
 * prediction columns) against raw onnxruntime-node `session.run` on the same model, over the same
 * batches, with the same session options, in the same run. Raw feeds are built before timing (a raw
 * caller holding ready tensors of the model's input type: a written model takes double columns, fed
 * as the Float64Array they are); the node's time includes reading the table and building the output.
 * Raw is timed twice: fetching every output (a plain `session.run(feeds)`) and fetching only
 * `probabilities`, as the node does for classifiers (it derives `prediction` from them instead of
 * reading the string `label` tensor). Target: node throughput ≥ 0.8× raw, against both. CPU time (this
 * process, onnxruntime's threads included) is reported beside wall time: on a shared machine it is the
 * steadier figure.
 *
 * Run: npx tsx test/bench/predict.ts [rows=200000] [repetitions=7]      ONLY=logistic|forest|boosting runs one model
 */
import { gradientBoostingNode, logisticRegressionNode, predictNode, randomForestNode } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import * as ort from 'onnxruntime-node';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const rows = Number(process.argv[2] ?? 200_000);
const repetitions = Number(process.argv[3] ?? 7);
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
  const times = { all: [] as number[], same: [] as number[], node: [] as number[] };
  const cpu = { all: [] as number[], same: [] as number[], node: [] as number[] };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let r = 0; r < repetitions + 1; r++) {
    let t = performance.now();
    let c = cpuMs();
    for (const feeds of feedsByBatch) await raw.run(feeds, fetchAll);
    const allMs = performance.now() - t;
    const allCpu = cpuMs() - c;
    t = performance.now();
    c = cpuMs();
    for (const feeds of feedsByBatch) await raw.run(feeds, fetchSame);
    const sameMs = performance.now() - t;
    const sameCpu = cpuMs() - c;
    t = performance.now();
    c = cpuMs();
    await runNode(predictNode, { inputs: { table, model }, config: { batchSize: batch }, onnx: runtime });
    const nodeMs = performance.now() - t;
    const nodeCpu = cpuMs() - c;
    // The first round warms every path (session load, JIT) and is not counted.
    if (r > 0) {
      times.all.push(allMs);
      times.same.push(sameMs);
      times.node.push(nodeMs);
      cpu.all.push(allCpu);
      cpu.same.push(sameCpu);
      cpu.node.push(nodeCpu);
    }
  }
  const [all, same, node] = [median(times.all), median(times.same), median(times.node)];
  const batches = Math.ceil(table.numRows / batch);
  const us = (ms: number) => `${((ms / batches) * 1000).toFixed(0)} µs`;
  const verdict = Math.min(all, same) / node >= 0.8 ? 'ok' : 'BELOW 0.8×';
  console.log(
    `${name.padEnd(30)} per batch: raw (all outputs) ${us(all).padStart(9)}, raw (same outputs) ${us(same).padStart(9)}, predict node ${us(node).padStart(9)}` +
      `   throughput ${(all / node).toFixed(2)}× / ${(same / node).toFixed(2)}× raw ${verdict}`,
  );
  const [allC, sameC, nodeC] = [median(cpu.all), median(cpu.same), median(cpu.node)];
  console.log(
    `${''.padEnd(30)} CPU per batch: raw (all) ${us(allC).padStart(9)}, raw (same) ${us(sameC).padStart(9)}, predict node ${us(nodeC).padStart(9)}` +
      `   CPU throughput ${(allC / nodeC).toFixed(2)}× / ${(sameC / nodeC).toFixed(2)}× raw`,
  );
  await raw.release();
  await runtime.close();
}

const train = makeTable(20_000, 1);
const table = makeTable(rows, 2);
console.log(`model.predict vs raw onnxruntime-node session.run: ${rows} rows, batch ${batch}, 10 features, median of ${repetitions}`);
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
