/** Proportions below this are raised to it, so an empty bin does not make PSI infinite. */
export const psiFloor = 1e-4;

/**
 * Population stability index between the counts of a reference and a current sample over the same
 * bins: Σ (c − r) · ln(c / r) over the bins' proportions, each floored at {@link psiFloor}.
 *
 * @example
 * psi([50, 50], [50, 50]) // 0
 */
export function psi(reference: readonly number[], current: readonly number[]): number {
  const r = reference.reduce((a, b) => a + b, 0);
  const c = current.reduce((a, b) => a + b, 0);
  if (r === 0 || c === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max((reference[i] as number) / r, psiFloor);
    const q = Math.max((current[i] ?? 0) / c, psiFloor);
    total += (q - p) * Math.log(q / p);
  }
  return total;
}

/**
 * Two-sample Kolmogorov–Smirnov statistic of two ascending-sorted samples: the largest gap between
 * their empirical distribution functions (scipy's `ks_2samp` statistic).
 *
 * @example
 * ksStatistic(Float64Array.of(1, 2, 3), Float64Array.of(4, 5)) // 1
 */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * KS statistic of an ascending-sorted sample against a reference known only by its histogram: the
 * gap between distribution functions, compared at the bin edges (a lower bound of the exact statistic).
 *
 * @example
 * ksAgainstHistogram([0, 1, 2], [5, 5], Float64Array.of(0.5, 1.5)) // 0
 */
export function ksAgainstHistogram(edges: readonly number[], counts: readonly number[], sorted: ArrayLike<number>): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const n = sorted.length;
  if (total === 0 || n === 0) return Number.NaN;
  let d = 0;
  let below = 0;
  let at = 0;
  for (let k = 1; k < edges.length; k++) {
    below += counts[k - 1] as number;
    const edge = edges[k] as number;
    // the last bin is closed, so at the last edge everything ≤ edge counts
    while (at < n && (sorted[at] as number) < edge) at++;
    let upto = at;
    if (k === edges.length - 1) while (upto < n && (sorted[upto] as number) <= edge) upto++;
    d = Math.max(d, Math.abs(below / total - upto / n));
  }
  return d;
}

/**
 * Counts of sorted values in histogram bins given by `edges` (the last bin closed); values below the
 * first edge go to the first bin, above the last edge to the last bin, as PSI wants.
 *
 * @example
 * binCounts([0, 1, 2], Float64Array.of(-3, 0.5, 1, 2, 9)) // [2, 3]
 */
export function binCounts(edges: readonly number[], sorted: ArrayLike<number>): number[] {
  const bins = Math.max(edges.length - 1, 1);
  const counts = new Array<number>(bins).fill(0);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    while (k < bins - 1 && v >= (edges[k + 1] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}
