/**
 * Cross-validation, tuning and permutation importance beside scikit-learn, in one run, on the same
 * generated data (written once to a binary file both sides read):
 * - cv:   5-fold stratified CV of logistic regression (scaling fitted per fold) on 1M × 10, four
 *         metrics per fold, vs cross_validate(make_pipeline(StandardScaler(), LogisticRegression()),
 *         cv=StratifiedKFold(5, shuffle=True), scoring=accuracy, roc_auc, neg_log_loss, f1_macro).
 *         Ours without the refit (cross_validate does not refit).
 * - tune: random search of 20 gradient-boosting configurations (learning rate log-uniform
 *         0.01–0.3, leaves 8–64, min leaf rows 5–50), 3 folds, 100k × 10, then the refit of the best,
 *         vs RandomizedSearchCV(HistGradientBoostingClassifier(early_stopping=False), n_iter=20, cv=3)
 *         over the same distributions (refit=True).
 * - pi:   permutation importance, 10 repeats, accuracy, on 100k held-out rows, of a logistic
 *         regression and of 100-round gradient boosting: our model.explain (ONNX through
 *         onnxruntime-node, one thread) vs sklearn.inspection.permutation_importance of sklearn's own
 *         fitted models.
 * scikit-learn runs through Debian's /usr/bin/python3, timed on one thread (threadpoolctl) and, with
 * ALL_CORES=1, also on all cores; ours is one thread. Prints each time, the ratio and the load.
 *
 * Run: npx tsx test/bench/model-selection.ts      ONLY=cv|tune|pi runs one part; CV_ROWS, TUNE_ROWS, PI_ROWS resize.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NodeContext, tableFromColumns } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { makeVector, type Table } from 'apache-arrow';
import { createRandom } from '../../nodes/src/ml/learn/random';
import { assignFolds } from '../../nodes/src/ml/selection/assign-folds';
import { crossValidate } from '../../nodes/src/ml/selection/cross-validate';
import { prepareData } from '../../nodes/src/ml/selection/prepare';
import { explainNode } from '../../nodes/src/model/explain';
import { gradientBoostingNode } from '../../nodes/src/model/gradient-boosting';
import { logisticRegressionNode } from '../../nodes/src/model/logistic-regression';
import { captureTraining } from '../../nodes/src/model/shared/capture-training';
import { tuneNode } from '../../nodes/src/model/tune';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const only = process.env.ONLY;
const allCores = process.env.ALL_CORES === '1';
const cols = 10;

function generate(rows: number, seed: number): { data: Float64Array; linear: Int32Array; nonlinear: Int32Array } {
  const random = createRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) data[j * rows + i] = (j - 3) * 10 + (1 + j * 3) * gauss();
  const linear = new Int32Array(rows);
  const nonlinear = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.3;
    for (let j = 0; j < cols; j++) z += ((j % 3) - 1) * 0.8 * (((data[j * rows + i] as number) - (j - 3) * 10) / (1 + j * 3));
    linear[i] = random.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const a = (data[i] as number) + 30;
    const b = (data[rows + i] as number) + 20;
    const c = (data[2 * rows + i] as number) + 10;
    nonlinear[i] = Math.sin(a) + (b * c) / 20 + 0.5 * gauss() > 0 ? 1 : 0;
  }
  return { data, linear, nonlinear };
}

function tableOf(rows: number, data: Float64Array, labels: Int32Array): Table {
  const names = [...Array.from({ length: cols }, (_, j) => `x${j}`), 'y'];
  const vectors = [
    ...Array.from({ length: cols }, (_, j) => makeVector(data.subarray(j * rows, (j + 1) * rows))),
    makeVector(Float64Array.from(labels)),
  ];
  return tableFromColumns(names, vectors);
}

function write(dir: string, name: string, rows: number, data: Float64Array, labels: Int32Array): string {
  const file = join(dir, name);
  const payload = new Float64Array(rows * cols + rows);
  payload.set(data);
  payload.set(Float64Array.from(labels), rows * cols);
  writeFileSync(file, new Uint8Array(payload.buffer));
  return file;
}

const python = readFileSync(new URL('./model-selection.py', import.meta.url), 'utf8');

function sklearn(args: string[]): Record<string, number> {
  const out = execFileSync('/usr/bin/python3', ['-c', python, ...args, allCores ? '1' : '0'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Record<string, number>;
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const line = (name: string, ours: number, theirs: number, target: number, extra = '') =>
  console.log(
    `${name}: causeway ${ours.toFixed(2)} s   scikit-learn ${theirs.toFixed(2)} s   ratio ${(ours / theirs).toFixed(2)} (target ≤ ${target}) ${ours / theirs <= target ? 'met' : 'NOT met'}${extra}`,
  );

const quietCtx = (signal = new AbortController().signal): NodeContext =>
  ({ nodeId: 'bench', signal, log: () => undefined, progress: () => undefined }) as unknown as NodeContext;

const dir = mkdtempSync(join(tmpdir(), 'causeway-selection-'));
try {
  console.log(`model-selection bench; load ${load()}; scikit-learn one thread${allCores ? ' and all cores' : ''}, causeway one thread`);
  if (!only || only === 'cv') {
    const rows = Number(process.env.CV_ROWS ?? 1_000_000);
    const { data, linear } = generate(rows, 7);
    const file = write(dir, 'cv.f64', rows, data, linear);
    const table = tableOf(rows, data, linear);
    const started = performance.now();
    const run = await captureTraining(logisticRegressionNode, table, logisticRegressionNode.config.parse({ target: 'y' }), quietCtx());
    // a numeric 0/1 target would be a regression: read it as classes
    const data2 = prepareData({ ...run, task: 'classification' });
    const fold = assignFolds(data2, table, { strategy: 'stratified', folds: 5, shuffle: true, seed: 0 });
    const results = await crossValidate({ data: data2, fold, folds: 5, fit: run.fit });
    const ours = (performance.now() - started) / 1000;
    const sk = sklearn(['cv', file, String(rows), String(cols)]);
    const mean = results.reduce((a, r) => a + (r.values.accuracy as number), 0) / results.length;
    line(
      `5-fold CV, logistic regression, ${rows} × ${cols}`,
      ours,
      sk.one as number,
      1.5,
      `   (accuracy ${mean.toFixed(4)} vs ${(sk.accuracy as number).toFixed(4)}${allCores ? `; scikit-learn all cores ${(sk.all as number).toFixed(2)} s` : ''}); load ${load()}`,
    );
  }
  if (!only || only === 'tune') {
    const rows = Number(process.env.TUNE_ROWS ?? 100_000);
    const { data, nonlinear } = generate(rows, 8);
    const file = write(dir, 'tune.f64', rows, data, nonlinear);
    const table = tableOf(rows, data, nonlinear);
    const started = performance.now();
    const { outputs } = await runNode(tuneNode, {
      inputs: { table },
      config: {
        learner: 'model.gradient-boosting',
        learnerConfig: { target: 'y', task: 'classification' },
        space: {
          learningRate: { min: 0.01, max: 0.3, log: true },
          maxLeafNodes: { min: 8, max: 64, integer: true },
          minSamplesLeaf: { min: 5, max: 50, integer: true },
        },
        search: 'random',
        iterations: 20,
        folds: 3,
      },
    });
    const ours = (performance.now() - started) / 1000;
    const sk = sklearn(['tune', file, String(rows), String(cols)]);
    line(
      `random search, 20 × gradient boosting, 3 folds, ${rows} × ${cols}`,
      ours,
      sk.one as number,
      1.5,
      `   (best accuracy ${(outputs.metrics.values.accuracy as number).toFixed(4)} vs ${(sk.best as number).toFixed(4)}${allCores ? `; scikit-learn all cores ${(sk.all as number).toFixed(2)} s` : ''}); load ${load()}`,
    );
  }
  if (!only || only === 'pi') {
    const rows = Number(process.env.PI_ROWS ?? 100_000);
    const train = generate(rows, 9);
    const test = generate(rows, 10);
    const trainFile = write(dir, 'pi-train.f64', rows, train.data, train.nonlinear);
    write(dir, 'pi-train-lin.f64', rows, train.data, train.linear);
    const testFile = write(dir, 'pi-test.f64', rows, test.data, test.nonlinear);
    write(dir, 'pi-test-lin.f64', rows, test.data, test.linear);
    const onnx = createNodeOnnxRuntime();
    try {
      for (const [learner, node, labels, testLabels] of [
        ['logistic regression', logisticRegressionNode, train.linear, test.linear],
        ['gradient boosting', gradientBoostingNode, train.nonlinear, test.nonlinear],
      ] as const) {
        const trainTable = tableOf(rows, train.data, labels);
        const config = node === gradientBoostingNode ? { target: 'y', task: 'classification' } : { target: 'y' };
        const { outputs: trained } = await runNode(node as typeof logisticRegressionNode, {
          inputs: { table: trainTable },
          config: config as never,
        });
        const testTable = tableOf(rows, test.data, testLabels);
        const started = performance.now();
        await runNode(explainNode, { inputs: { model: trained.model, table: testTable }, config: { repeats: 10 }, onnx });
        const ours = (performance.now() - started) / 1000;
        const kind = learner === 'gradient boosting' ? 'gbt' : 'lr';
        const sk = sklearn([
          `pi-${kind}`,
          kind === 'gbt' ? trainFile : join(dir, 'pi-train-lin.f64'),
          kind === 'gbt' ? testFile : join(dir, 'pi-test-lin.f64'),
          String(rows),
          String(cols),
        ]);
        line(
          `permutation importance, 10 repeats, ${learner}, ${rows} rows`,
          ours,
          sk.one as number,
          1.5,
          `${allCores ? `   (scikit-learn all cores ${(sk.all as number).toFixed(2)} s)` : ''}; load ${load()}`,
        );
      }
    } finally {
      await onnx.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
