/**
 * The confusion matrix of class codes `0..classes-1`: rows are true classes, columns predicted ones
 * (scikit-learn's orientation). Codes outside the range are skipped.
 *
 * @example
 * confusionMatrix(Int32Array.of(0, 1, 1), Int32Array.of(0, 0, 1), 2) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const row = matrix[truth[i] as number];
    const p = predicted[i] as number;
    if (row && p >= 0 && p < classes) row[p] = (row[p] as number) + 1;
  }
  return matrix;
}

/**
 * Accuracy: the share of rows whose predicted code equals the true one.
 *
 * @example
 * accuracy(Int32Array.of(0, 1, 1), Int32Array.of(0, 0, 1)) // 0.666…
 */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return truth.length > 0 ? hits / truth.length : Number.NaN;
}
