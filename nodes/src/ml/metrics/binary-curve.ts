/** Cumulative true and false positives at each distinct score, highest score first. */
export interface BinaryCounts {
  tps: Float64Array;
  fps: Float64Array;
  thresholds: Float64Array;
}

/**
 * True and false positive counts when predicting positive for scores ≥ each distinct threshold,
 * thresholds in decreasing order (scikit-learn's `_binary_clf_curve`). NaN scores are not allowed.
 *
 * @example
 * binaryCounts(Uint8Array.of(0, 1, 1), Float64Array.of(0.2, 0.9, 0.2)) // tps [1, 2], fps [0, 1], thresholds [0.9, 0.2]
 */
export function binaryCounts(positive: ArrayLike<number>, scores: ArrayLike<number>): BinaryCounts {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    if (positive[i]) tp++;
    const next = order[r + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp);
      fps.push(r + 1 - tp);
      thresholds.push(scores[i] as number);
    }
  }
  return { tps: Float64Array.from(tps), fps: Float64Array.from(fps), thresholds: Float64Array.from(thresholds) };
}
