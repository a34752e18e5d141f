import type { FeatureMatrix } from './matrix';

/** How split quality is measured: class impurities, or squared error for regression. */
export type SplitCriterion = 'gini' | 'entropy' | 'squared_error';

/** The targets of a CART fit: class indexes (with their count) or real values. */
export type CartTarget =
  | { readonly kind: 'class'; readonly y: Int32Array; readonly classes: number }
  | { readonly kind: 'real'; readonly y: Float64Array };

/** The best split found for a node. */
export interface CartSplit {
  feature: number;
  threshold: number;
  /** Impurity decrease × node size (larger is better). */
  score: number;
}

/** Reusable buffers for the split search of one tree. */
export interface SplitScratch {
  values: Float64Array;
  order: Int32Array;
  leftStats: Float64Array;
  rightStats: Float64Array;
}

export function splitScratch(rows: number, classes: number): SplitScratch {
  const width = Math.max(classes, 2);
  return {
    values: new Float64Array(rows),
    order: new Int32Array(rows),
    leftStats: new Float64Array(width),
    rightStats: new Float64Array(width),
  };
}

/**
 * Node statistics: class counts, or [Σy, Σy²] for regression, over idx[start..end).
 */
export function nodeStats(target: CartTarget, idx: Int32Array, start: number, end: number, out: Float64Array): void {
  out.fill(0);
  if (target.kind === 'class') {
    for (let k = start; k < end; k++) {
      const c = target.y[idx[k] as number] as number;
      out[c] = (out[c] as number) + 1;
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const v = target.y[idx[k] as number] as number;
    out[0] = (out[0] as number) + v;
    out[1] = (out[1] as number) + v * v;
  }
}

/** Impurity × size of a node from its statistics (lower is purer). */
export function weightedImpurity(criterion: SplitCriterion, stats: Float64Array, width: number, n: number): number {
  if (n <= 0) return 0;
  if (criterion === 'squared_error') return (stats[1] as number) - ((stats[0] as number) * (stats[0] as number)) / n;
  let acc = 0;
  for (let c = 0; c < width; c++) {
    const q = (stats[c] as number) / n;
    if (q > 0) acc += criterion === 'gini' ? q * q : -q * Math.log2(q);
  }
  return criterion === 'gini' ? n * (1 - acc) : n * acc;
}

/**
 * Scans one feature's sorted values for the threshold that lowers impurity most, keeping at least
 * `minLeaf` samples each side. NaN values never move: they stay on the right side of every candidate.
 * Thresholds are midpoints between consecutive distinct values (as scikit-learn).
 */
export function bestSplitOnFeature(
  x: FeatureMatrix,
  feature: number,
  target: CartTarget,
  criterion: SplitCriterion,
  idx: Int32Array,
  start: number,
  end: number,
  parent: Float64Array,
  minLeaf: number,
  scratch: SplitScratch,
): CartSplit | null {
  const { values, order, leftStats, rightStats } = scratch;
  const off = feature * x.rows;
  let q = 0;
  for (let k = start; k < end; k++) {
    const v = x.data[off + (idx[k] as number)] as number;
    if (!Number.isNaN(v)) {
      values[q] = v;
      order[q] = idx[k] as number;
      q++;
    }
  }
  if (q < 2) return null;
  const perm = sortedPermutation(values, q);
  const n = end - start;
  const width = target.kind === 'class' ? target.classes : 2;
  leftStats.fill(0);
  const parentImpurity = weightedImpurity(criterion, parent, width, n);
  let best: CartSplit | null = null;
  for (let r = 0; r < q - 1; r++) {
    const pos = perm[r] as number;
    const row = order[pos] as number;
    if (target.kind === 'class') {
      const c = target.y[row] as number;
      leftStats[c] = (leftStats[c] as number) + 1;
    } else {
      const v = target.y[row] as number;
      leftStats[0] = (leftStats[0] as number) + v;
      leftStats[1] = (leftStats[1] as number) + v * v;
    }
    const nLeft = r + 1;
    const nRight = n - nLeft;
    if (nLeft < minLeaf) continue;
    if (nRight < minLeaf) break;
    const lo = values[pos] as number;
    const hi = values[perm[r + 1] as number] as number;
    if (!(hi > lo)) continue;
    for (let c = 0; c < width; c++) rightStats[c] = (parent[c] as number) - (leftStats[c] as number);
    const score =
      parentImpurity - weightedImpurity(criterion, leftStats, width, nLeft) - weightedImpurity(criterion, rightStats, width, nRight);
    if (best === null || score > best.score) {
      let threshold = lo / 2 + hi / 2;
      if (threshold >= hi || threshold < lo) threshold = lo;
      best = { feature, threshold, score };
    }
  }
  return best;
}

/** Indexes 0..q−1 ordered by values[·] (stable for equal values). */
function sortedPermutation(values: Float64Array, q: number): Int32Array {
  const perm = new Int32Array(q);
  for (let k = 0; k < q; k++) perm[k] = k;
  perm.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  return perm;
}
