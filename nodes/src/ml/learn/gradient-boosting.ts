import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { binMatrix, fitBins } from './binning';
import { type BoostingLossKind, boostingLoss } from './boosting-loss';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { growHistTree, type HistTreeParams } from './hist-tree';
import { histWork, rowBytes } from './hist-work';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix } from './matrix';
import { createRandom } from './random';
import { accumulateTree, type TreeArrays } from './tree-arrays';

/** Options, with scikit-learn's HistGradientBoosting defaults (no early stopping). */
export interface GradientBoostingOptions {
  readonly rounds?: number;
  readonly learningRate?: number;
  readonly maxLeafNodes?: number;
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  /** L2 penalty on leaf values. */
  readonly l2Regularization?: number;
  /** At most 255. */
  readonly maxBins?: number;
  readonly seed?: number;
}

/**
 * A fitted boosting model, plain JSON. raw score of class k = baseline[k] + Σ values of trees with
 * treeClass = k (leaf values already include the learning rate). Regression: one score, the
 * prediction. Binary: one score, P(classes[1]) = σ(score). Multiclass: K scores, softmax.
 */
export interface GradientBoostingModel {
  readonly kind: 'gradient-boosting';
  readonly loss: BoostingLossKind;
  readonly features: string[];
  readonly classes: string[];
  readonly baseline: number[];
  readonly trees: TreeArrays[];
  readonly treeClass: number[];
}

/**
 * Histogram gradient boosting: features binned to ≤ 255 bins (NaN in its own bin, always sent right),
 * trees grown best-first to `maxLeafNodes` leaves on gradient/hessian histograms, squared error for a
 * Float64Array target, log-loss for two classes, softmax (one tree per class per round) for more.
 */
export async function fitGradientBoosting(
  x: FeatureMatrix,
  target: ClassTargets | Float64Array,
  options: GradientBoostingOptions = {},
  control?: TrainControl,
): Promise<GradientBoostingModel> {
  const classification = !(target instanceof Float64Array);
  checkShape(x, classification ? target.y.length : target.length);
  if (classification) checkClasses(target);
  else if (target.some((v) => !Number.isFinite(v)))
    throw new UserError('INPUT_INVALID', 'Gradient boosting cannot use a missing regression target.');
  const rounds = options.rounds ?? 100;
  const maxBins = options.maxBins ?? 255;
  const params: HistTreeParams = {
    maxLeafNodes: options.maxLeafNodes ?? 31,
    maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2: options.l2Regularization ?? 0,
    minHessian: 1e-3,
    shrinkage: options.learningRate ?? 0.1,
  };
  if (
    !(Number.isInteger(rounds) && rounds >= 1) ||
    !(maxBins >= 2 && maxBins <= 255) ||
    !(params.maxLeafNodes >= 2) ||
    !(params.shrinkage > 0) ||
    !(params.l2 >= 0) ||
    !(params.minSamplesLeaf >= 1)
  ) {
    throw new UserError(
      'CONFIG_INVALID',
      'Boosting options must be: rounds ≥ 1, 2 ≤ maxBins ≤ 255, maxLeafNodes ≥ 2, learningRate > 0, l2Regularization ≥ 0, minSamplesLeaf ≥ 1.',
    );
  }
  const loss = boostingLoss(target, classification ? target.classes.length : 0);
  const n = x.rows;
  const k = loss.scores;
  const bins = await fitBins(x, maxBins, createRandom(options.seed ?? 0), undefined, control);
  const binned = await binMatrix(x, bins, rowBytes(x.cols, k), control);
  const work = histWork(binned, n, x.cols, k, bins.edges, loss.labels);
  loss.initState(work.state);
  const trees: TreeArrays[] = [];
  const treeClass: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await checkpoint(control);
    loss.gradients(work);
    for (let c = 0; c < k; c++) {
      trees.push(await growHistTree(work, params, c, control));
      treeClass.push(c);
    }
    reportProgress(control, (round + 1) / rounds);
  }
  return {
    kind: 'gradient-boosting',
    loss: loss.kind,
    features: [...x.names],
    classes: classification ? [...target.classes] : [],
    baseline: [...loss.baseline],
    trees,
    treeClass,
  };
}

/** Raw scores, row-major n × (1 or K). */
export function rawGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const k = model.baseline.length;
  const n = x.rows;
  const perClass = model.baseline.map((b) => new Float64Array(n).fill(b));
  model.trees.forEach((tree, t) => {
    accumulateTree(tree, x, perClass[model.treeClass[t] as number] as Float64Array, 1);
  });
  const out = new Float64Array(n * k);
  perClass.forEach((scores, c) => {
    for (let i = 0; i < n; i++) out[i * k + c] = scores[i] as number;
  });
  return out;
}

/** Class probabilities, row-major n × K (classification only). */
export function predictProbaGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array {
  if (model.loss === 'squared_error') throw new UserError('INPUT_INVALID', 'A regression model has no class probabilities.');
  const raw = rawGradientBoosting(model, x);
  const n = x.rows;
  if (model.loss === 'log_loss') {
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(raw[i] as number)));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
    }
    return out;
  }
  const k = model.classes.length;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((raw[i * k + c] as number) - max);
      raw[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) raw[i * k + c] = (raw[i * k + c] as number) / sum;
  }
  return raw;
}

/** Predicted values (regression, Float64Array) or class indexes (classification, Int32Array). */
export function predictGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array | Int32Array {
  if (model.loss === 'squared_error') return rawGradientBoosting(model, x);
  return argmaxRows(predictProbaGradientBoosting(model, x), model.classes.length);
}
