import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { reportProgress, type TrainControl } from './control';
import { minimizeLbfgs } from './lbfgs';
import { binaryLogisticObjective, multinomialLogisticObjective } from './logistic-loss';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';

/**
 * Options of {@link fitLogisticRegression}. `C` is scikit-learn's inverse regularisation strength:
 * the objective is Σ log-loss + ‖w‖² / (2C), i.e. λ = 1/C; the intercept is not penalised.
 */
export interface LogisticRegressionOptions {
  readonly C?: number;
  readonly maxIter?: number;
  /** Gradient tolerance (max |∂f/∂w|), scikit-learn's `tol`. */
  readonly tol?: number;
}

/**
 * A fitted logistic regression, plain JSON. Binary (two classes): one row in `coef`, the score of
 * classes[1], P(classes[1]) = σ(intercept[0] + coef[0]·x). Multinomial (three or more): one row per
 * class, probabilities by softmax — scikit-learn's `coef_` / `intercept_` layout.
 */
export interface LogisticRegressionModel {
  readonly kind: 'logistic-regression';
  readonly features: string[];
  readonly classes: string[];
  readonly coef: number[][];
  readonly intercept: number[];
  readonly C: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * L2 logistic regression by L-BFGS: binomial for two classes, multinomial (softmax) for more — the
 * solution scikit-learn's `LogisticRegression(C, solver='lbfgs')` converges to. Features should be on
 * comparable scales (standardise first). NaN: INPUT_INVALID.
 */
export async function fitLogisticRegression(
  x: FeatureMatrix,
  target: ClassTargets,
  options: LogisticRegressionOptions = {},
  control?: TrainControl,
): Promise<LogisticRegressionModel> {
  checkShape(x, target.y.length);
  checkClasses(target);
  requireFinite(x, 'Logistic regression');
  const C = options.C ?? 1;
  if (!(C > 0)) throw new UserError('CONFIG_INVALID', `C must be > 0, got ${C}.`);
  const k = target.classes.length;
  if (k < 2) throw new UserError('INPUT_INVALID', 'Logistic regression needs at least two classes.');
  const maxIter = options.maxIter ?? 100;
  const p = x.cols;
  const binary = k === 2;
  const objective = binary ? binaryLogisticObjective(x, target.y, 1 / C) : multinomialLogisticObjective(x, target.y, k, 1 / C);
  const w0 = new Float64Array(binary ? p + 1 : k * (p + 1));
  const result = await minimizeLbfgs(
    objective,
    w0,
    { maxIter, gtol: options.tol ?? 1e-4, onIteration: (i) => reportProgress(control, i / maxIter) },
    control,
  );
  reportProgress(control, 1);
  const rowsOut = binary ? 1 : k;
  const coef: number[][] = [];
  const intercept: number[] = [];
  for (let c = 0; c < rowsOut; c++) {
    coef.push(Array.from(result.w.subarray(c * (p + 1), c * (p + 1) + p)));
    intercept.push(result.w[c * (p + 1) + p] as number);
  }
  return {
    kind: 'logistic-regression',
    features: [...x.names],
    classes: [...target.classes],
    coef,
    intercept,
    C,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Class probabilities, row-major: row i's probabilities at [i·K … i·K + K − 1]. */
export function predictProbaLogisticRegression(model: LogisticRegressionModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const n = x.rows;
  const k = model.classes.length;
  const scores = new Float64Array(n * model.coef.length);
  model.coef.forEach((row, c) => {
    const out = scores.subarray(c * n, (c + 1) * n);
    out.fill(model.intercept[c] as number);
    row.forEach((wj, j) => {
      const off = j * n;
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) + wj * (x.data[off + i] as number);
    });
  });
  const proba = new Float64Array(n * k);
  if (model.coef.length === 1) {
    for (let i = 0; i < n; i++) {
      const p1 = 1 / (1 + Math.exp(-(scores[i] as number)));
      proba[i * 2] = 1 - p1;
      proba[i * 2 + 1] = p1;
    }
    return proba;
  }
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[c * n + i] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((scores[c * n + i] as number) - max);
      proba[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) proba[i * k + c] = (proba[i * k + c] as number) / sum;
  }
  return proba;
}

/** The most probable class index per row. */
export function predictLogisticRegression(model: LogisticRegressionModel, x: FeatureMatrix): Int32Array {
  return argmaxRows(predictProbaLogisticRegression(model, x), model.classes.length);
}
