/**
 * How quickly a running fit lets go of its thread (1M × 10 by default): for each learner, a 5 ms
 * interval ticks beside the fit and a timer cancels it after CANCEL_AT ms. Prints the longest gap
 * between ticks (how long the thread was held at once; other runs and messages wait that long), the
 * time from when the cancel was due to the fit's rejection (target ≤ 250 ms), and the ticks the
 * interval got.
 * The baseline in the same run is the same loop with no fit: the gap a bare event loop shows.
 *
 * Run: npx tsx test/bench/cancel-latency.ts [rows] [cols]      CANCEL_AT=ms (default 1500)
 */
import {
  createRandom,
  type FeatureMatrix,
  fitDecisionTree,
  fitGradientBoosting,
  fitKMeans,
  fitLinearRegression,
  fitLogisticRegression,
  fitRandomForest,
  type TrainControl,
} from '../../nodes/src/ml/learn';

const rows = Number(process.argv[2] ?? 1_000_000);
const cols = Number(process.argv[3] ?? 10);
const cancelAt = Number(process.env.CANCEL_AT ?? 1500);

const random = createRandom(3);
const data = Float64Array.from({ length: rows * cols }, () => random.next() * 2 - 1);
const x: FeatureMatrix = { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `x${j}`) };
const labels = Int32Array.from({ length: rows }, (_, i) =>
  (data[i] as number) * (data[rows + i] as number) + random.next() * 0.3 > 0 ? 1 : 0,
);
const y = { y: labels, classes: ['0', '1'] };
const real = Float64Array.from({ length: rows }, (_, i) => (data[i] as number) * 3 + random.next());

const learners: Array<[string, (control: TrainControl) => Promise<unknown>]> = [
  [
    'none (bare event loop)',
    (control) => new Promise((_, reject) => control.signal?.addEventListener('abort', () => reject(new Error('cancelled')))),
  ],
  ['logistic regression', (control) => fitLogisticRegression(x, y, { tol: 1e-14, maxIter: 10_000 }, control)],
  [
    'linear regression (repeated)',
    async (control) => {
      for (;;) await fitLinearRegression(x, real, {}, control);
    },
  ],
  ['decision tree', (control) => fitDecisionTree(x, y, {}, control)],
  ['random forest', (control) => fitRandomForest(x, y, { trees: 100 }, control)],
  ['gradient boosting', (control) => fitGradientBoosting(x, y, { rounds: 400 }, control)],
  ['k-means', (control) => fitKMeans(x, { k: 16, tol: 0 }, control)],
];

console.log(`${rows} × ${cols}, cancel after ${cancelAt} ms`);
console.log('learner | longest hold ms | cancel → stop ms | ticks');
for (const [name, train] of learners) {
  const controller = new AbortController();
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  // Measured from when the cancel was due, so the time the timer waited for the thread counts too.
  const dueAt = performance.now() + cancelAt;
  let cancelled = false;
  const timer = setTimeout(() => {
    cancelled = true;
    controller.abort();
  }, cancelAt);
  await train({ signal: controller.signal }).catch(() => undefined);
  clearTimeout(timer);
  const stopped = performance.now() - dueAt;
  clearInterval(interval);
  console.log(`${name} | ${longest.toFixed(1)} | ${cancelled ? stopped.toFixed(1) : 'finished first'} | ${ticks}`);
}
