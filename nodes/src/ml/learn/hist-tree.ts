import { checkpoint, type TrainControl } from './control';
import { type HistWork, partitionRows, settleLeaf } from './hist-work';
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
/** Numbers per feature in a histogram; the unrolled pass below writes it out (768). */
const stride = binsPer * slot;

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: { feature: number; bin: number; gain: number; left: number } | null;
}

/**
 * Grows one tree for score `score` best-first (always splitting the leaf with the largest gain) on
 * the gradients in the working set's rows, with the histogram subtraction trick: only the
 * smaller child's histogram is built, the larger one is the parent's minus it. Each finished leaf's
 * value is added to its rows' state.
 */
export async function growHistTree(work: HistWork, params: HistTreeParams, score: number, control?: TrainControl): Promise<TreeArrays> {
  const { rows: n, cols, pool } = work;
  const gradWord = work.gradWord + 2 * score;
  const tree = emptyTree(1);
  const newHist = (): Float64Array => pool.pop() ?? new Float64Array(cols * binsPer * slot);
  const rootHist = newHist();
  buildHistogram(work, 0, n, gradWord, rootHist);
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
    await checkpoint(control);
    let bestAt = -1;
    for (let k = 0; k < open.length; k++) {
      const s = (open[k] as Leaf).split;
      if (s && (bestAt < 0 || s.gain > ((open[bestAt] as Leaf).split?.gain ?? 0))) bestAt = k;
    }
    if (bestAt < 0) break;
    const leaf = open[bestAt] as Leaf;
    open.splice(bestAt, 1);
    const split = leaf.split as NonNullable<Leaf['split']>;
    const mid = leaf.start + split.left;
    partitionRows(work, leaf.start, leaf.end, mid, split.feature, split.bin);
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = newHist();
    const large = leaf.hist;
    if (leftSmaller) buildHistogram(work, leaf.start, mid, gradWord, small);
    else buildHistogram(work, mid, leaf.end, gradWord, small);
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
    settleLeaf(work, leaf.start, leaf.end, score, value);
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
 * Σg, Σh and counts per (feature, bin) over positions [start, end): one contiguous stretch
 * of packed rows, read a word (four bins) at a time, sixteen features per pass.
 */
function buildHistogram(work: HistWork, start: number, end: number, gradWord: number, hist: Float64Array): void {
  hist.fill(0);
  const { u32, f32 } = work;
  for (let first = 0; first < work.cols; first += 16) {
    const count = Math.min(16, work.cols - first);
    histogramPass(u32, f32, work.words, first >> 2, gradWord, count, start, end, hist.subarray(first * stride, (first + count) * stride));
  }
}

/**
 * Up to sixteen features starting at word `firstWord` of each row, into `h` (their slice of the
 * histogram), feature j at offset j·768. Unrolled with constant offsets: a loop over features here
 * runs about twice as slow. Bytes come out of a word little-endian (histWork refuses other hosts).
 */
function histogramPass(
  u32: Uint32Array,
  f32: Float32Array,
  words: number,
  firstWord: number,
  gradWord: number,
  count: number,
  start: number,
  end: number,
  h: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const r = k * words;
    const gi = f32[r + gradWord] as number;
    const hi = f32[r + gradWord + 1] as number;
    const w = r + firstWord;
    let x = 0;
    let b = 0;
    if (count > 0) {
      x = u32[w + 0] as number;
      b = 0 + (x & 255) * 3;
      h[b] = (h[b] as number) + gi;
      h[b + 1] = (h[b + 1] as number) + hi;
      h[b + 2] = (h[b + 2] as number) + 1;
      if (count > 1) {
        b = 768 + ((x >>> 8) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 2) {
        b = 1536 + ((x >>> 16) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 3) {
        b = 2304 + (x >>> 24) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
    }
    if (count > 4) {
      x = u32[w + 1] as number;
      b = 3072 + (x & 255) * 3;
      h[b] = (h[b] as number) + gi;
      h[b + 1] = (h[b + 1] as number) + hi;
      h[b + 2] = (h[b + 2] as number) + 1;
      if (count > 5) {
        b = 3840 + ((x >>> 8) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 6) {
        b = 4608 + ((x >>> 16) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 7) {
        b = 5376 + (x >>> 24) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
    }
    if (count > 8) {
      x = u32[w + 2] as number;
      b = 6144 + (x & 255) * 3;
      h[b] = (h[b] as number) + gi;
      h[b + 1] = (h[b + 1] as number) + hi;
      h[b + 2] = (h[b + 2] as number) + 1;
      if (count > 9) {
        b = 6912 + ((x >>> 8) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 10) {
        b = 7680 + ((x >>> 16) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 11) {
        b = 8448 + (x >>> 24) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
    }
    if (count > 12) {
      x = u32[w + 3] as number;
      b = 9216 + (x & 255) * 3;
      h[b] = (h[b] as number) + gi;
      h[b + 1] = (h[b + 1] as number) + hi;
      h[b + 2] = (h[b + 2] as number) + 1;
      if (count > 13) {
        b = 9984 + ((x >>> 8) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 14) {
        b = 10752 + ((x >>> 16) & 255) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
      if (count > 15) {
        b = 11520 + (x >>> 24) * 3;
        h[b] = (h[b] as number) + gi;
        h[b + 1] = (h[b + 1] as number) + hi;
        h[b + 2] = (h[b + 2] as number) + 1;
      }
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
      if (gain > 1e-12 * Math.abs(parentScore) + 1e-300 && (best === null || gain > best.gain))
        best = { feature: f, bin: b, gain, left: nl };
    }
  }
  return best;
}
