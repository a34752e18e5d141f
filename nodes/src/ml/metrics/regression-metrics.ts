/** Regression metrics of predictions against the truth. */
export interface RegressionMetrics {
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
}

/**
 * MAE, MSE, RMSE and R² as scikit-learn computes them (R² of a constant truth: 1 when predicted
 * exactly, else 0).
 *
 * @example
 * regressionMetrics(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 4)).mae // 0.333…
 */
export function regressionMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i] as number;
  mean /= n;
  let absolute = 0;
  let squares = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = truth[i] as number;
    const e = t - (predicted[i] as number);
    absolute += Math.abs(e);
    squares += e * e;
    total += (t - mean) ** 2;
  }
  const mse = squares / n;
  const r2 = total === 0 ? (squares === 0 ? 1 : 0) : 1 - squares / total;
  return { mae: absolute / n, mse, rmse: Math.sqrt(mse), r2 };
}

/**
 * Residuals: truth minus prediction, row by row.
 *
 * @example
 * residuals(Float64Array.of(1, 2), Float64Array.of(0.5, 2.5)) // Float64Array [0.5, -0.5]
 */
export function residuals(truth: ArrayLike<number>, predicted: ArrayLike<number>): Float64Array {
  const out = new Float64Array(truth.length);
  for (let i = 0; i < out.length; i++) out[i] = (truth[i] as number) - (predicted[i] as number);
  return out;
}
