import type { MetricsValue } from '@causeway/sdk';
import { classScores } from './class-scores';
import { accuracy, confusionMatrix } from './confusion-matrix';
import { logLoss } from './log-loss';
import { prCurve } from './pr-curve';
import { rocAuc, rocAucOvr, rocCurve } from './roc-curve';

/**
 * Every classification metric in one value: accuracy, macro and weighted precision / recall / F1,
 * per-class scores as `precision.<class>` etc. (a row predicted as code -1, no prediction, is wrong
 * everywhere: a miss of its true class in recall and F1, outside every column of the matrix), and with probabilities ROC AUC (binary: of the second
 * class; multiclass: one-vs-rest macro), log loss, and for binary tasks ROC and PR curves.
 *
 * @example
 * classificationMetrics(['no', 'yes'], Int32Array.of(0, 1), Int32Array.of(0, 0), [p0, p1]).values.accuracy // 0.5
 */
export function classificationMetrics(
  classes: readonly string[],
  truth: Int32Array,
  predicted: Int32Array,
  probabilities?: readonly Float64Array[],
): MetricsValue {
  const matrix = confusionMatrix(truth, predicted, classes.length);
  // A row without a prediction (code -1) is in no column of the matrix but still a miss of its class.
  const truthCounts = new Array<number>(classes.length).fill(0);
  let unpredicted = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    truthCounts[t] = (truthCounts[t] as number) + 1;
    if ((predicted[i] as number) < 0) unpredicted++;
  }
  const scores = classScores(matrix, truthCounts);
  const values: Record<string, number> = { accuracy: accuracy(truth, predicted), rows: truth.length, rows_without_prediction: unpredicted };
  for (const avg of ['macro', 'weighted'] as const) {
    values[`precision_${avg}`] = scores[avg].precision;
    values[`recall_${avg}`] = scores[avg].recall;
    values[`f1_${avg}`] = scores[avg].f1;
  }
  classes.forEach((c, k) => {
    values[`precision.${c}`] = scores.precision[k] as number;
    values[`recall.${c}`] = scores.recall[k] as number;
    values[`f1.${c}`] = scores.f1[k] as number;
  });
  const result: MetricsValue = { values, confusion: { labels: [...classes], matrix } };
  if (probabilities && probabilities.length === classes.length) {
    values.log_loss = logLoss(truth, probabilities);
    if (classes.length === 2) {
      const positive = Uint8Array.from(truth, (t) => (t === 1 ? 1 : 0));
      const scoresOfPositive = probabilities[1] as Float64Array;
      values.auc = rocAuc(positive, scoresOfPositive);
      const roc = rocCurve(positive, scoresOfPositive);
      const pr = prCurve(positive, scoresOfPositive);
      result.curves = {
        roc: { x: roc.fpr, y: roc.tpr, xLabel: 'false positive rate', yLabel: 'true positive rate' },
        pr: { x: pr.recall, y: pr.precision, xLabel: 'recall', yLabel: 'precision' },
      };
    } else values.auc = rocAucOvr(truth, probabilities);
  }
  return result;
}
