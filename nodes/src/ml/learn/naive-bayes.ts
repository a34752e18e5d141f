import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';

/** Options of {@link fitNaiveBayes}, scikit-learn's names and defaults. */
export interface NaiveBayesOptions {
  /** gaussian: GaussianNB; multinomial: MultinomialNB (counts or frequencies, never negative). */
  readonly variant?: 'gaussian' | 'multinomial';
  /** Gaussian: added to every variance, as a fraction of the largest feature variance (`var_smoothing`). */
  readonly varSmoothing?: number;
  /** Multinomial: additive (Laplace) smoothing of the feature counts (`alpha`). */
  readonly alpha?: number;
}

/**
 * A fitted naive Bayes model, plain JSON. Both variants score a row by a joint log-likelihood per
 * class, turned into probabilities by softmax:
 * - gaussian: logPrior[c] − ½ Σⱼ log(2π var[c][j]) − ½ Σⱼ (xⱼ − mean[c][j])² / var[c][j];
 * - multinomial: logPrior[c] + Σⱼ xⱼ · featureLogProb[c][j].
 */
export type NaiveBayesModel = {
  readonly kind: 'naive-bayes';
  readonly features: string[];
  readonly classes: string[];
  readonly logPrior: number[];
} & (
  | { readonly variant: 'gaussian'; readonly mean: number[][]; readonly variance: number[][] }
  | { readonly variant: 'multinomial'; readonly featureLogProb: number[][] }
);

/**
 * Gaussian or multinomial naive Bayes, in one pass over the columns: the model scikit-learn's
 * `GaussianNB(var_smoothing)` / `MultinomialNB(alpha)` fits (priors from the class frequencies).
 * NaN: INPUT_INVALID; multinomial also refuses negative values.
 */
export async function fitNaiveBayes(
  x: FeatureMatrix,
  target: ClassTargets,
  options: NaiveBayesOptions = {},
  control?: TrainControl,
): Promise<NaiveBayesModel> {
  checkShape(x, target.y.length);
  checkClasses(target);
  requireFinite(x, 'Naive Bayes');
  const variant = options.variant ?? 'gaussian';
  const k = target.classes.length;
  if (k < 2) throw new UserError('INPUT_INVALID', 'Naive Bayes needs at least two classes.');
  const { rows: n, cols: p, data } = x;
  const y = target.y;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = y[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  const logPrior = Array.from(counts, (c) => Math.log(c / n));
  const base = { kind: 'naive-bayes' as const, features: [...x.names], classes: [...target.classes], logPrior };
  const sums = new Float64Array(k);
  if (variant === 'multinomial') {
    const alpha = Math.max(options.alpha ?? 1, 1e-10);
    const featureCount = Array.from({ length: k }, () => new Float64Array(p));
    for (let j = 0; j < p; j++) {
      await checkpoint(control);
      sums.fill(0);
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const v = data[off + i] as number;
        if (v < 0)
          throw new UserError(
            'INPUT_INVALID',
            `Multinomial naive Bayes needs counts or frequencies: feature "${x.names[j]}" is ${v} at row ${i}.`,
          );
        const c = y[i] as number;
        sums[c] = (sums[c] as number) + v;
      }
      for (let c = 0; c < k; c++) (featureCount[c] as Float64Array)[j] = (sums[c] as number) + alpha;
      reportProgress(control, (j + 1) / p);
    }
    const featureLogProb = featureCount.map((row) => {
      const total = row.reduce((s, v) => s + v, 0);
      return Array.from(row, (v) => Math.log(v) - Math.log(total));
    });
    return { ...base, variant, featureLogProb };
  }
  const varSmoothing = options.varSmoothing ?? 1e-9;
  if (!(varSmoothing >= 0)) throw new UserError('CONFIG_INVALID', `varSmoothing must be ≥ 0, got ${varSmoothing}.`);
  const mean = Array.from({ length: k }, () => new Array<number>(p).fill(0));
  const variance = Array.from({ length: k }, () => new Array<number>(p).fill(0));
  let largest = 0;
  for (let j = 0; j < p; j++) {
    await checkpoint(control);
    const off = j * n;
    sums.fill(0);
    let all = 0;
    for (let i = 0; i < n; i++) {
      const v = data[off + i] as number;
      const c = y[i] as number;
      sums[c] = (sums[c] as number) + v;
      all += v;
    }
    const centre = all / n;
    const squares = new Float64Array(k);
    let spread = 0;
    for (let c = 0; c < k; c++) sums[c] = (sums[c] as number) / (counts[c] as number);
    for (let i = 0; i < n; i++) {
      const v = data[off + i] as number;
      const c = y[i] as number;
      squares[c] = (squares[c] as number) + (v - (sums[c] as number)) ** 2;
      spread += (v - centre) ** 2;
    }
    largest = Math.max(largest, spread / n);
    for (let c = 0; c < k; c++) {
      (mean[c] as number[])[j] = sums[c] as number;
      (variance[c] as number[])[j] = (squares[c] as number) / (counts[c] as number);
    }
    reportProgress(control, (j + 1) / p);
  }
  const epsilon = varSmoothing * largest;
  for (const row of variance) for (let j = 0; j < p; j++) row[j] = (row[j] as number) + epsilon;
  if (variance.some((row) => row.some((v) => !(v > 0))))
    throw new UserError(
      'INPUT_INVALID',
      'Gaussian naive Bayes needs a feature that varies: every feature is constant. Raise varSmoothing.',
    );
  return { ...base, variant, mean, variance };
}

/** Joint log-likelihood per class, row-major n × K. */
export function jointLogLikelihood(model: NaiveBayesModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const { rows: n, data } = x;
  const k = model.classes.length;
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const score = new Float64Array(n).fill(model.logPrior[c] as number);
    if (model.variant === 'multinomial') {
      (model.featureLogProb[c] as number[]).forEach((w, j) => {
        const off = j * n;
        for (let i = 0; i < n; i++) score[i] = (score[i] as number) + w * (data[off + i] as number);
      });
    } else {
      const mean = model.mean[c] as number[];
      (model.variance[c] as number[]).forEach((v, j) => {
        const m = mean[j] as number;
        const half = 0.5 / v;
        const constant = 0.5 * Math.log(2 * Math.PI * v);
        const off = j * n;
        for (let i = 0; i < n; i++) score[i] = (score[i] as number) - constant - half * ((data[off + i] as number) - m) ** 2;
      });
    }
    for (let i = 0; i < n; i++) out[i * k + c] = score[i] as number;
  }
  return out;
}

/** Class probabilities, row-major n × K (softmax of the joint log-likelihood). */
export function predictProbaNaiveBayes(model: NaiveBayesModel, x: FeatureMatrix): Float64Array {
  const k = model.classes.length;
  const out = jointLogLikelihood(model, x);
  for (let i = 0; i < x.rows; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, out[i * k + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((out[i * k + c] as number) - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c] = (out[i * k + c] as number) / sum;
  }
  return out;
}

/** The most likely class index per row. */
export function predictNaiveBayes(model: NaiveBayesModel, x: FeatureMatrix): Int32Array {
  return argmaxRows(jointLogLikelihood(model, x), model.classes.length);
}
