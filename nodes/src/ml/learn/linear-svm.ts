import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';
import { createRandom } from './random';

/** Options of {@link fitLinearSvm}: scikit-learn's `LinearSVC` names and defaults. */
export interface LinearSvmOptions {
  /** Inverse regularisation strength. */
  readonly C?: number;
  /** Most passes over the rows (per class for one-vs-rest). */
  readonly maxIter?: number;
  /** Stop when the projected gradients span less than this. */
  readonly tol?: number;
  readonly seed?: number;
}

/**
 * A fitted linear SVM, plain JSON, in scikit-learn's `coef_` / `intercept_` layout: one row for two
 * classes (the score of classes[1]), one per class (one-vs-rest) for more. `scale` turns decision
 * values into probabilities: σ(scale·f) for two classes, softmax(scale·f) for more (see
 * {@link fitLinearSvm}).
 */
export interface LinearSvmModel {
  readonly kind: 'linear-svm';
  readonly features: string[];
  readonly classes: string[];
  readonly coef: number[][];
  readonly intercept: number[];
  readonly scale: number;
  readonly C: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Linear SVM with the squared hinge loss and an L2 penalty (the intercept penalised as a feature of
 * value 1), by dual coordinate descent — the problem and solver of scikit-learn's `LinearSVC(C)`
 * (liblinear), one-vs-rest for three classes or more. An SVM gives decision values, not
 * probabilities; here one positive scale on them is fitted to the training rows by log-loss (Platt
 * scaling without a shift), so the probabilities are ordered as the decision values and every
 * predicted class stays the SVM's. Features should be standardised. NaN: INPUT_INVALID.
 */
export async function fitLinearSvm(
  x: FeatureMatrix,
  target: ClassTargets,
  options: LinearSvmOptions = {},
  control?: TrainControl,
): Promise<LinearSvmModel> {
  checkShape(x, target.y.length);
  checkClasses(target);
  requireFinite(x, 'Linear SVM');
  const C = options.C ?? 1;
  if (!(C > 0)) throw new UserError('CONFIG_INVALID', `C must be > 0, got ${C}.`);
  const k = target.classes.length;
  if (k < 2) throw new UserError('INPUT_INVALID', 'A linear SVM needs at least two classes.');
  const maxIter = options.maxIter ?? 1000;
  const tol = options.tol ?? 1e-4;
  const { rows: n, cols: p } = x;
  const width = p + 1;
  const rowsMajor = new Float64Array(n * width);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) rowsMajor[i * width + j] = x.data[off + i] as number;
  }
  for (let i = 0; i < n; i++) rowsMajor[i * width + p] = 1;
  const problems = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const coef: number[][] = [];
  const intercept: number[] = [];
  let iterations = 0;
  let converged = true;
  for (const [q, positive] of problems.entries()) {
    const sign = Int8Array.from(target.y, (c) => (c === positive ? 1 : -1));
    const progress = (done: number) => reportProgress(control, (q + done) / problems.length);
    const solved = await solveDual(rowsMajor, n, width, sign, { C, maxIter, tol, seed: options.seed ?? 0 }, progress, control);
    coef.push(Array.from(solved.w.subarray(0, p)));
    intercept.push(solved.w[p] as number);
    iterations = Math.max(iterations, solved.iterations);
    converged &&= solved.converged;
  }
  const decision = decisionValues(coef, intercept, x);
  const scale = fitScale(decision, target.y, coef.length, k);
  reportProgress(control, 1);
  return { kind: 'linear-svm', features: [...x.names], classes: [...target.classes], coef, intercept, scale, C, iterations, converged };
}

/** liblinear's dual coordinate descent for the L2-loss SVM (Hsieh et al. 2008), with its shrinking. */
async function solveDual(
  rows: Float64Array,
  n: number,
  width: number,
  sign: Int8Array,
  { C, maxIter, tol, seed }: { C: number; maxIter: number; tol: number; seed: number },
  progress: (fraction: number) => void,
  control: TrainControl | undefined,
): Promise<{ w: Float64Array; iterations: number; converged: boolean }> {
  const diagonal = 0.5 / C;
  const w = new Float64Array(width);
  const alpha = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = diagonal;
    for (let j = 0; j < width; j++) s += (rows[i * width + j] as number) ** 2;
    qii[i] = s;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);
  // Shrinking, as liblinear: a row at α = 0 whose gradient exceeds the last pass's largest projected
  // gradient leaves the active set; on convergence of the active set, every row is checked again.
  let active = n;
  let highBefore = Number.POSITIVE_INFINITY;
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    await checkpoint(control);
    for (let i = active - 1; i > 0; i--) {
      const swap = random.int(i + 1);
      const t = order[i] as number;
      order[i] = order[swap] as number;
      order[swap] = t;
    }
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (let s = 0; s < active; s++) {
      const i = order[s] as number;
      const base = i * width;
      const yi = sign[i] as number;
      let dot = 0;
      for (let j = 0; j < width; j++) dot += (w[j] as number) * (rows[base + j] as number);
      const a = alpha[i] as number;
      const gradient = yi * dot - 1 + diagonal * a;
      let projected = gradient;
      if (a === 0) {
        if (gradient > highBefore) {
          active--;
          order[s] = order[active] as number;
          order[active] = i;
          s--;
          continue;
        }
        projected = Math.min(gradient, 0);
      }
      if (projected > high) high = projected;
      if (projected < low) low = projected;
      if (Math.abs(projected) <= 1e-12) continue;
      const next = Math.max(a - gradient / (qii[i] as number), 0);
      const step = (next - a) * yi;
      alpha[i] = next;
      for (let j = 0; j < width; j++) w[j] = (w[j] as number) + step * (rows[base + j] as number);
    }
    progress(iteration / maxIter);
    if (high - low <= tol) {
      if (active === n) return { w, iterations: iteration, converged: true };
      active = n;
      highBefore = Number.POSITIVE_INFINITY;
      continue;
    }
    highBefore = high <= 0 ? Number.POSITIVE_INFINITY : high;
  }
  return { w, iterations: maxIter, converged: false };
}

/** Decision values, column-major: problem q's value for row i at [q·n + i]. */
function decisionValues(coef: readonly number[][], intercept: readonly number[], x: FeatureMatrix): Float64Array {
  const n = x.rows;
  const out = new Float64Array(n * coef.length);
  coef.forEach((row, q) => {
    const values = out.subarray(q * n, (q + 1) * n);
    values.fill(intercept[q] as number);
    row.forEach((wj, j) => {
      const off = j * n;
      for (let i = 0; i < n; i++) values[i] = (values[i] as number) + wj * (x.data[off + i] as number);
    });
  });
  return out;
}

/** Log-loss of the probabilities at one scale, with its first two derivatives in the scale. */
function lossAt(decision: Float64Array, y: Int32Array, problems: number, k: number, a: number): [number, number, number] {
  const n = y.length;
  let loss = 0;
  let d1 = 0;
  let d2 = 0;
  if (problems === 1) {
    for (let i = 0; i < n; i++) {
      const f = decision[i] as number;
      const t = y[i] === 1 ? 1 : 0;
      const z = a * f;
      const p = 1 / (1 + Math.exp(-z));
      loss += z > 0 ? Math.log1p(Math.exp(-z)) + (1 - t) * z : Math.log1p(Math.exp(z)) - t * z;
      d1 += (p - t) * f;
      d2 += p * (1 - p) * f * f;
    }
    return [loss, d1, d2];
  }
  const e = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, a * (decision[c * n + i] as number));
    let sum = 0;
    let mean = 0;
    let square = 0;
    for (let c = 0; c < k; c++) {
      e[c] = Math.exp(a * (decision[c * n + i] as number) - max);
      sum += e[c] as number;
    }
    for (let c = 0; c < k; c++) {
      const f = decision[c * n + i] as number;
      const p = (e[c] as number) / sum;
      mean += p * f;
      square += p * f * f;
    }
    const truth = decision[(y[i] as number) * n + i] as number;
    loss += max + Math.log(sum) - a * truth;
    d1 += mean - truth;
    d2 += square - mean * mean;
  }
  return [loss, d1, d2];
}

/** The positive scale minimising training log-loss: Newton steps on log(scale), halved until the loss falls. */
function fitScale(decision: Float64Array, y: Int32Array, problems: number, k: number): number {
  let t = 0;
  let [loss] = lossAt(decision, y, problems, k, 1);
  for (let step = 0; step < 50; step++) {
    const a = Math.exp(t);
    const [, d1, d2] = lossAt(decision, y, problems, k, a);
    // In u = log a: dL/du = a·L', d²L/du² = a²·L'' + a·L'.
    const g = a * d1;
    const h = a * a * d2 + a * d1;
    let move = h > 0 ? -g / h : -Math.sign(g);
    move = Math.max(-2, Math.min(2, move));
    let improved = false;
    for (let half = 0; half < 30; half++) {
      const [next] = lossAt(decision, y, problems, k, Math.exp(t + move));
      if (next < loss) {
        t += move;
        loss = next;
        improved = true;
        break;
      }
      move /= 2;
    }
    if (!improved || Math.abs(move) < 1e-10) break;
  }
  return Math.exp(t);
}

/** Decision values, row-major n × (1 for two classes, else K): what scikit-learn's `decision_function` gives. */
export function decisionFunctionLinearSvm(model: LinearSvmModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const n = x.rows;
  const q = model.coef.length;
  const columns = decisionValues(model.coef, model.intercept, x);
  const out = new Float64Array(n * q);
  for (let c = 0; c < q; c++) for (let i = 0; i < n; i++) out[i * q + c] = columns[c * n + i] as number;
  return out;
}

/** Class probabilities, row-major n × K: the scaled decision values through σ (two classes) or softmax. */
export function predictProbaLinearSvm(model: LinearSvmModel, x: FeatureMatrix): Float64Array {
  const decision = decisionFunctionLinearSvm(model, x);
  const n = x.rows;
  const k = model.classes.length;
  const out = new Float64Array(n * k);
  if (model.coef.length === 1) {
    for (let i = 0; i < n; i++) {
      const p1 = 1 / (1 + Math.exp(-model.scale * (decision[i] as number)));
      out[i * 2] = 1 - p1;
      out[i * 2 + 1] = p1;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, model.scale * (decision[i * k + c] as number));
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(model.scale * (decision[i * k + c] as number) - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c] = (out[i * k + c] as number) / sum;
  }
  return out;
}

/** The predicted class index per row (the largest decision value; positive means classes[1] for two). */
export function predictLinearSvm(model: LinearSvmModel, x: FeatureMatrix): Int32Array {
  if (model.coef.length === 1) return Int32Array.from(decisionFunctionLinearSvm(model, x), (f) => (f > 0 ? 1 : 0));
  return argmaxRows(decisionFunctionLinearSvm(model, x), model.classes.length);
}
