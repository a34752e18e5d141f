import { checkpoint, type TrainControl } from '../learn/control';
import { createRandom } from '../learn/random';
import type { FeedScorer } from './feed-scorer';

/** One feature's partial dependence: the mean prediction (per class for classifiers) at each grid value. */
export interface PartialDependence {
  feature: string;
  grid: (number | string)[];
  /** Series name ('prediction', or 'probability_<class>') → mean at each grid value. */
  series: Record<string, number[]>;
}

/** The rows holding the grid: numbers at evenly spaced quantiles from 5 % to 95 % (distinct), text values by frequency. */
function gridRows(values: readonly (number | string)[], points: number): Int32Array {
  const n = values.length;
  if (typeof values[0] === 'number') {
    const order = Int32Array.from({ length: n }, (_, i) => i)
      .filter((i) => Number.isFinite(values[i] as number))
      .sort((a, b) => (values[a] as number) - (values[b] as number));
    const picked: number[] = [];
    const seen = new Set<number>();
    for (let k = 0; k < points && order.length > 0; k++) {
      const q = points === 1 ? 0.5 : 0.05 + (0.9 * k) / (points - 1);
      const row = order[Math.min(order.length - 1, Math.round(q * (order.length - 1)))] as number;
      const v = values[row] as number;
      if (!seen.has(v)) {
        seen.add(v);
        picked.push(row);
      }
    }
    return Int32Array.from(picked);
  }
  const first = new Map<string | number, { row: number; count: number }>();
  values.forEach((v, i) => {
    const e = first.get(v);
    if (e) e.count++;
    else first.set(v, { row: i, count: 1 });
  });
  return Int32Array.from(
    [...first.values()]
      .sort((a, b) => b.count - a.count || a.row - b.row)
      .slice(0, points)
      .map((e) => e.row),
  );
}

/**
 * Partial dependence by brute force, as scikit-learn's `partial_dependence(method='brute')`: for each
 * grid value, every sampled row with the feature set to it is scored, and the predictions averaged.
 * The rows are a seeded sample of at most `sample` rows.
 *
 * @example
 * await partialDependence(scorer, 'age', { points: 20, sample: 1000, seed: 0 })
 */
export async function partialDependence(
  scorer: FeedScorer,
  feature: string,
  options: { points: number; sample: number; seed: number },
  control: TrainControl = {},
): Promise<PartialDependence> {
  await checkpoint(control);
  const values = scorer.values(feature);
  const from = gridRows(values, options.points);
  const n = scorer.rows;
  let rows = Int32Array.from({ length: n }, (_, i) => i);
  if (n > options.sample) {
    const random = createRandom(options.seed);
    for (let i = 0; i < options.sample; i++) {
      const j = i + random.int(n - i);
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
    }
    rows = rows.slice(0, options.sample).sort();
  }
  const scores = await scorer.score(scorer.gridded(feature, rows, from));
  const m = rows.length;
  const grid = Array.from(from, (r) => values[r] as number | string);
  const series: Record<string, number[]> = {};
  if (scores.kind === 'classification') {
    const k = scores.classes.length;
    const shown = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
    for (const c of shown) {
      series[`probability_${scores.classes[c]}`] = grid.map((_, g) => {
        let sum = 0;
        for (let r = 0; r < m; r++) sum += scores.probabilities[(g * m + r) * k + c] as number;
        return sum / m;
      });
    }
  } else if (scores.kind === 'regression') {
    series.prediction = grid.map((_, g) => {
      let sum = 0;
      for (let r = 0; r < m; r++) sum += scores.values[g * m + r] as number;
      return sum / m;
    });
  }
  return { feature, grid, series };
}
