import type { FeatureMatrix } from '../learn/matrix';
import { createRandom } from '../learn/random';
import type { TreeArrays } from '../learn/tree-arrays';
import type { FeaturePlan } from '../onnx/feature-plan';
import type { FittedModel } from '../onnx/write-model';

/** Rows routed through the trees to weigh their splits; above this a seeded sample. */
export const impurityRows = 50_000;

/** Weighted impurity decrease of each feature in one tree, from the rows that reach each node. */
function treeDecrease(
  tree: TreeArrays,
  x: FeatureMatrix,
  rows: Int32Array,
  target: Int32Array | Float64Array,
  classes: number,
): Float64Array {
  const nodes = tree.feature.length;
  const k = target instanceof Int32Array ? classes : 3; // per node: class counts, or count / sum / sum of squares
  const stats = new Float64Array(nodes * k);
  const { data } = x;
  const n = x.rows;
  for (const i of rows) {
    const t = target[i] as number;
    let node = 0;
    for (;;) {
      if (target instanceof Int32Array) stats[node * k + t] = (stats[node * k + t] as number) + 1;
      else {
        stats[node * 3] = (stats[node * 3] as number) + 1;
        stats[node * 3 + 1] = (stats[node * 3 + 1] as number) + t;
        stats[node * 3 + 2] = (stats[node * 3 + 2] as number) + t * t;
      }
      const f = tree.feature[node] as number;
      if (f < 0) break;
      node = (data[f * n + i] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
    }
  }
  // weighted impurity (count × impurity) of each node
  const weighted = (node: number): number => {
    if (target instanceof Int32Array) {
      let count = 0;
      let squares = 0;
      for (let c = 0; c < k; c++) {
        const v = stats[node * k + c] as number;
        count += v;
        squares += v * v;
      }
      return count > 0 ? count - squares / count : 0;
    }
    const count = stats[node * 3] as number;
    return count > 0 ? (stats[node * 3 + 2] as number) - (stats[node * 3 + 1] as number) ** 2 / count : 0;
  };
  const out = new Float64Array(x.cols);
  for (let node = 0; node < nodes; node++) {
    const f = tree.feature[node] as number;
    if (f < 0) continue;
    const decrease = weighted(node) - weighted(tree.left[node] as number) - weighted(tree.right[node] as number);
    out[f] = (out[f] as number) + Math.max(0, decrease);
  }
  return out;
}

/**
 * Mean decrease in impurity of a decision tree or random forest, as scikit-learn's
 * `feature_importances_`: each split's weighted Gini (classification) or variance (regression)
 * decrease credited to its feature, normalised per tree, averaged over trees and normalised to sum to
 * 1. The rows that weigh the splits are the training rows (a seeded sample of {@link impurityRows}
 * above that; a forest's bootstrap draws are not kept, so all rows stand in for them). One-hot
 * columns are summed back into their feature. Undefined for other models.
 *
 * @example
 * impurityImportance(fitted, plan, x, target.targets.y) // { age: 0.7, plan: 0.3 }
 */
export function impurityImportance(
  model: FittedModel,
  plan: FeaturePlan,
  x: FeatureMatrix,
  target: Int32Array | Float64Array,
): Record<string, number> | undefined {
  const trees = model.kind === 'decision-tree' ? [model.tree] : model.kind === 'random-forest' ? model.trees : undefined;
  if (!trees || trees.length === 0) return undefined;
  let rows = Int32Array.from({ length: x.rows }, (_, i) => i);
  if (x.rows > impurityRows) {
    const random = createRandom(x.rows);
    for (let i = 0; i < impurityRows; i++) {
      const j = i + random.int(x.rows - i);
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
    }
    rows = rows.slice(0, impurityRows);
  }
  const classes = 'classes' in model ? model.classes.length : 0;
  const total = new Float64Array(x.cols);
  for (const tree of trees) {
    const d = treeDecrease(tree, x, rows, target, classes);
    const sum = d.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let j = 0; j < x.cols; j++) total[j] = (total[j] as number) + (d[j] as number) / sum;
  }
  const sum = total.reduce((a, b) => a + b, 0);
  const owners = [...plan.numeric.map((f) => f.name), ...plan.categorical.flatMap((f) => f.categories.map(() => f.name))];
  const out: Record<string, number> = {};
  for (const f of [...plan.numeric, ...plan.categorical]) out[f.name] = 0;
  owners.forEach((name, j) => {
    out[name] = (out[name] as number) + (sum > 0 ? (total[j] as number) / sum : 0);
  });
  return out;
}
