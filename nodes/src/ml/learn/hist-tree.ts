import { type HistWork, partitionRows } from './hist-work';
import { emptyTree, type TreeArrays } from './tree-arrays';

/** Limits and penalties of one boosting tree (scikit-learn's HistGradientBoosting names). */
export interface HistTreeParams {
  readonly maxLeafNodes: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly l2: number;
  readonly minHessian: number;
  /** Multiplies every leaf value. */
  readonly shrinkage: number;
}

const slot = 3; // per bin: Σg, Σh, count
const binsPer = 256;

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: { feature: number; bin: number; gain: number } | null;
}

/**
 * Grows one tree best-first (always splitting the leaf with the largest gain) on the working set's
 * gradients, with the histogram subtraction trick: only the smaller child's histogram is built, the
 * larger one is the parent's minus it. `onLeaf` receives each leaf's position range (rows are
 * work.ids[start..end)) and value, so the caller updates its raw scores without walking the tree.
 */
export function growHistTree(
  work: HistWork,
  params: HistTreeParams,
  onLeaf: (start: number, end: number, value: number) => void,
): TreeArrays {
  const { rows: n, cols, pool } = work;
  const tree = emptyTree(1);
  const newHist = (): Float64Array => pool.pop() ?? new Float64Array(cols * binsPer * slot);
  const rootHist = newHist();
  buildHistogram(work, 0, n, rootHist);
  let gSum = 0;
  let hSum = 0;
  for (let b = 0; b < binsPer; b++) {
    gSum += rootHist[b * slot] as number;
    hSum += rootHist[b * slot + 1] as number;
  }
  const root: Leaf = { node: addNode(tree), start: 0, end: n, depth: 0, hist: rootHist, g: gSum, h: hSum, split: null };
  root.split = bestSplit(work, root, params);
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  while (open.length > 0 && open.length + done.length < params.maxLeafNodes) {
    let bestAt = -1;
    for (let k = 0; k < open.length; k++) {
      const s = (open[k] as Leaf).split;
      if (s && (bestAt < 0 || s.gain > ((open[bestAt] as Leaf).split?.gain ?? 0))) bestAt = k;
    }
    if (bestAt < 0) break;
    const leaf = open[bestAt] as Leaf;
    open.splice(bestAt, 1);
    const split = leaf.split as NonNullable<Leaf['split']>;
    const mid = partitionRows(work, leaf.start, leaf.end, split.feature, split.bin);
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = newHist();
    const large = leaf.hist;
    if (leftSmaller) buildHistogram(work, leaf.start, mid, small);
    else buildHistogram(work, mid, leaf.end, small);
    for (let k = 0; k < large.length; k++) large[k] = (large[k] as number) - (small[k] as number);
    const [leftHist, rightHist] = leftSmaller ? [small, large] : [large, small];
    const [gl, hl] = sums(leftHist, split.feature);
    const left: Leaf = {
      node: addNode(tree),
      start: leaf.start,
      end: mid,
      depth: leaf.depth + 1,
      hist: leftHist,
      g: gl,
      h: hl,
      split: null,
    };
    const right: Leaf = {
      node: addNode(tree),
      start: mid,
      end: leaf.end,
      depth: leaf.depth + 1,
      hist: rightHist,
      g: leaf.g - gl,
      h: leaf.h - hl,
      split: null,
    };
    tree.feature[leaf.node] = split.feature;
    tree.threshold[leaf.node] = (work.edges[split.feature] as Float64Array)[split.bin] as number;
    tree.left[leaf.node] = left.node;
    tree.right[leaf.node] = right.node;
    for (const child of [left, right]) {
      child.split = bestSplit(work, child, params);
      if (child.split) open.push(child);
      else {
        pool.push(child.hist);
        done.push(child);
      }
    }
  }
  for (const leaf of [...open, ...done]) {
    const value = (-leaf.g / (leaf.h + params.l2)) * params.shrinkage;
    tree.value[leaf.node] = value;
    onLeaf(leaf.start, leaf.end, value);
  }
  for (const leaf of open) pool.push(leaf.hist);
  return tree;
}

function addNode(tree: TreeArrays): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  return tree.feature.length - 1;
}

function sums(hist: Float64Array, feature: number): [number, number] {
  let g = 0;
  let h = 0;
  const base = feature * binsPer * slot;
  for (let b = 0; b < binsPer; b++) {
    g += hist[base + b * slot] as number;
    h += hist[base + b * slot + 1] as number;
  }
  return [g, h];
}

/**
 * Σg, Σh and counts per (feature, bin) over positions [start, end): one contiguous stretch of
 * row-major bins, features unrolled by four.
 */
function buildHistogram(work: HistWork, start: number, end: number, hist: Float64Array): void {
  hist.fill(0);
  const { bins: binned, cols, g, h, stride: rowBytes } = work;
  const stride = binsPer * slot;
  const cols4 = cols - (cols % 4);
  for (let k = start; k < end; k++) {
    const gi = g[k] as number;
    const hi = h[k] as number;
    const r = k * rowBytes;
    let f = 0;
    for (; f < cols4; f += 4) {
      const base = f * stride;
      let b = base + (binned[r + f] as number) * slot;
      hist[b] = (hist[b] as number) + gi;
      hist[b + 1] = (hist[b + 1] as number) + hi;
      hist[b + 2] = (hist[b + 2] as number) + 1;
      b = base + stride + (binned[r + f + 1] as number) * slot;
      hist[b] = (hist[b] as number) + gi;
      hist[b + 1] = (hist[b + 1] as number) + hi;
      hist[b + 2] = (hist[b + 2] as number) + 1;
      b = base + 2 * stride + (binned[r + f + 2] as number) * slot;
      hist[b] = (hist[b] as number) + gi;
      hist[b + 1] = (hist[b + 1] as number) + hi;
      hist[b + 2] = (hist[b + 2] as number) + 1;
      b = base + 3 * stride + (binned[r + f + 3] as number) * slot;
      hist[b] = (hist[b] as number) + gi;
      hist[b + 1] = (hist[b + 1] as number) + hi;
      hist[b + 2] = (hist[b + 2] as number) + 1;
    }
    for (; f < cols; f++) {
      const b = f * stride + (binned[r + f] as number) * slot;
      hist[b] = (hist[b] as number) + gi;
      hist[b + 1] = (hist[b + 1] as number) + hi;
      hist[b + 2] = (hist[b + 2] as number) + 1;
    }
  }
}

/** The best (feature, bin) split of a leaf, or null when none gains or the leaf may not split. */
function bestSplit(data: HistWork, leaf: Leaf, params: HistTreeParams): Leaf['split'] {
  const n = leaf.end - leaf.start;
  if (leaf.depth >= params.maxDepth || n < 2 * params.minSamplesLeaf || leaf.h < 2 * params.minHessian) return null;
  const { l2, minSamplesLeaf, minHessian } = params;
  const parentScore = (leaf.g * leaf.g) / (leaf.h + l2);
  let best: Leaf['split'] = null;
  for (let f = 0; f < data.cols; f++) {
    const base = f * binsPer * slot;
    const lastBin = (data.edges[f] as Float64Array).length; // splits at bins 0 … lastBin − 1
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let b = 0; b < lastBin; b++) {
      gl += leaf.hist[base + b * slot] as number;
      hl += leaf.hist[base + b * slot + 1] as number;
      nl += leaf.hist[base + b * slot + 2] as number;
      if (nl < minSamplesLeaf || hl < minHessian) continue;
      const nr = n - nl;
      const hr = leaf.h - hl;
      if (nr < minSamplesLeaf || hr < minHessian) break;
      const gr = leaf.g - gl;
      const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
      if (gain > 1e-12 * Math.abs(parentScore) + 1e-300 && (best === null || gain > best.gain)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}
