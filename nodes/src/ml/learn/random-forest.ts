import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import type { SplitCriterion } from './cart-split';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { cartLimits } from './decision-tree';
import { growCart } from './grow-cart';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix } from './matrix';
import { createRandom } from './random';
import { accumulateTree, type TreeArrays } from './tree-arrays';

/**
 * Options of a random forest (scikit-learn's names and defaults): `maxFeatures` is a count, or
 * 'sqrt' (classification default) / 'all' (regression default); `bootstrap` draws n rows with
 * replacement per tree.
 */
export interface RandomForestOptions {
  readonly trees?: number;
  readonly criterion?: SplitCriterion;
  readonly maxDepth?: number;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  readonly maxFeatures?: number | 'sqrt' | 'log2' | 'all';
  readonly bootstrap?: boolean;
  readonly seed?: number;
}

/** A fitted forest, plain JSON: the prediction is the mean of the trees' leaf values. */
export interface RandomForestModel {
  readonly kind: 'random-forest';
  readonly task: 'classification' | 'regression';
  readonly features: string[];
  readonly classes: string[];
  readonly trees: TreeArrays[];
}

/**
 * Fits a random forest of CART trees. Each tree draws its own seed from the forest's seed before any
 * tree grows, so trees are independent of one another and of the order they are built in.
 */
export async function fitRandomForest(
  x: FeatureMatrix,
  target: ClassTargets | Float64Array,
  options: RandomForestOptions = {},
  control?: TrainControl,
): Promise<RandomForestModel> {
  const classification = !(target instanceof Float64Array);
  checkShape(x, classification ? target.y.length : target.length);
  if (classification) checkClasses(target);
  else if (target.some((v) => !Number.isFinite(v)))
    throw new UserError('INPUT_INVALID', 'A regression forest cannot use a missing target.');
  const count = options.trees ?? 100;
  if (!(Number.isInteger(count) && count >= 1))
    throw new UserError('CONFIG_INVALID', `The number of trees must be a whole number ≥ 1, got ${count}.`);
  const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? (classification ? 'sqrt' : 'all'), x.cols);
  const limits = cartLimits({ ...options, maxFeatures }, x.cols, classification);
  const cartTarget = classification
    ? { kind: 'class' as const, y: target.y, classes: target.classes.length }
    : { kind: 'real' as const, y: target };
  const master = createRandom(options.seed ?? 0);
  const seeds = Array.from({ length: count }, () => master.seed());
  const n = x.rows;
  const trees: TreeArrays[] = [];
  for (let t = 0; t < count; t++) {
    await checkpoint(control);
    const random = createRandom(seeds[t] as number);
    const idx = new Int32Array(n);
    if (options.bootstrap ?? true) for (let i = 0; i < n; i++) idx[i] = random.int(n);
    else for (let i = 0; i < n; i++) idx[i] = i;
    trees.push(await growCart(x, cartTarget, idx, limits, random, control));
    reportProgress(control, (t + 1) / count);
  }
  return {
    kind: 'random-forest',
    task: classification ? 'classification' : 'regression',
    features: [...x.names],
    classes: classification ? [...target.classes] : [],
    trees,
  };
}

function resolveMaxFeatures(value: number | 'sqrt' | 'log2' | 'all', cols: number): number {
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(cols)));
  if (value === 'all') return cols;
  return value;
}

/** The mean of the trees' leaf values: class probabilities (n × K, row-major) or regression values. */
function meanOfTrees(model: RandomForestModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const width = model.trees[0]?.width ?? 1;
  const out = new Float64Array(x.rows * width);
  for (const tree of model.trees) accumulateTree(tree, x, out, 1 / model.trees.length);
  return out;
}

/** Class probabilities, row-major n × K (classification forests). */
export function predictProbaRandomForest(model: RandomForestModel, x: FeatureMatrix): Float64Array {
  if (model.task !== 'classification') throw new UserError('INPUT_INVALID', 'A regression forest has no class probabilities.');
  return meanOfTrees(model, x);
}

/** Predicted values (regression, Float64Array) or class indexes (classification, Int32Array). */
export function predictRandomForest(model: RandomForestModel, x: FeatureMatrix): Float64Array | Int32Array {
  const mean = meanOfTrees(model, x);
  return model.task === 'regression' ? mean : argmaxRows(mean, model.classes.length);
}
