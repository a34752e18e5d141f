import { binaryCounts } from './binary-curve';

/** A precision-recall curve, recall decreasing, ending at (recall 0, precision 1). */
export interface PrCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/**
 * The precision-recall curve of binary labels (1 = positive) and scores, as scikit-learn 1.2's
 * `precision_recall_curve`: one point per distinct score in increasing threshold order, then the
 * point (recall 0, precision 1), which has no threshold.
 *
 * @example
 * prCurve(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)).precision // [0.5, 0.666…, 0.5, 1, 1]
 */
export function prCurve(positive: ArrayLike<number>, scores: ArrayLike<number>): PrCurve {
  const { tps, fps, thresholds } = binaryCounts(positive, scores);
  const m = tps.length;
  const total = tps[m - 1] ?? 0;
  const precision: number[] = [];
  const recall: number[] = [];
  const at: number[] = [];
  for (let i = m - 1; i >= 0; i--) {
    const tp = tps[i] as number;
    const predicted = tp + (fps[i] as number);
    precision.push(predicted > 0 ? tp / predicted : 0);
    recall.push(total > 0 ? tp / total : Number.NaN);
    at.push(thresholds[i] as number);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: at };
}
