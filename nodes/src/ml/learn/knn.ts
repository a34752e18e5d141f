import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';

/** Options of {@link fitKNeighbors}: scikit-learn's `n_neighbors` (uniform weights, Euclidean distance). */
export interface KNeighborsOptions {
  readonly k?: number;
}

/**
 * A fitted k-nearest-neighbours classifier, plain JSON: the training rows themselves, row-major
 * (`points[i·F + j]`), and each row's class index.
 */
export interface KNeighborsModel {
  readonly kind: 'knn';
  readonly features: string[];
  readonly classes: string[];
  readonly k: number;
  readonly points: number[];
  readonly labels: number[];
}

const rowsPerCheckpoint = 8192;

/**
 * k-nearest neighbours, as scikit-learn's `KNeighborsClassifier(n_neighbors=k)` with uniform weights:
 * fitting keeps the rows; a prediction is the share of each class among the k nearest rows
 * (Euclidean; of two rows at the same distance the earlier one counts). Features should be on
 * comparable scales (standardise first). NaN: INPUT_INVALID.
 */
export async function fitKNeighbors(
  x: FeatureMatrix,
  target: ClassTargets,
  options: KNeighborsOptions = {},
  control?: TrainControl,
): Promise<KNeighborsModel> {
  checkShape(x, target.y.length);
  checkClasses(target);
  requireFinite(x, 'k-nearest neighbours');
  const k = options.k ?? 5;
  if (!(Number.isInteger(k) && k >= 1 && k <= x.rows))
    throw new UserError('CONFIG_INVALID', `k-nearest neighbours needs 1 ≤ k ≤ rows (${x.rows}), got ${k}.`);
  if (target.classes.length < 2) throw new UserError('INPUT_INVALID', 'k-nearest neighbours needs at least two classes.');
  const { rows: n, cols: p, data } = x;
  const points = new Array<number>(n * p);
  for (let start = 0; start < n; start += rowsPerCheckpoint) {
    await checkpoint(control);
    const end = Math.min(n, start + rowsPerCheckpoint);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = start; i < end; i++) points[i * p + j] = data[off + i] as number;
    }
    reportProgress(control, end / n);
  }
  return { kind: 'knn', features: [...x.names], classes: [...target.classes], k, points, labels: Array.from(target.y) };
}

/** Class shares among each row's k nearest training rows, row-major n × K. */
export function predictProbaKNeighbors(model: KNeighborsModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const { rows: n, cols: p, data } = x;
  const m = model.labels.length;
  const k = model.k;
  const classes = model.classes.length;
  const points = Float64Array.from(model.points);
  const out = new Float64Array(n * classes);
  const query = new Float64Array(p);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) query[j] = data[j * n + i] as number;
    bestDistance.fill(Number.POSITIVE_INFINITY);
    bestIndex.fill(-1);
    let worst = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      let d = 0;
      const base = r * p;
      for (let j = 0; j < p && d < worst; j++) {
        const diff = (query[j] as number) - (points[base + j] as number);
        d += diff * diff;
      }
      // Strictly closer only: a row at the same distance as a kept one comes later and loses.
      if (!(d < worst)) continue;
      let slot = k - 1;
      while (slot > 0 && d < (bestDistance[slot - 1] as number)) {
        bestDistance[slot] = bestDistance[slot - 1] as number;
        bestIndex[slot] = bestIndex[slot - 1] as number;
        slot--;
      }
      bestDistance[slot] = d;
      bestIndex[slot] = r;
      worst = bestDistance[k - 1] as number;
    }
    for (let s = 0; s < k; s++) {
      const q = i * classes + (model.labels[bestIndex[s] as number] as number);
      out[q] = (out[q] as number) + 1;
    }
  }
  for (let q = 0; q < out.length; q++) out[q] = (out[q] as number) / k;
  return out;
}

/** The most frequent class among the k nearest rows (the first class on a tie). */
export function predictKNeighbors(model: KNeighborsModel, x: FeatureMatrix): Int32Array {
  return argmaxRows(predictProbaKNeighbors(model, x), model.classes.length);
}
