/**
 * Charts of 1,000,000 rows: for each mark, the spec build (the node's run: binning, grouping or
 * sampling over Arrow columns) and the SVG drawing of that spec (vega-lite + vega, headless), with
 * the spec's size. Target (issue 19): spec ≤ 2 MB and build + SVG ≤ 300 ms.
 * Baseline in the same run: the histogram drawn the way a spec without reduction would draw it —
 * all rows inline as objects, binned by Vega-Lite's own transform.
 *
 * Run: npx tsx test/bench/chart.ts [repetitions]
 */

import { loadavg } from 'node:os';
import { seededRandom } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { Dictionary, Int32, makeVector, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { z } from 'zod';
import { chartNode } from '../../nodes/src/visualize/chart';
import type { chartConfig } from '../../nodes/src/visualize/chart-config';
import { chartSvg } from '../../server/src/charts/chart-image';

const rows = 1_000_000;
const repetitions = Number(process.argv[2] ?? 5);
const targetMs = 300;
const targetBytes = 2_000_000;

function data(): { table: Table; x: Float64Array; plan: string[] } {
  const random = seededRandom(7);
  const x = new Float64Array(rows);
  const y = new Float64Array(rows);
  const plans = ['basic', 'pro', 'team', 'enterprise'];
  const plan: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const at = random() * 100;
    x[i] = at;
    y[i] = at * 2 + random() * 30;
    plan[i] = plans[Math.floor(random() * 4)] as string;
  }
  const table = new Table({ x: makeVector(x), y: makeVector(y), plan: vectorFromArray(plan, new Dictionary(new Utf8(), new Int32())) });
  return { table, x, plan };
}

type Config = z.input<typeof chartConfig>;
const cases: [string, Config][] = [
  ['point (sampled)', { mark: 'point', x: 'x', y: 'y', color: 'plan' }],
  ['histogram', { mark: 'histogram', x: 'x', color: 'plan' }],
  ['bar mean by plan', { mark: 'bar', x: 'plan', y: 'y', aggregate: 'mean' }],
  ['line mean by x (binned)', { mark: 'line', x: 'x', y: 'y', aggregate: 'mean' }],
  ['boxplot by plan', { mark: 'boxplot', x: 'plan', y: 'y' }],
  ['heatmap x by y', { mark: 'heatmap', x: 'x', y: 'y', bins: 40 }],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const { table, x: xs, plan: plansColumn } = data();
process.stdout.write(
  `chart of ${rows.toLocaleString('en-US')} rows, ${repetitions} runs after 1 warm-up (node ${process.version}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
process.stdout.write('case                     build ms   svg ms   total ms   cpu ms (build)   spec KB   target (≤ 300 ms, ≤ 2 MB)\n');
let histogramTotal = 0;
for (const [name, config] of cases) {
  const build: number[] = [];
  const draw: number[] = [];
  const cpu: number[] = [];
  const buildCpu: number[] = [];
  let size = 0;
  for (let r = 0; r <= repetitions; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { outputs } = await runNode(chartNode, { inputs: { table }, config });
    const t1 = performance.now();
    const builtCpu = process.cpuUsage(c0);
    await chartSvg(outputs.chart);
    const t2 = performance.now();
    const used = process.cpuUsage(c0);
    if (r === 0) continue;
    cpu.push((used.user + used.system) / 1000);
    buildCpu.push((builtCpu.user + builtCpu.system) / 1000);
    build.push(t1 - t0);
    draw.push(t2 - t1);
    size = JSON.stringify(outputs.chart).length;
  }
  const total = median(build) + median(draw);
  if (name === 'histogram') histogramTotal = total;
  const ok = total <= targetMs && size <= targetBytes ? 'met' : size > targetBytes ? 'MISSED (size)' : 'MISSED (time)';
  process.stdout.write(
    `${name.padEnd(24)} ${median(build).toFixed(0).padStart(8)} ${median(draw).toFixed(0).padStart(8)} ${total.toFixed(0).padStart(10)} ${median(cpu).toFixed(0).padStart(8)} (${median(buildCpu).toFixed(0).padStart(5)}) ${(size / 1000).toFixed(0).padStart(9)}   ${ok}\n`,
  );
}

// Baseline: every row inline, Vega-Lite bins and counts them while drawing.
const t0 = performance.now();
const values = Array.from({ length: rows }, (_, i) => ({ x: xs[i], plan: plansColumn[i] }));
const raw = {
  data: { values },
  mark: 'bar',
  encoding: { x: { field: 'x', bin: { maxbins: 50 } }, y: { aggregate: 'count' }, color: { field: 'plan' } },
};
await chartSvg(raw);
const baseline = performance.now() - t0;
const rawMb = (JSON.stringify(values).length / 1e6).toFixed(0);
process.stdout.write(
  `baseline: histogram with all rows inline (~${rawMb} MB of JSON), binned by Vega-Lite: ${baseline.toFixed(0)} ms; ` +
    `reduced first: ${histogramTotal.toFixed(0)} ms; ratio ${(baseline / histogramTotal).toFixed(1)}×\n`,
);
process.stdout.write(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
