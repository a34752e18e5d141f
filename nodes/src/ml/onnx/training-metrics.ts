import type { InProcessScores } from './predict-in-process';

/**
 * Metrics of a model on its own training rows: accuracy and log loss (classification), RMSE, MAE and
 * R² (regression), inertia (clustering). `truth` is class indexes or numbers for the scored rows.
 *
 * @example
 * trainingMetrics(scores, target.targets.y) // { accuracy: 0.93, log_loss: 0.21 }
 */
export function trainingMetrics(scores: InProcessScores, truth?: Int32Array | Float64Array): Record<string, number> {
  if (scores.kind === 'clustering') {
    let inertia = 0;
    scores.labels.forEach((c, i) => {
      inertia += scores.distances[i * scores.k + c] as number;
    });
    return { inertia };
  }
  if (!truth || truth.length === 0) return {};
  const n = truth.length;
  if (scores.kind === 'classification') {
    const k = scores.classes.length;
    let correct = 0;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const y = truth[i] as number;
      let best = 0;
      for (let c = 1; c < k; c++)
        if ((scores.probabilities[i * k + c] as number) > (scores.probabilities[i * k + best] as number)) best = c;
      if (best === y) correct++;
      const p = Math.min(1 - 1e-15, Math.max(1e-15, scores.probabilities[i * k + y] as number));
      loss -= Math.log(p);
    }
    return { accuracy: correct / n, log_loss: loss / n };
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i] as number;
  mean /= n;
  let se = 0;
  let ae = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = (truth[i] as number) - (scores.values[i] as number);
    se += e * e;
    ae += Math.abs(e);
    ss += ((truth[i] as number) - mean) ** 2;
  }
  return { rmse: Math.sqrt(se / n), mae: ae / n, r2: ss > 0 ? 1 - se / ss : 0 };
}
