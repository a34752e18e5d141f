import { binaryCounts } from './binary-curve';

/** A ROC curve: false and true positive rates at decreasing thresholds. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/**
 * The ROC curve of binary labels (1 = positive) and scores, following scikit-learn 1.2's `roc_curve`
 * with `drop_intermediate`: collinear points are dropped, the curve starts at (0, 0) with the
 * threshold max score + 1 (scikit-learn ≥ 1.3 writes Infinity there; JSON cannot hold it).
 *
 * @example
 * rocCurve(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)).tpr // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(positive: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { tps, fps, thresholds } = binaryCounts(positive, scores);
  const m = tps.length;
  const keep: number[] = [];
  for (let i = 0; i < m; i++) {
    const interior = i > 0 && i < m - 1 && m > 2;
    if (!interior) keep.push(i);
    else {
      const dFps = (fps[i + 1] as number) - 2 * (fps[i] as number) + (fps[i - 1] as number);
      const dTps = (tps[i + 1] as number) - 2 * (tps[i] as number) + (tps[i - 1] as number);
      if (dFps !== 0 || dTps !== 0) keep.push(i);
    }
  }
  const lastF = fps[m - 1] ?? 0;
  const lastT = tps[m - 1] ?? 0;
  // no negatives (or positives) makes the rate undefined: NaN, as scikit-learn
  const fpr = [0, ...keep.map((i) => (lastF > 0 ? (fps[i] as number) / lastF : Number.NaN))];
  const tpr = [0, ...keep.map((i) => (lastT > 0 ? (tps[i] as number) / lastT : Number.NaN))];
  const first = m > 0 ? (thresholds[0] as number) + 1 : 1;
  return { fpr, tpr, thresholds: [first, ...keep.map((i) => thresholds[i] as number)] };
}

/**
 * The area under a curve by the trapezoidal rule (x must be monotonic).
 *
 * @example
 * trapezoid([0, 1], [0, 1]) // 0.5
 */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area += ((x[i] as number) - (x[i - 1] as number)) * (((y[i] as number) + (y[i - 1] as number)) / 2);
  }
  return area;
}

/**
 * ROC AUC of binary labels and scores (scikit-learn's `roc_auc_score`); NaN when only one class is present.
 *
 * @example
 * rocAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)) // 0.75
 */
export function rocAuc(positive: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(positive, scores);
  if (fpr.some(Number.isNaN) || tpr.some(Number.isNaN)) return Number.NaN;
  return trapezoid(fpr, tpr);
}

/**
 * One-vs-rest macro ROC AUC of class codes and one probability column per class (scikit-learn's
 * `roc_auc_score(multi_class='ovr', average='macro')`).
 *
 * @example
 * rocAucOvr(Int32Array.of(0, 1, 2), [p0, p1, p2])
 */
export function rocAucOvr(truth: ArrayLike<number>, probabilities: readonly ArrayLike<number>[]): number {
  let sum = 0;
  probabilities.forEach((scores, c) => {
    const positive = new Uint8Array(truth.length);
    for (let i = 0; i < truth.length; i++) positive[i] = truth[i] === c ? 1 : 0;
    sum += rocAuc(positive, scores);
  });
  return sum / probabilities.length;
}
