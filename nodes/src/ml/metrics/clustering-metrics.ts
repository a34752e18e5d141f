import { seededRandom, shuffleInPlace } from '@causeway/sdk';

/** Squared Euclidean distance between rows a and b of column-major features. */
function squaredDistance(columns: readonly ArrayLike<number>[], a: number, b: number): number {
  let d = 0;
  for (const column of columns) d += ((column[a] as number) - (column[b] as number)) ** 2;
  return d;
}

/**
 * Inertia: the sum of squared distances of rows to the mean of their cluster (k-means' objective;
 * equal to scikit-learn's `inertia_` for converged centers). Labels are codes `0..k-1`; negative ones are skipped.
 *
 * @example
 * inertia([Float64Array.of(0, 2, 10)], Int32Array.of(0, 0, 1)) // 2
 */
export function inertia(columns: readonly ArrayLike<number>[], labels: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < labels.length; i++) k = Math.max(k, (labels[i] as number) + 1);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (c >= 0) counts[c] = (counts[c] as number) + 1;
  }
  let total = 0;
  for (const column of columns) {
    const sums = new Float64Array(k);
    for (let i = 0; i < labels.length; i++) {
      const c = labels[i] as number;
      if (c >= 0) sums[c] = (sums[c] as number) + (column[i] as number);
    }
    for (let i = 0; i < labels.length; i++) {
      const c = labels[i] as number;
      if (c >= 0) total += ((column[i] as number) - (sums[c] as number) / (counts[c] as number)) ** 2;
    }
  }
  return total;
}

/**
 * Mean silhouette coefficient (Euclidean), as scikit-learn's `silhouette_score`; rows alone in their
 * cluster score 0. Quadratic in rows: with `sampleSize` below the row count a seeded sample of rows is
 * scored (our own sampler, so sampled values differ from scikit-learn's sampled ones).
 *
 * @example
 * silhouette([Float64Array.of(0, 1, 10, 11)], Int32Array.of(0, 0, 1, 1)) // 0.9
 */
export function silhouette(
  columns: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: { sampleSize?: number; seed?: number } = {},
): number {
  let rows = Uint32Array.from({ length: labels.length }, (_, i) => i);
  if (options.sampleSize !== undefined && options.sampleSize < rows.length) {
    rows = shuffleInPlace(rows, seededRandom(options.seed ?? 0)).slice(0, options.sampleSize);
  }
  const n = rows.length;
  let k = 0;
  for (const r of rows) k = Math.max(k, (labels[r] as number) + 1);
  const sizes = new Float64Array(k);
  for (const r of rows) {
    const c = labels[r] as number;
    sizes[c] = (sizes[c] as number) + 1;
  }
  const sums = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < n; a++) {
    const i = rows[a] as number;
    sums.fill(0);
    for (let b = 0; b < n; b++) {
      const j = rows[b] as number;
      const c = labels[j] as number;
      sums[c] = (sums[c] as number) + Math.sqrt(squaredDistance(columns, i, j));
    }
    const own = labels[i] as number;
    if ((sizes[own] as number) <= 1) continue;
    const inside = (sums[own] as number) / ((sizes[own] as number) - 1);
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0) nearest = Math.min(nearest, (sums[c] as number) / (sizes[c] as number));
    total += (nearest - inside) / Math.max(inside, nearest);
  }
  return n > 0 ? total / n : Number.NaN;
}
