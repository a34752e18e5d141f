import type { FeatureMatrix } from './matrix';

/**
 * One fitted tree as flat arrays, one entry per node (node 0 is the root) — the layout of ONNX's
 * TreeEnsemble operators. An internal node sends a row left when x[feature] <= threshold
 * (BRANCH_LEQ) and right otherwise, NaN included. A leaf has feature, left and right = −1.
 * `value` holds `width` numbers per node at [node·width …]: class probabilities (every class, also
 * for two classes), a regression mean, or a boosting leaf's raw score.
 */
export interface TreeArrays {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  width: number;
}

/** An empty tree with room for `width` values per node. */
export function emptyTree(width: number): TreeArrays {
  return { feature: [], threshold: [], left: [], right: [], value: [], width };
}

/** Appends a leaf and returns its id (it may later become a split). */
export function addLeaf(tree: TreeArrays, value: ArrayLike<number>): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  for (let c = 0; c < tree.width; c++) tree.value.push(value[c] as number);
  return tree.feature.length - 1;
}

/** The leaf each row of the matrix lands in. */
export function applyTree(tree: TreeArrays, x: FeatureMatrix): Int32Array {
  const n = x.rows;
  const { data } = x;
  const feature = Int32Array.from(tree.feature);
  const threshold = Float64Array.from(tree.threshold);
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0] as number;
    while (f >= 0) {
      node = (data[f * n + i] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number);
      f = feature[node] as number;
    }
    out[i] = node;
  }
  return out;
}

/** Adds weight × leaf value of each row into `out` (row-major, `width` per row). */
export function accumulateTree(tree: TreeArrays, x: FeatureMatrix, out: Float64Array, weight: number): void {
  const leaves = applyTree(tree, x);
  const w = tree.width;
  const { value } = tree;
  for (let i = 0; i < leaves.length; i++) {
    const base = (leaves[i] as number) * w;
    for (let c = 0; c < w; c++) out[i * w + c] = (out[i * w + c] as number) + weight * (value[base + c] as number);
  }
}

/** The number of leaves and the depth of a tree. */
export function treeShape(tree: TreeArrays): { nodes: number; leaves: number; depth: number } {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  let leaves = 0;
  for (let node = 0; node < tree.feature.length; node++) {
    const d = depth[node] as number;
    max = Math.max(max, d);
    if ((tree.feature[node] as number) < 0) leaves++;
    else {
      depth[tree.left[node] as number] = d + 1;
      depth[tree.right[node] as number] = d + 1;
    }
  }
  return { nodes: tree.feature.length, leaves, depth: max };
}
