import { logLoss, regressionMetrics, trapezoid } from '@causeway/nodes';
import type { ModelCard } from '@causeway/sdk';

/** Bins of the positive class's probability kept per hour for a binary classifier's AUC (width 0.01). */
export const scoreBins = 100;

/** A logged prediction matched with its outcome. */
export interface MatchedOutcome {
  version: number;
  at: Date;
  output: { prediction?: unknown; probabilities?: Record<string, number> };
  outcome: unknown;
}

/** What one version earned in one hour, as sums that add up across hours and processes. */
export interface LiveSums {
  version: number;
  hour: Date;
  task: 'classification' | 'regression';
  count: number;
  correct: number;
  logLossSum: number;
  absErrorSum: number;
  squaredErrorSum: number;
  positives: number[] | null;
  negatives: number[] | null;
}

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

/**
 * Sums per version and hour of matched outcomes, with the metric kernels `model.evaluate` uses
 * (log-loss as scikit-learn clips it; MAE and MSE). Outcomes a version cannot be judged on (no card,
 * a clustering model, a regression outcome that is not a number) are left out.
 */
export function liveSums(matched: readonly MatchedOutcome[], cardOf: (version: number) => ModelCard | undefined): LiveSums[] {
  const groups = new Map<string, MatchedOutcome[]>();
  for (const m of matched) {
    const key = `${m.version}:${hourOf(m.at).getTime()}`;
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  const out: LiveSums[] = [];
  for (const group of groups.values()) {
    const first = group[0] as MatchedOutcome;
    const card = cardOf(first.version);
    const base = { version: first.version, hour: hourOf(first.at) };
    if (card?.task === 'classification' && card.classes && card.classes.length > 0) out.push(classificationSums(base, card.classes, group));
    else if (card?.task === 'regression') {
      const sums = regressionSums(base, group);
      if (sums) out.push(sums);
    }
  }
  return out;
}

function classificationSums(base: { version: number; hour: Date }, classes: string[], group: MatchedOutcome[]): LiveSums {
  const n = group.length;
  const truth = new Int32Array(n);
  const columns = classes.map(() => new Float64Array(n));
  let correct = 0;
  const binary = classes.length === 2;
  const positives = binary ? new Array<number>(scoreBins).fill(0) : null;
  const negatives = binary ? new Array<number>(scoreBins).fill(0) : null;
  group.forEach((m, i) => {
    const outcome = String(m.outcome);
    truth[i] = classes.indexOf(outcome);
    if (String(m.output.prediction) === outcome) correct++;
    classes.forEach((c, k) => {
      (columns[k] as Float64Array)[i] = m.output.probabilities?.[c] ?? 0;
    });
    if (positives && negatives) {
      const bin = Math.min(scoreBins - 1, Math.max(0, Math.floor(((columns[1] as Float64Array)[i] as number) * scoreBins)));
      if (truth[i] === 1) positives[bin] = (positives[bin] as number) + 1;
      else negatives[bin] = (negatives[bin] as number) + 1;
    }
  });
  return {
    ...base,
    task: 'classification',
    count: n,
    correct,
    logLossSum: logLoss(truth, columns) * n,
    absErrorSum: 0,
    squaredErrorSum: 0,
    positives,
    negatives,
  };
}

function regressionSums(base: { version: number; hour: Date }, group: MatchedOutcome[]): LiveSums | undefined {
  const truth: number[] = [];
  const predicted: number[] = [];
  for (const m of group) {
    const t = typeof m.outcome === 'number' ? m.outcome : Number.NaN;
    const p = Number(m.output.prediction);
    if (Number.isFinite(t) && Number.isFinite(p)) {
      truth.push(t);
      predicted.push(p);
    }
  }
  if (truth.length === 0) return undefined;
  const { mae, mse } = regressionMetrics(truth, predicted);
  const n = truth.length;
  return {
    ...base,
    task: 'regression',
    count: n,
    correct: 0,
    logLossSum: 0,
    absErrorSum: mae * n,
    squaredErrorSum: mse * n,
    positives: null,
    negatives: null,
  };
}

/** Live figures of summed buckets: accuracy, AUC (binary) and log-loss, or RMSE and MAE. */
export interface LiveMetricValues {
  count: number;
  accuracy?: number;
  auc?: number | null;
  logLoss?: number;
  rmse?: number;
  mae?: number;
}

/** Adds buckets together (same task) and reads the metrics off the sums. */
export function metricsOf(buckets: readonly Omit<LiveSums, 'version' | 'hour'>[]): LiveMetricValues {
  let count = 0;
  let correct = 0;
  let logLossSum = 0;
  let abs = 0;
  let squares = 0;
  let positives: number[] | null = null;
  let negatives: number[] | null = null;
  for (const b of buckets) {
    count += b.count;
    correct += b.correct;
    logLossSum += b.logLossSum;
    abs += b.absErrorSum;
    squares += b.squaredErrorSum;
    if (b.positives && b.negatives) {
      positives = add(positives, b.positives);
      negatives = add(negatives, b.negatives);
    }
  }
  const task = buckets[0]?.task;
  if (count === 0) return { count };
  if (task === 'regression') return { count, rmse: Math.sqrt(squares / count), mae: abs / count };
  return {
    count,
    accuracy: correct / count,
    logLoss: logLossSum / count,
    auc: positives && negatives ? binnedAuc(positives, negatives) : null,
  };
}

function add(into: number[] | null, values: readonly number[]): number[] {
  const out = into ?? new Array<number>(values.length).fill(0);
  values.forEach((v, i) => {
    out[i] = (out[i] ?? 0) + Number(v);
  });
  return out;
}

/** ROC AUC from outcome counts per score bin, highest bin first; rows in one bin count as tied scores. Null without both classes. */
export function binnedAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  const totalP = positives.reduce((a, b) => a + b, 0);
  const totalN = negatives.reduce((a, b) => a + b, 0);
  if (totalP === 0 || totalN === 0) return null;
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let b = positives.length - 1; b >= 0; b--) {
    if ((positives[b] ?? 0) === 0 && (negatives[b] ?? 0) === 0) continue;
    tp += positives[b] ?? 0;
    fp += negatives[b] ?? 0;
    fpr.push(fp / totalN);
    tpr.push(tp / totalP);
  }
  return trapezoid(fpr, tpr);
}
