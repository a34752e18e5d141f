/**
 * Fit time and test accuracy of the newer learners beside their scikit-learn counterparts, in one
 * run, on the same generated data (100k × 10 training rows and 5,000 test rows by default):
 * - naive Bayes: fitNaiveBayes vs GaussianNB (raw features), and multinomial vs MultinomialNB on |x|;
 * - k-nearest neighbours (k 5): standardize + fitKNeighbors vs StandardScaler + KNeighborsClassifier
 *   (its fit builds a tree; ours keeps the rows);
 * - linear SVM: standardize + fitLinearSvm vs StandardScaler + LinearSVC (C 1, tol 1e-4, 1000 passes);
 * - neural network: standardize + fitMlp vs StandardScaler + MLPClassifier, one hidden layer of 100,
 *   both stopped at EPOCHS epochs (default 20; scikit-learn's default is 200).
 * Target: each fit ≤ 2× scikit-learn's, test accuracy within 1 point. scikit-learn runs through
 * Debian's /usr/bin/python3, on all cores and again on one thread (threadpoolctl); ours is one
 * thread. Prints medians of wall and CPU time and the ratios.
 *
 * Run: npx tsx test/bench/learners.ts [rows] [cols]   RUNS=n (default 3), EPOCHS=n, TEST=n, ONLY=nb|mnb|knn|svm|mlp
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyStandardization,
  createRandom,
  type FeatureMatrix,
  fitKNeighbors,
  fitLinearSvm,
  fitMlp,
  fitNaiveBayes,
  fitStandardization,
  predictKNeighbors,
  predictLinearSvm,
  predictMlp,
  predictNaiveBayes,
} from '../../nodes/src/ml/learn';

const rows = Number(process.argv[2] ?? 100_000);
const cols = Number(process.argv[3] ?? 10);
const testRows = Number(process.env.TEST ?? 5_000);
const runs = Number(process.env.RUNS ?? 3);
const epochs = Number(process.env.EPOCHS ?? 20);
const only = process.env.ONLY;
const learners = ['nb', 'mnb', 'knn', 'svm', 'mlp'].filter((l) => !only || only === l);

/** Gaussian features on different scales; a mostly linear class with a curved part and noise. */
function generate(n: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const random = createRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const data = new Float64Array(n * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < n; i++) data[j * n + i] = (j - 3) * 10 + (1 + j * 3) * gauss();
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0.3 + 0.5 * gauss();
    for (let j = 0; j < cols; j++) z += ((j % 3) - 1) * 0.8 * (((data[j * n + i] as number) - (j - 3) * 10) / (1 + j * 3));
    z += Math.sin((data[i] as number) + 30);
    y[i] = z > 0 ? 1 : 0;
  }
  return { x: { rows: n, cols, data, names: Array.from({ length: cols }, (_, j) => `x${j}`) }, y };
}

function absolute(x: FeatureMatrix): FeatureMatrix {
  return { ...x, data: x.data.map(Math.abs) };
}

const python = `
import json, sys, time, warnings
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.naive_bayes import GaussianNB, MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import LinearSVC
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits
warnings.filterwarnings('ignore')
path, n, m, p, runs, epochs, which = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7].split(',')
raw = np.fromfile(path, dtype=np.float64)
X = np.ascontiguousarray(raw[: n * p].reshape(p, n).T)
Xt = np.ascontiguousarray(raw[n * p : n * p + m * p].reshape(p, m).T)
y = raw[n * p + m * p : n * p + m * p + n].astype(np.int64)
yt = raw[n * p + m * p + n :].astype(np.int64)
def scaled(model):
    def fit():
        s = StandardScaler().fit(X)
        return (s, model().fit(s.transform(X), y))
    return fit, lambda f: f[1].predict(f[0].transform(Xt))
fits = {
    'nb': (lambda: GaussianNB().fit(X, y), lambda f: f.predict(Xt)),
    'mnb': (lambda: MultinomialNB().fit(np.abs(X), y), lambda f: f.predict(np.abs(Xt))),
    'knn': scaled(lambda: KNeighborsClassifier(n_neighbors=5)),
    'svm': scaled(lambda: LinearSVC(C=1.0)),
    'mlp': scaled(lambda: MLPClassifier(hidden_layer_sizes=(100,), max_iter=epochs, random_state=0)),
}
out = {}
def timed(key, threads):
    fit, predict = fits[key]
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        model = fit()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    out[key + threads] = {'wall': walls, 'cpu': cpus, 'accuracy': float((predict(model) == yt).mean())}
for key in which:
    timed(key, '')
    with threadpool_limits(1):
        timed(key, '1')
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

const train = generate(rows, 7);
const test = generate(testRows, 8);
const target = { y: train.y, classes: ['0', '1'] };
const scaledFit =
  <M>(fitOn: (x: FeatureMatrix) => Promise<M>, predict: (m: M, x: FeatureMatrix) => Int32Array) =>
  async () => {
    const s = fitStandardization(train.x);
    const model = await fitOn(applyStandardization(train.x, s));
    return () => predict(model, applyStandardization(test.x, s));
  };
const ours: Record<string, () => Promise<() => Int32Array>> = {
  nb: async () => {
    const model = await fitNaiveBayes(train.x, target);
    return () => predictNaiveBayes(model, test.x);
  },
  mnb: async () => {
    const model = await fitNaiveBayes(absolute(train.x), target, { variant: 'multinomial' });
    return () => predictNaiveBayes(model, absolute(test.x));
  },
  knn: scaledFit((x) => fitKNeighbors(x, target, { k: 5 }), predictKNeighbors),
  svm: scaledFit((x) => fitLinearSvm(x, target), predictLinearSvm),
  mlp: scaledFit((x) => fitMlp(x, target, { hidden: [100], maxIter: epochs, tol: 0 }), predictMlp),
};

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
type Timing = { wall: number[]; cpu: number[]; accuracy: number };
const mine: Record<string, Timing> = {};
for (const key of learners) {
  const timing: Timing = { wall: [], cpu: [], accuracy: 0 };
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = cpuSeconds();
    const predict = await (ours[key] as () => Promise<() => Int32Array>)();
    timing.wall.push((performance.now() - t) / 1000);
    timing.cpu.push(cpuSeconds() - c);
    timing.accuracy = accuracy(predict(), test.y);
  }
  mine[key] = timing;
}

const dir = mkdtempSync(join(tmpdir(), 'causeway-learners-'));
const file = join(dir, 'data.f64');
const payload = new Float64Array((rows + testRows) * cols + rows + testRows);
payload.set(train.x.data);
payload.set(test.x.data, rows * cols);
payload.set(Float64Array.from(train.y), (rows + testRows) * cols);
payload.set(Float64Array.from(test.y), (rows + testRows) * cols + rows);
writeFileSync(file, new Uint8Array(payload.buffer));
const sk = JSON.parse(
  execFileSync(
    '/usr/bin/python3',
    ['-c', python, file, String(rows), String(testRows), String(cols), String(runs), String(epochs), learners.join(',')],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  ),
) as Record<string, Timing>;
rmSync(dir, { recursive: true, force: true });

const names: Record<string, string> = {
  nb: 'gaussian naive Bayes vs GaussianNB',
  mnb: 'multinomial naive Bayes vs MultinomialNB (|x|)',
  knn: 'k-nearest neighbours (k 5) vs KNeighborsClassifier',
  svm: 'linear SVM vs LinearSVC',
  mlp: `neural network (100 hidden, ${epochs} epochs) vs MLPClassifier`,
};
console.log(`learners bench: ${rows} × ${cols} train, ${testRows} test rows, ${runs} runs, medians; causeway on one thread`);
for (const key of learners) {
  const a = mine[key] as Timing;
  const all = sk[key] as Timing;
  const one = sk[`${key}1`] as Timing;
  const ratio = median(a.wall) / median(all.wall);
  const gap = (a.accuracy - all.accuracy) * 100;
  console.log(`${names[key]}:`);
  console.log(
    `  fit wall  causeway ${median(a.wall).toFixed(3)} s   scikit-learn ${median(all.wall).toFixed(3)} s   ratio ${ratio.toFixed(2)} (target ≤ 2) ${ratio <= 2 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  fit cpu   causeway ${median(a.cpu).toFixed(3)} s   scikit-learn one thread ${median(one.cpu).toFixed(3)} s   ratio ${(median(a.cpu) / median(one.cpu)).toFixed(2)}`,
  );
  console.log(
    `  test accuracy  causeway ${(a.accuracy * 100).toFixed(2)} %   scikit-learn ${(all.accuracy * 100).toFixed(2)} %   gap ${gap.toFixed(2)} points (target within 1) ${Math.abs(gap) <= 1 ? 'met' : 'NOT met'}`,
  );
}
