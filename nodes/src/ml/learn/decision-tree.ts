import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import type { SplitCriterion } from './cart-split';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { growCart } from './grow-cart';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix } from './matrix';
import { createRandom } from './random';
import { accumulateTree, type TreeArrays } from './tree-arrays';

/** Options of a CART tree (scikit-learn's names and defaults). */
export interface DecisionTreeOptions {
  readonly criterion?: SplitCriterion;
  readonly maxDepth?: number;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  /** Features tried per node; all by default. */
  readonly maxFeatures?: number;
  readonly seed?: number;
}

/** A fitted CART tree, plain JSON. Classification leaves hold every class's fraction. */
export interface DecisionTreeModel {
  readonly kind: 'decision-tree';
  readonly task: 'classification' | 'regression';
  readonly features: string[];
  readonly classes: string[];
  readonly tree: TreeArrays;
}

/** Resolves defaults and checks the numbers. */
export function cartLimits(options: DecisionTreeOptions, cols: number, classification: boolean) {
  const criterion = options.criterion ?? (classification ? 'gini' : 'squared_error');
  if (classification === (criterion === 'squared_error'))
    throw new UserError(
      'CONFIG_INVALID',
      `Criterion "${criterion}" does not fit a ${classification ? 'classification' : 'regression'} tree.`,
    );
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const minSamplesSplit = options.minSamplesSplit ?? 2;
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  const maxFeatures = Math.min(cols, options.maxFeatures ?? cols);
  if (!(maxDepth >= 1) || !(minSamplesSplit >= 2) || !(minSamplesLeaf >= 1) || !(maxFeatures >= 1)) {
    throw new UserError('CONFIG_INVALID', 'Tree limits must be: maxDepth ≥ 1, minSamplesSplit ≥ 2, minSamplesLeaf ≥ 1, maxFeatures ≥ 1.');
  }
  return { criterion, maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures };
}

/**
 * Fits a CART decision tree: classification when `target` holds classes, regression when it is a
 * Float64Array. NaN features go right at every split (and are never a threshold).
 */
export async function fitDecisionTree(
  x: FeatureMatrix,
  target: ClassTargets | Float64Array,
  options: DecisionTreeOptions = {},
  control?: TrainControl,
): Promise<DecisionTreeModel> {
  const classification = !(target instanceof Float64Array);
  checkShape(x, classification ? target.y.length : target.length);
  if (classification) checkClasses(target);
  else if (target.some((v) => !Number.isFinite(v))) throw new UserError('INPUT_INVALID', 'A regression tree cannot use a missing target.');
  await checkpoint(control);
  const limits = cartLimits(options, x.cols, classification);
  const idx = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) idx[i] = i;
  const cartTarget = classification
    ? { kind: 'class' as const, y: target.y, classes: target.classes.length }
    : { kind: 'real' as const, y: target };
  const tree = await growCart(x, cartTarget, idx, limits, createRandom(options.seed ?? 0), control);
  reportProgress(control, 1);
  return {
    kind: 'decision-tree',
    task: classification ? 'classification' : 'regression',
    features: [...x.names],
    classes: classification ? [...target.classes] : [],
    tree,
  };
}

/** Class probabilities, row-major n × K (classification trees). */
export function predictProbaDecisionTree(model: DecisionTreeModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  if (model.task !== 'classification') throw new UserError('INPUT_INVALID', 'A regression tree has no class probabilities.');
  const out = new Float64Array(x.rows * model.tree.width);
  accumulateTree(model.tree, x, out, 1);
  return out;
}

/** Predicted values (regression, Float64Array) or class indexes (classification, Int32Array). */
export function predictDecisionTree(model: DecisionTreeModel, x: FeatureMatrix): Float64Array | Int32Array {
  checkFeatures(x, model.features.length);
  const out = new Float64Array(x.rows * model.tree.width);
  accumulateTree(model.tree, x, out, 1);
  return model.task === 'regression' ? out : argmaxRows(out, model.tree.width);
}
