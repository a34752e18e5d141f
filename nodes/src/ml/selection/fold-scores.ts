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

/**
 * ROC AUC as the Mann–Whitney statistic, ties counted half: the same number as the area under
 * scikit-learn's ROC curve. Positive and negative scores are sorted apart (native numeric sorts, no
 * comparator) and walked together once; folds and permutations score it many times. NaN when one
 * class is absent.
 *
 * @example
 * rankAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)) // 0.75
 */
export function rankAuc(positive: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (positive[i]) pos[p++] = scores[i] as number;
    else neg[q++] = scores[i] as number;
  }
  pos.sort();
  neg.sort();
  // for each positive: negatives below it, and half of those equal to it
  let below = 0;
  let upTo = 0;
  let wins = 0;
  for (let i = 0; i < positives; i++) {
    const v = pos[i] as number;
    while (below < negatives && (neg[below] as number) < v) below++;
    if (upTo < below) upTo = below;
    while (upTo < negatives && (neg[upTo] as number) <= v) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / (positives * negatives);
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
