import { UserError } from '@causeway/sdk';
import { choleskySolve } from './cholesky';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';

/** Options of {@link fitLinearRegression}. `alpha` is the ridge penalty λ on ‖w‖² (0 = least squares). */
export interface LinearRegressionOptions {
  readonly alpha?: number;
}

/** A fitted linear regression, plain JSON: prediction = intercept + Σ coef[j]·x[j]. */
export interface LinearRegressionModel {
  readonly kind: 'linear-regression';
  readonly features: string[];
  readonly coef: number[];
  readonly intercept: number;
  readonly alpha: number;
}

/**
 * Ridge regression in closed form: (XcᵀXc + λI) w = Xcᵀyc on centred data (so the intercept is not
 * penalised, as scikit-learn's Ridge), solved by Cholesky. A singular system (λ = 0 with collinear
 * features) gets the smallest diagonal jitter that makes it positive definite. NaN: INPUT_INVALID.
 */
export async function fitLinearRegression(
  x: FeatureMatrix,
  y: Float64Array,
  options: LinearRegressionOptions = {},
  control?: TrainControl,
): Promise<LinearRegressionModel> {
  checkShape(x, y.length);
  requireFinite(x, 'Linear regression');
  const alpha = options.alpha ?? 0;
  if (!(alpha >= 0)) throw new UserError('CONFIG_INVALID', `The ridge penalty must be ≥ 0, got ${alpha}.`);
  const { rows: n, cols: p, data } = x;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) throw new UserError('INPUT_INVALID', `Linear regression cannot use a missing target (row ${i}).`);
    ySum += v;
  }
  const yMean = ySum / n;
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = j * n; i < (j + 1) * n; i++) s += data[i] as number;
    means[j] = s / n;
  }
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const block = 4096;
  const centred = new Float64Array(block * p);
  const yc = new Float64Array(block);
  // Centre a block of rows into cache, then accumulate its share of XcᵀXc and Xcᵀyc.
  for (let start = 0; start < n; start += block) {
    await checkpoint(control);
    const m = Math.min(block, n - start);
    for (let i = 0; i < m; i++) yc[i] = (y[start + i] as number) - yMean;
    for (let j = 0; j < p; j++) {
      const mj = means[j] as number;
      const src = j * n + start;
      const dst = j * block;
      for (let i = 0; i < m; i++) centred[dst + i] = (data[src + i] as number) - mj;
    }
    for (let j = 0; j < p; j++) {
      const oj = j * block;
      let r = 0;
      for (let i = 0; i < m; i++) r += (centred[oj + i] as number) * (yc[i] as number);
      rhs[j] = (rhs[j] as number) + r;
      for (let k = 0; k <= j; k++) {
        const ok = k * block;
        let s = 0;
        for (let i = 0; i < m; i++) s += (centred[oj + i] as number) * (centred[ok + i] as number);
        gram[j * p + k] = (gram[j * p + k] as number) + s;
      }
    }
    reportProgress(control, (start + m) / n);
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) gram[k * p + j] = gram[j * p + k] as number;
  const w = solveWithJitter(gram, rhs, p, alpha);
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= (w[j] as number) * (means[j] as number);
  return { kind: 'linear-regression', features: [...x.names], coef: Array.from(w), intercept, alpha };
}

function solveWithJitter(gram: Float64Array, rhs: Float64Array, p: number, alpha: number): Float64Array {
  let trace = 0;
  for (let j = 0; j < p; j++) trace += gram[j * p + j] as number;
  const base = Math.max(trace / Math.max(p, 1), 1) * 1e-12;
  for (let jitter = 0, attempt = 0; attempt < 12; attempt++, jitter = base * 10 ** attempt) {
    const a = Float64Array.from(gram);
    for (let j = 0; j < p; j++) a[j * p + j] = (a[j * p + j] as number) + alpha + jitter;
    const solved = choleskySolve(a, rhs, p);
    if (solved?.every(Number.isFinite)) return solved;
  }
  throw new UserError('INPUT_INVALID', 'The features are degenerate: the least-squares system cannot be solved. Add a ridge penalty.');
}

/** Predicts one value per row. */
export function predictLinearRegression(model: LinearRegressionModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.coef.length);
  const out = new Float64Array(x.rows).fill(model.intercept);
  model.coef.forEach((c, j) => {
    const off = j * x.rows;
    for (let i = 0; i < x.rows; i++) out[i] = (out[i] as number) + c * (x.data[off + i] as number);
  });
  return out;
}
