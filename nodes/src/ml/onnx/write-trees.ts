import type { DecisionTreeModel } from '../learn/decision-tree';
import type { GradientBoostingModel } from '../learn/gradient-boosting';
import type { RandomForestModel } from '../learn/random-forest';
import type { TreeArrays } from '../learn/tree-arrays';
import type { AttributeValue, GraphBuilder } from './graph-builder';

const scratch = new Float32Array(1);
const bits = new Int32Array(scratch.buffer);

/**
 * The largest float32 not above t. The graph casts its inputs to float32, and for a float32 x,
 * x <= t exactly when x <= floor32(t); rounding t to nearest could flip rows that sit between.
 */
export function floor32(t: number): number {
  scratch[0] = t;
  const f = scratch[0] as number;
  if (f <= t) return f;
  if (f > 0) bits[0] = (bits[0] as number) - 1;
  else if (f < 0) bits[0] = (bits[0] as number) + 1;
  else bits[0] = 0x80000001 | 0;
  return scratch[0] as number;
}

/** The nodes_* attributes of a list of trees. */
function nodeAttributes(trees: readonly TreeArrays[]): Record<string, AttributeValue> {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  trees.forEach((tree, t) => {
    for (let node = 0; node < tree.feature.length; node++) {
      const leaf = (tree.feature[node] as number) < 0;
      treeIds.push(t);
      nodeIds.push(node);
      featureIds.push(leaf ? 0 : (tree.feature[node] as number));
      values.push(leaf ? 0 : floor32(tree.threshold[node] as number));
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      trueIds.push(leaf ? 0 : (tree.left[node] as number));
      falseIds.push(leaf ? 0 : (tree.right[node] as number));
    }
  });
  return {
    nodes_treeids: { ints: treeIds },
    nodes_nodeids: { ints: nodeIds },
    nodes_featureids: { ints: featureIds },
    nodes_values: { floats: values },
    nodes_modes: { strings: modes },
    nodes_truenodeids: { ints: trueIds },
    nodes_falsenodeids: { ints: falseIds },
  };
}

/** Leaf weights: for tree t, output `slotOf(t, c)` gets `weight · value[c]` of each leaf. */
function leafWeights(trees: readonly TreeArrays[], slots: number, slotOf: (tree: number, c: number) => number, weight: number) {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const ids: number[] = [];
  const weights: number[] = [];
  trees.forEach((tree, t) => {
    for (let node = 0; node < tree.feature.length; node++) {
      if ((tree.feature[node] as number) >= 0) continue;
      // Every slot gets an entry (zero if need be), so each output column is defined for every leaf.
      const row = new Array<number>(slots).fill(0);
      for (let c = 0; c < tree.width; c++)
        row[slotOf(t, c)] = (row[slotOf(t, c)] as number) + weight * (tree.value[node * tree.width + c] as number);
      row.forEach((w, slot) => {
        treeIds.push(t);
        nodeIds.push(node);
        ids.push(slot);
        weights.push(w);
      });
    }
  });
  return { treeIds, nodeIds, ids, weights };
}

/**
 * Class scores from a TreeEnsembleRegressor with one target per class, then plain operators: an optional
 * Softmax, ArgMax and a Gather of the class names. TreeEnsembleClassifier is avoided on purpose: for two
 * classes onnxruntime applies its own binary rules to labels and post transforms, which differ from argmax.
 */
function classifier(
  builder: GraphBuilder,
  features: string,
  trees: readonly TreeArrays[],
  classes: readonly string[],
  leaves: ReturnType<typeof leafWeights>,
  base: readonly number[],
  softmax: boolean,
): void {
  const scores = builder.ml('TreeEnsembleRegressor', [features], 1, {
    ...nodeAttributes(trees),
    target_treeids: { ints: leaves.treeIds },
    target_nodeids: { ints: leaves.nodeIds },
    target_ids: { ints: leaves.ids },
    target_weights: { floats: leaves.weights },
    n_targets: { int: classes.length },
    aggregate_function: { string: 'SUM' },
    base_values: { floats: base },
    post_transform: { string: 'NONE' },
  })[0] as string;
  if (softmax) builder.node('Softmax', [scores], ['probabilities'], { axis: { int: 1 } });
  else builder.node('Identity', [scores], ['probabilities']);
  const index = builder.node('ArgMax', ['probabilities'], 1, { axis: { int: 1 }, keepdims: { int: 0 } })[0] as string;
  const names = builder.constant('classes', 'string', [classes.length], classes);
  builder.node('Gather', [names, index], ['label'], { axis: { int: 0 } });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, classes.length]);
}

function regressor(
  builder: GraphBuilder,
  features: string,
  trees: readonly TreeArrays[],
  leaves: ReturnType<typeof leafWeights>,
  base: number,
): void {
  builder.ml('TreeEnsembleRegressor', [features], ['variable'], {
    ...nodeAttributes(trees),
    target_treeids: { ints: leaves.treeIds },
    target_nodeids: { ints: leaves.nodeIds },
    target_ids: { ints: leaves.ids },
    target_weights: { floats: leaves.weights },
    n_targets: { int: 1 },
    aggregate_function: { string: 'SUM' },
    base_values: { floats: [base] },
    post_transform: { string: 'NONE' },
  });
  builder.output('variable', 'float', [null, 1]);
}

/** A decision tree or random forest: the mean of the trees' leaf values (class fractions or means). */
export function writeForest(builder: GraphBuilder, features: string, model: DecisionTreeModel | RandomForestModel): void {
  const trees = model.kind === 'decision-tree' ? [model.tree] : model.trees;
  const k = model.task === 'classification' ? model.classes.length : 1;
  const leaves = leafWeights(trees, k, (_, c) => c, 1 / trees.length);
  if (model.task === 'classification') classifier(builder, features, trees, model.classes, leaves, new Array<number>(k).fill(0), false);
  else regressor(builder, features, trees, leaves, 0);
}

/**
 * Gradient boosting: base values plus the sum of the trees. Binary log-loss is written as two scores
 * (0, raw) under a softmax, which is (1 − σ(raw), σ(raw)); multiclass as one score per class.
 */
export function writeBoosting(builder: GraphBuilder, features: string, model: GradientBoostingModel): void {
  if (model.loss === 'squared_error') {
    regressor(
      builder,
      features,
      model.trees,
      leafWeights(model.trees, 1, () => 0, 1),
      model.baseline[0] ?? 0,
    );
    return;
  }
  const binary = model.loss === 'log_loss';
  const k = model.classes.length;
  const slotOf = binary ? () => 1 : (t: number) => model.treeClass[t] as number;
  const leaves = leafWeights(model.trees, k, slotOf, 1);
  const base = binary ? [0, model.baseline[0] ?? 0] : model.baseline;
  classifier(builder, features, model.trees, model.classes, leaves, base, true);
}
