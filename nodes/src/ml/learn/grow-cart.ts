import { bestSplitOnFeature, type CartSplit, type CartTarget, nodeStats, type SplitCriterion, splitScratch } from './cart-split';
import { checkpoint, type TrainControl } from './control';
import type { FeatureMatrix } from './matrix';
import type { Random } from './random';
import { addLeaf, emptyTree, type TreeArrays } from './tree-arrays';

/** Growth limits of one CART tree. */
export interface CartLimits {
  readonly criterion: SplitCriterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features drawn per node (all when ≥ cols). */
  readonly maxFeatures: number;
}

/**
 * Grows one CART tree depth-first over the sample list `idx` (which may repeat rows, as a bootstrap
 * does). Features are tried in a fresh random order at each node: at least `maxFeatures` of them,
 * and more until a valid split exists (scikit-learn's rule). Leaves hold class fractions or the mean.
 */
export async function growCart(
  x: FeatureMatrix,
  target: CartTarget,
  idx: Int32Array,
  limits: CartLimits,
  random: Random,
  control?: TrainControl,
): Promise<TreeArrays> {
  const width = target.kind === 'class' ? target.classes : 1;
  const statWidth = target.kind === 'class' ? target.classes : 2;
  const tree = emptyTree(width);
  const scratch = splitScratch(idx.length, statWidth);
  const featureOrder = new Int32Array(x.cols);
  const stack: { node: number; start: number; end: number; depth: number }[] = [];
  const rootStats = new Float64Array(statWidth);
  nodeStats(target, idx, 0, idx.length, rootStats);
  stack.push({ node: addLeaf(tree, leafValue(target, rootStats, idx.length)), start: 0, end: idx.length, depth: 0 });
  const stats = new Float64Array(statWidth);
  while (stack.length > 0) {
    await checkpoint(control);
    const { node, start, end, depth } = stack.pop() as (typeof stack)[number];
    const n = end - start;
    if (depth >= limits.maxDepth || n < limits.minSamplesSplit || n < 2 * limits.minSamplesLeaf) continue;
    nodeStats(target, idx, start, end, stats);
    if (isPure(target, stats, n)) continue;
    for (let f = 0; f < x.cols; f++) featureOrder[f] = f;
    let best: CartSplit | null = null;
    for (let tried = 0; tried < x.cols; tried++) {
      await checkpoint(control);
      if (tried >= limits.maxFeatures && best !== null) break;
      const pick = tried + random.int(x.cols - tried);
      const f = featureOrder[pick] as number;
      featureOrder[pick] = featureOrder[tried] as number;
      featureOrder[tried] = f;
      const split = bestSplitOnFeature(x, f, target, limits.criterion, idx, start, end, stats, limits.minSamplesLeaf, scratch);
      if (split && split.score > 1e-12 * n && (best === null || split.score > best.score)) best = split;
    }
    if (best === null) continue;
    const mid = partition(x, idx, start, end, best.feature, best.threshold);
    const leftStats = new Float64Array(statWidth);
    const rightStats = new Float64Array(statWidth);
    nodeStats(target, idx, start, mid, leftStats);
    nodeStats(target, idx, mid, end, rightStats);
    const left = addLeaf(tree, leafValue(target, leftStats, mid - start));
    const right = addLeaf(tree, leafValue(target, rightStats, end - mid));
    tree.feature[node] = best.feature;
    tree.threshold[node] = best.threshold;
    tree.left[node] = left;
    tree.right[node] = right;
    stack.push({ node: right, start: mid, end, depth: depth + 1 });
    stack.push({ node: left, start, end: mid, depth: depth + 1 });
  }
  return tree;
}

function leafValue(target: CartTarget, stats: Float64Array, n: number): number[] {
  if (target.kind === 'class') return Array.from(stats, (c) => c / n);
  return [(stats[0] as number) / n];
}

function isPure(target: CartTarget, stats: Float64Array, n: number): boolean {
  if (target.kind === 'class') return stats.some((c) => c === n);
  const mean = (stats[0] as number) / n;
  return (stats[1] as number) - mean * (stats[0] as number) <= 1e-12 * Math.max(1, stats[1] as number);
}

/** Moves rows with x <= threshold to the front of idx[start..end); returns where the right side starts. */
function partition(x: FeatureMatrix, idx: Int32Array, start: number, end: number, feature: number, threshold: number): number {
  const off = feature * x.rows;
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if ((x.data[off + (idx[i] as number)] as number) <= threshold) i++;
    else {
      const t = idx[i] as number;
      idx[i] = idx[j] as number;
      idx[j] = t;
      j--;
    }
  }
  return i;
}
