import { argmaxRows } from '../learn/argmax-rows';
import { classScores } from '../metrics/class-scores';
import { accuracy, confusionMatrix } from '../metrics/confusion-matrix';
import { logLoss } from '../metrics/log-loss';
import { regressionMetrics } from '../metrics/regression-metrics';
import type { InProcessScores } from '../onnx/predict-in-process';

/** The metrics each fold reports, by task; the first is the default score to rank by. */
export const foldMetricNames = {
  classification: ['accuracy', 'auc', 'log_loss', 'f1_macro'],
  regression: ['r2', 'rmse', 'mae'],
} as const;

/** Metrics where smaller is better (tuning ranks by the negation). */
export const lowerIsBetter: ReadonlySet<string> = new Set(['log_loss', 'rmse', 'mae', 'mse']);

/** Rows [lo, hi) of a sorted array equal to v: lo = first ≥ v, hi = first > v. */
function equalRange(sorted: Float64Array, v: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  hi = sorted.length;
  while (end < hi) {
    const mid = (end + hi) >>> 1;
    if ((sorted[mid] as number) <= v) end = mid + 1;
    else hi = mid;
  }
  return [lo, end];
}

/**
 * ROC AUC by the rank-sum (Mann–Whitney) formula with mid-ranks for ties: the same number as the
 * area under scikit-learn's ROC curve, from one native numeric sort instead of a sort with a
 * comparator (folds and permutations score it many times). NaN when one class is absent.
 *
 * @example
 * rankAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)) // 0.75
 */
export function rankAuc(positive: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (!positive[i]) continue;
    positives++;
    const [lo, hi] = equalRange(sorted, scores[i] as number);
    rankSum += (lo + hi + 1) / 2; // mean of the 1-based ranks lo+1 … hi
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** One-vs-rest macro {@link rankAuc}. */
export function rankAucOvr(truth: ArrayLike<number>, columns: readonly ArrayLike<number>[]): number {
  let sum = 0;
  columns.forEach((scores, c) => {
    sum += rankAuc(
      Uint8Array.from(truth as ArrayLike<number>, (t) => (t === c ? 1 : 0)),
      scores,
    );
  });
  return sum / columns.length;
}

/** Splits row-major n × K probabilities into one column per class. */
export function probabilityColumns(probabilities: Float64Array, n: number, k: number): Float64Array[] {
  return Array.from({ length: k }, (_, c) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = probabilities[i * k + c] as number;
    return column;
  });
}

/**
 * The held-out metrics of one fold from in-process scores: accuracy, ROC AUC (binary, or one-vs-rest
 * macro), log loss and macro F1 for classifiers; R², RMSE and MAE for regressions.
 *
 * @example
 * foldScores(predictInProcess(model, xTest), yTest) // { accuracy: 0.91, auc: 0.95, log_loss: 0.24, f1_macro: 0.9 }
 */
export function foldScores(scores: InProcessScores, truth: Int32Array | Float64Array): Record<string, number> {
  if (scores.kind === 'regression') {
    const m = regressionMetrics(truth, scores.values);
    return { r2: m.r2, rmse: m.rmse, mae: m.mae };
  }
  if (scores.kind !== 'classification') return {};
  const n = truth.length;
  const k = scores.classes.length;
  const predicted = argmaxRows(scores.probabilities, k);
  const columns = probabilityColumns(scores.probabilities, n, k);
  const matrix = confusionMatrix(truth, predicted, k);
  const counts = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const auc =
    k === 2
      ? rankAuc(
          Uint8Array.from(truth, (t) => (t === 1 ? 1 : 0)),
          columns[1] as Float64Array,
        )
      : rankAucOvr(truth, columns);
  return { accuracy: accuracy(truth, predicted), auc, log_loss: logLoss(truth, columns), f1_macro: classScores(matrix, counts).macro.f1 };
}
