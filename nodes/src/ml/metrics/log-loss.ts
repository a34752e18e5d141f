/** float64 machine epsilon: scikit-learn 1.2's `eps='auto'` clip for float64 probabilities. */
const eps = 2 ** -52;

/**
 * Mean negative log-likelihood of class codes under one probability column per class, as
 * scikit-learn 1.2's `log_loss`: probabilities clipped to [eps, 1 − eps], then each row renormalized.
 *
 * @example
 * logLoss(Int32Array.of(0, 1), [Float64Array.of(0.9, 0.2), Float64Array.of(0.1, 0.8)]) // 0.164…
 */
export function logLoss(truth: ArrayLike<number>, probabilities: readonly ArrayLike<number>[]): number {
  const n = truth.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (const column of probabilities) rowSum += clip(column[i] as number);
    const p = clip(probabilities[truth[i] as number]?.[i] ?? 0);
    sum += Math.log(p / rowSum);
  }
  return n > 0 ? -sum / n : Number.NaN;
}

function clip(p: number): number {
  return Math.min(Math.max(p, eps), 1 - eps);
}
