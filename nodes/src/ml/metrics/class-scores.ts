/** Precision, recall and F1 of one averaging (macro or weighted). */
export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Per-class precision, recall, F1 and support, and their macro and weighted averages. */
export interface ClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  macro: AveragedScores;
  weighted: AveragedScores;
}

// scikit-learn's zero_division=0: an empty denominator scores 0.
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function average(values: readonly number[], weights: readonly number[] | null): number {
  let sum = 0;
  let total = 0;
  values.forEach((v, c) => {
    const w = weights ? (weights[c] as number) : 1;
    sum += v * w;
    total += w;
  });
  return ratio(sum, total);
}

/**
 * Precision, recall and F1 per class from a confusion matrix (rows true, columns predicted), with
 * macro and support-weighted averages, as scikit-learn's `precision_recall_fscore_support` with
 * `zero_division=0`. `truthCounts` (rows per true class) defaults to the matrix's row sums; pass it
 * when some rows have no prediction, so they count as misses of their true class.
 *
 * @example
 * classScores([[1, 0], [1, 1]]).precision // [0.5, 1]
 */
export function classScores(matrix: readonly (readonly number[])[], truthCounts?: readonly number[]): ClassScores {
  const k = matrix.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = matrix[c]?.[c] ?? 0;
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) {
      predicted += matrix[j]?.[c] ?? 0;
      actual += matrix[c]?.[j] ?? 0;
    }
    if (truthCounts) actual = truthCounts[c] ?? actual;
    const p = ratio(tp, predicted);
    const r = ratio(tp, actual);
    precision.push(p);
    recall.push(r);
    // F1 as 2tp / (2tp + fp + fn), scikit-learn's form, which stays exact when p + r is 0
    f1.push(ratio(2 * tp, predicted + actual));
    support.push(actual);
  }
  const averaged = (weights: number[] | null): AveragedScores => ({
    precision: average(precision, weights),
    recall: average(recall, weights),
    f1: average(f1, weights),
  });
  return { precision, recall, f1, support, macro: averaged(null), weighted: averaged(support) };
}
