import { argmaxRows } from '../learn/argmax-rows';
import { checkpoint, reportProgress, type TrainControl } from '../learn/control';
import { createRandom } from '../learn/random';
import { classScores } from '../metrics/class-scores';
import { accuracy, confusionMatrix } from '../metrics/confusion-matrix';
import { logLoss } from '../metrics/log-loss';
import { regressionMetrics } from '../metrics/regression-metrics';
import type { InProcessScores } from '../onnx/predict-in-process';
import { lowerIsBetter, rankAuc, rankAucOvr } from '../selection/fold-scores';
import type { FeedScorer } from './feed-scorer';

/** The metrics an explanation can score with, by task; the first is the default (as scikit-learn's `score`). */
export const explainMetrics = {
  classification: ['accuracy', 'auc', 'log_loss', 'f1_macro'],
  regression: ['r2', 'rmse', 'mae'],
} as const;

function columnsOf(p: Float64Array, rows: Int32Array | null, n: number, k: number): Float64Array[] {
  return Array.from({ length: k }, (_, c) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = p[(rows ? (rows[i] as number) : i) * k + c] as number;
    return out;
  });
}

/**
 * One metric of scores against the truth, at `rows` of the scores (all when null): only the metric
 * asked for is computed, since permutation importance scores the model many times.
 */
export function metricOf(metric: string, scores: InProcessScores, truth: Int32Array | Float64Array, rows: Int32Array | null): number {
  const n = truth.length;
  if (scores.kind === 'regression') {
    const values = rows ? Float64Array.from(rows, (i) => scores.values[i] as number) : scores.values;
    const m = regressionMetrics(truth, values);
    return metric === 'rmse' ? m.rmse : metric === 'mae' ? m.mae : m.r2;
  }
  if (scores.kind !== 'classification') return Number.NaN;
  const k = scores.classes.length;
  if (metric === 'accuracy' || metric === 'f1_macro') {
    const all = argmaxRows(scores.probabilities, k);
    const predicted = rows ? Int32Array.from(rows, (i) => all[i] as number) : all;
    if (metric === 'accuracy') return accuracy(truth, predicted);
    const matrix = confusionMatrix(truth, predicted, k);
    return classScores(
      matrix,
      matrix.map((row) => row.reduce((a, b) => a + b, 0)),
    ).macro.f1;
  }
  const columns = columnsOf(scores.probabilities, rows, n, k);
  if (metric === 'log_loss') return logLoss(truth, columns);
  return k === 2
    ? rankAuc(
        Uint8Array.from(truth, (t) => (t === 1 ? 1 : 0)),
        columns[1] as Float64Array,
      )
    : rankAucOvr(truth, columns);
}

/** Each feature's importance: the drop in score when its values are shuffled, over `repeats` shuffles. */
export interface FeatureImportance {
  feature: string;
  mean: number;
  std: number;
  /** Every repeat's drop. */
  drops: number[];
}

/** What {@link permutationImportance} takes. */
export interface PermutationSpec {
  scorer: FeedScorer;
  truth: Int32Array | Float64Array;
  /** Rows of the scorer's table that have a truth (null: all, in order). */
  rows: Int32Array | null;
  metric: string;
  features: readonly string[];
  repeats: number;
  seed: number;
}

/**
 * Permutation importance, as scikit-learn's `permutation_importance`: the baseline score less the
 * score with one feature's column shuffled (the rise for metrics where lower is better), `repeats`
 * times per feature with seeded shuffles; mean and population standard deviation of the drops.
 *
 * @example
 * const importances = await permutationImportance({ scorer, truth, rows: null, metric: 'accuracy', features: scorer.features, repeats: 5, seed: 0 });
 */
export async function permutationImportance(
  spec: PermutationSpec,
  control: TrainControl = {},
): Promise<{ baseline: number; importances: FeatureImportance[] }> {
  const sign = lowerIsBetter.has(spec.metric) ? -1 : 1;
  const baseline = metricOf(spec.metric, await spec.scorer.score(spec.scorer.base), spec.truth, spec.rows);
  const random = createRandom(spec.seed);
  const n = spec.scorer.rows;
  const order = new Int32Array(n);
  const importances: FeatureImportance[] = [];
  let done = 0;
  for (const feature of spec.features) {
    const drops: number[] = [];
    for (let r = 0; r < spec.repeats; r++) {
      await checkpoint(control);
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = random.int(i + 1);
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      const score = metricOf(spec.metric, await spec.scorer.score(spec.scorer.permuted(feature, order)), spec.truth, spec.rows);
      drops.push(sign * (baseline - score));
      reportProgress(control, ++done / (spec.features.length * spec.repeats));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, d) => a + (d - mean) ** 2, 0) / drops.length);
    importances.push({ feature, mean, std, drops });
  }
  return { baseline, importances };
}
