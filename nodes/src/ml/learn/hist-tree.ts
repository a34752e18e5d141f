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

/** Data shared by all trees of one fit. */
export interface HistData {
  /** Bins, row-major: row i's bins at [i·cols …]. */
  readonly binned: Uint8Array;
  readonly rows: number;
  readonly cols: number;
  readonly edges: readonly Float64Array[];
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
 * Grows one tree best-first (always splitting the leaf with the largest gain) on binned data, with
 * the histogram subtraction trick: only the smaller child's histogram is built, the larger one is the
 * parent's minus it. `idx` is reset to 0..n−1 and left partitioned by leaf; `onLeaf` receives each
 * leaf's row range and value so the caller can update its raw predictions without walking the tree.
 */
export function growHistTree(
  data: HistData,
  g: Float64Array,
  h: Float64Array,
  idx: Int32Array,
  scratch: Int32Array,
  params: HistTreeParams,
  onLeaf: (start: number, end: number, value: number) => void,
): TreeArrays {
  const { rows: n, cols } = data;
  for (let i = 0; i < n; i++) idx[i] = i;
  const tree = emptyTree(1);
  const pool: Float64Array[] = [];
  const newHist = (): Float64Array => pool.pop() ?? new Float64Array(cols * binsPer * slot);
  const rootHist = newHist();
  buildHistogram(data, g, h, idx, 0, n, rootHist, true);
  let gSum = 0;
  let hSum = 0;
  for (let b = 0; b < binsPer; b++) {
    gSum += rootHist[b * slot] as number;
    hSum += rootHist[b * slot + 1] as number;
  }
  const root: Leaf = { node: addNode(tree), start: 0, end: n, depth: 0, hist: rootHist, g: gSum, h: hSum, split: null };
  root.split = bestSplit(data, root, params);
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
    const mid = stablePartition(data, idx, scratch, leaf.start, leaf.end, split.feature, split.bin);
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = newHist();
    const large = leaf.hist;
    if (leftSmaller) buildHistogram(data, g, h, idx, leaf.start, mid, small, false);
    else buildHistogram(data, g, h, idx, mid, leaf.end, small, false);
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
    tree.threshold[leaf.node] = thresholdOf(data, split.feature, split.bin);
    tree.left[leaf.node] = left.node;
    tree.right[leaf.node] = right.node;
    for (const child of [left, right]) {
      child.split = bestSplit(data, child, params);
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

function thresholdOf(data: HistData, feature: number, bin: number): number {
  return (data.edges[feature] as Float64Array)[bin] as number;
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
 * Σg, Σh and counts per (feature, bin) over idx[start..end) (all rows in order at the root). Row by
 * row over the row-major bins, features unrolled by four: one cache line of bins per row.
 */
function buildHistogram(
  data: HistData,
  g: Float64Array,
  h: Float64Array,
  idx: Int32Array,
  start: number,
  end: number,
  hist: Float64Array,
  root: boolean,
): void {
  hist.fill(0);
  const { binned, cols } = data;
  const stride = binsPer * slot;
  const cols4 = cols - (cols % 4);
  for (let k = start; k < end; k++) {
    const i = root ? k : (idx[k] as number);
    const gi = g[i] as number;
    const hi = h[i] as number;
    const r = i * cols;
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
function bestSplit(data: HistData, leaf: Leaf, params: HistTreeParams): Leaf['split'] {
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

/** Rows whose bin <= `bin` first, order kept on both sides; returns where the right side starts. */
function stablePartition(
  data: HistData,
  idx: Int32Array,
  scratch: Int32Array,
  start: number,
  end: number,
  feature: number,
  bin: number,
): number {
  const { binned, cols } = data;
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = idx[k] as number;
    if ((binned[i * cols + feature] as number) <= bin) idx[l++] = i;
    else scratch[r++] = i;
  }
  idx.set(scratch.subarray(0, r), l);
  return l;
}
