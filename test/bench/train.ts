/**
 * Training speed beside scikit-learn, in one run, on the same generated data (1M × 10 by default):
 * - logistic regression: our standardize + L-BFGS vs StandardScaler + LogisticRegression(lbfgs);
 * - gradient boosting, 100 rounds: ours vs HistGradientBoostingClassifier(max_iter=100,
 *   early_stopping=False), both with 31 leaves, learning rate 0.1, 255 bins.
 * The data is written once to a temporary binary file (column-major float64 features, then the two
 * label columns) that both sides read; each side gets its preferred layout before the clock starts.
 * scikit-learn runs through Debian's /usr/bin/python3 with its default threads (OpenMP, all cores);
 * ours is one thread. Prints medians of wall and CPU time, ratios, scikit-learn again on one thread
 * (threadpoolctl), and agreement (iterations, training accuracy). On a loaded machine OpenMP's
 * spinning threads inflate scikit-learn's all-core figures: read the one-thread CPU ratio beside them.
 *
 * Run: npx tsx test/bench/train.ts [rows] [cols]      RUNS=n repetitions (default 3); ONLY=gbt or ONLY=lr runs one learner;
 *      ONE_THREAD=1 times scikit-learn on one thread only (the fair CPU comparison; skips the all-core runs)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRandom,
  type FeatureMatrix,
  fitGradientBoosting,
  fitLogisticRegression,
  predictGradientBoosting,
  predictLogisticRegression,
  standardize,
} from '../../nodes/src/ml/learn';

const rows = Number(process.argv[2] ?? 1_000_000);
const cols = Number(process.argv[3] ?? 10);
const runs = Number(process.env.RUNS ?? 3);
const only = process.env.ONLY;
const doLr = only !== 'gbt';
const doGbt = only !== 'lr';
const allCores = process.env.ONE_THREAD !== '1';

function generate(): { x: FeatureMatrix; linear: Int32Array; nonlinear: Int32Array } {
  const random = createRandom(7);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const centre = (j - 3) * 10;
    const spread = 1 + j * 3;
    for (let i = 0; i < rows; i++) data[j * rows + i] = centre + spread * gauss();
  }
  const linear = new Int32Array(rows);
  const nonlinear = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.3;
    for (let j = 0; j < cols; j++) z += ((j % 3) - 1) * 0.8 * (((data[j * rows + i] as number) - (j - 3) * 10) / (1 + j * 3));
    linear[i] = random.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const a = (data[i] as number) + 30;
    const b = (data[rows + i] as number) + 20;
    const c = cols > 2 ? (data[2 * rows + i] as number) + 10 : 0;
    nonlinear[i] = Math.sin(a) + (b * c) / 20 + 0.5 * gauss() > 0 ? 1 : 0;
  }
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { x: { rows, cols, data, names }, linear, nonlinear };
}

const python = `
import json, sys, time
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import HistGradientBoostingClassifier
path, n, p, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
do_lr, do_gbt, all_cores = sys.argv[5] == '1', sys.argv[6] == '1', sys.argv[7] == '1'
raw = np.fromfile(path, dtype=np.float64)
X = np.ascontiguousarray(raw[: n * p].reshape(p, n).T)
ylin = raw[n * p : n * p + n].astype(np.int64)
ynl = raw[n * p + n :].astype(np.int64)
from threadpoolctl import threadpool_limits
out = {}
def timed(key, fit):
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        model = fit()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    out[key] = {'wall': walls, 'cpu': cpus}
    return model
def lr_fit():
    Xs = StandardScaler().fit_transform(X)
    return LogisticRegression(C=1.0, solver='lbfgs', max_iter=100).fit(Xs, ylin), Xs
gbt_fit = lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0).fit(X, ynl)
def report(lr_model, gbt_model):
    if do_lr:
        lr, Xs = lr_model
        out['lrIter'] = int(lr.n_iter_[0])
        out['lrAccuracy'] = float((lr.predict(Xs) == ylin).mean())
    if do_gbt:
        out['gbtAccuracy'] = float((gbt_model.predict(X) == ynl).mean())
if all_cores:
    report(timed('lr', lr_fit) if do_lr else None, timed('gbt', gbt_fit) if do_gbt else None)
with threadpool_limits(1):
    lr1 = timed('lr1', lr_fit) if do_lr else None
    gbt1 = timed('gbt1', gbt_fit) if do_gbt else None
    if not all_cores:
        report(lr1, gbt1)
print(json.dumps(out))
`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function accuracy(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) hits++;
  return hits / a.length;
}

const { x, linear, nonlinear } = generate();
const dir = mkdtempSync(join(tmpdir(), 'causeway-train-'));
const file = join(dir, 'data.f64');
const payload = new Float64Array(rows * cols + 2 * rows);
payload.set(x.data);
payload.set(Float64Array.from(linear), rows * cols);
payload.set(Float64Array.from(nonlinear), rows * cols + rows);
writeFileSync(file, new Uint8Array(payload.buffer));

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const lrTimes: number[] = [];
const lrCpu: number[] = [];
let lrResult = { iterations: 0, accuracy: 0 };
for (let r = 0; r < (doLr ? runs : 0); r++) {
  const t = performance.now();
  const c = cpuSeconds();
  const { matrix } = standardize(x);
  const model = await fitLogisticRegression(matrix, { y: linear, classes: ['0', '1'] }, { C: 1 });
  lrTimes.push((performance.now() - t) / 1000);
  lrCpu.push(cpuSeconds() - c);
  lrResult = { iterations: model.iterations, accuracy: accuracy(predictLogisticRegression(model, matrix), linear) };
}
const gbtTimes: number[] = [];
const gbtCpu: number[] = [];
let gbtAccuracy = 0;
for (let r = 0; r < (doGbt ? runs : 0); r++) {
  const t = performance.now();
  const c = cpuSeconds();
  const model = await fitGradientBoosting(x, { y: nonlinear, classes: ['0', '1'] }, { rounds: 100 });
  gbtTimes.push((performance.now() - t) / 1000);
  gbtCpu.push(cpuSeconds() - c);
  gbtAccuracy = accuracy(predictGradientBoosting(model, x), nonlinear);
}
const sk = JSON.parse(
  execFileSync(
    '/usr/bin/python3',
    ['-c', python, file, String(rows), String(cols), String(runs), doLr ? '1' : '0', doGbt ? '1' : '0', allCores ? '1' : '0'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  ),
);
rmSync(dir, { recursive: true, force: true });

type Timing = { wall: number[]; cpu: number[] };
const line = (name: string, ours: Timing, theirs: Timing | undefined, single: Timing, target: number, extra: string): void => {
  if (!theirs) {
    const [ow, oc, sw, sc] = [median(ours.wall), median(ours.cpu), median(single.wall), median(single.cpu)];
    const ratio = oc / sc;
    console.log(`${name}: ${extra}`);
    console.log(
      `  cpu   causeway ${oc.toFixed(3)} s   scikit-learn (one thread) ${sc.toFixed(3)} s   ratio ${ratio.toFixed(2)} (target ≤ ${target}) ${ratio <= target ? 'met' : 'NOT met'}`,
    );
    console.log(`  wall  causeway ${ow.toFixed(3)} s   scikit-learn (one thread) ${sw.toFixed(3)} s   ratio ${(ow / sw).toFixed(2)}`);
    return;
  }
  const [ow, oc, tw, tc, sw, sc] = [
    median(ours.wall),
    median(ours.cpu),
    median(theirs.wall),
    median(theirs.cpu),
    median(single.wall),
    median(single.cpu),
  ];
  const ratio = ow / tw;
  console.log(`${name}: ${extra}`);
  console.log(
    `  wall  causeway ${ow.toFixed(3)} s   scikit-learn ${tw.toFixed(3)} s   ratio ${ratio.toFixed(2)} (target ≤ ${target}) ${ratio <= target ? 'met' : 'NOT met'}`,
  );
  console.log(`  cpu   causeway ${oc.toFixed(3)} s   scikit-learn ${tc.toFixed(3)} s (all threads)   ratio ${(oc / tc).toFixed(2)}`);
  console.log(
    `  scikit-learn on one thread: wall ${sw.toFixed(3)} s (ratio ${(ow / sw).toFixed(2)})   cpu ${sc.toFixed(3)} s (ratio ${(oc / sc).toFixed(2)})`,
  );
};
console.log(
  `train bench: ${rows} × ${cols}, ${runs} runs, medians; scikit-learn ${allCores ? 'on all cores and ' : ''}on one thread, causeway on one`,
);
if (doLr)
  line(
    'logistic regression (standardize + lbfgs)',
    { wall: lrTimes, cpu: lrCpu },
    sk.lr,
    sk.lr1,
    1.5,
    `iterations ${lrResult.iterations} vs ${sk.lrIter}, train accuracy ${lrResult.accuracy.toFixed(4)} vs ${sk.lrAccuracy.toFixed(4)}`,
  );
if (doGbt)
  line(
    'gradient boosting, 100 rounds',
    { wall: gbtTimes, cpu: gbtCpu },
    sk.gbt,
    sk.gbt1,
    2,
    `train accuracy ${gbtAccuracy.toFixed(4)} vs ${sk.gbtAccuracy.toFixed(4)}`,
  );
