import { UserError } from '@causeway/sdk';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';
import { createRandom, type Random } from './random';

/** Options of {@link fitKMeans} (scikit-learn's names; `nInit` defaults to 10 starts, as `n_init=10`). */
export interface KMeansOptions {
  readonly k: number;
  readonly nInit?: number;
  readonly maxIter?: number;
  /** Stop when the centres move less than tol × mean feature variance (scikit-learn's rule). */
  readonly tol?: number;
  readonly seed?: number;
}

/** Fitted clusters, plain JSON: centres are row-major k × features. */
export interface KMeansModel {
  readonly kind: 'kmeans';
  readonly features: string[];
  readonly centers: number[][];
  readonly inertia: number;
  readonly iterations: number;
}

/**
 * k-means: k-means++ seeding (with 2 + ⌊ln k⌋ candidates per centre, as scikit-learn), Lloyd
 * iterations, the best of `nInit` seeded starts by inertia (sum of squared distances to the nearest
 * centre). NaN: INPUT_INVALID.
 */
export async function fitKMeans(x: FeatureMatrix, options: KMeansOptions, control?: TrainControl): Promise<KMeansModel> {
  checkShape(x, x.rows);
  requireFinite(x, 'k-means');
  const { k } = options;
  const nInit = options.nInit ?? 10;
  const maxIter = options.maxIter ?? 300;
  if (!(Number.isInteger(k) && k >= 1 && k <= x.rows) || !(nInit >= 1) || !(maxIter >= 1)) {
    throw new UserError('CONFIG_INVALID', `k-means needs 1 ≤ k ≤ rows (${x.rows}), nInit ≥ 1 and maxIter ≥ 1.`);
  }
  const tol = (options.tol ?? 1e-4) * meanVariance(x);
  const master = createRandom(options.seed ?? 0);
  let best: { centers: Float64Array; inertia: number; iterations: number } | null = null;
  for (let start = 0; start < nInit; start++) {
    const random = createRandom(master.seed());
    let centers = await plusPlus(x, k, random, control);
    let iterations = 0;
    for (; iterations < maxIter; iterations++) {
      await checkpoint(control);
      const labels = assign(x, centers, k).labels;
      const next = means(x, labels, k, centers);
      let shift = 0;
      for (let q = 0; q < next.length; q++) shift += ((next[q] as number) - (centers[q] as number)) ** 2;
      centers = next;
      if (shift <= tol) {
        iterations++;
        break;
      }
    }
    const { inertia } = assign(x, centers, k);
    if (best === null || inertia < best.inertia) best = { centers, inertia, iterations };
    reportProgress(control, (start + 1) / nInit);
  }
  const chosen = best as NonNullable<typeof best>;
  const p = x.cols;
  const centers = Array.from({ length: k }, (_, c) => Array.from(chosen.centers.subarray(c * p, (c + 1) * p)));
  return { kind: 'kmeans', features: [...x.names], centers, inertia: chosen.inertia, iterations: chosen.iterations };
}

/** The nearest centre of each row. */
export function predictKMeans(model: KMeansModel, x: FeatureMatrix): Int32Array {
  checkFeatures(x, model.features.length);
  return assign(x, Float64Array.from(model.centers.flat()), model.centers.length).labels;
}

/** Squared distance of every row to every centre, row-major n × k (what ONNX scoring returns). */
export function distancesKMeans(model: KMeansModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const k = model.centers.length;
  const out = new Float64Array(x.rows * k);
  model.centers.forEach((center, c) => {
    center.forEach((v, j) => {
      const off = j * x.rows;
      for (let i = 0; i < x.rows; i++) out[i * k + c] = (out[i * k + c] as number) + ((x.data[off + i] as number) - v) ** 2;
    });
  });
  return out;
}

function meanVariance(x: FeatureMatrix): number {
  let total = 0;
  for (let j = 0; j < x.cols; j++) {
    const col = x.data.subarray(j * x.rows, (j + 1) * x.rows);
    let s = 0;
    for (let i = 0; i < col.length; i++) s += col[i] as number;
    const m = s / col.length;
    let ss = 0;
    for (let i = 0; i < col.length; i++) ss += ((col[i] as number) - m) ** 2;
    total += ss / col.length;
  }
  return total / Math.max(1, x.cols);
}

/** Squared distance from row i to a centre stored row-major at centers[c·p …]. */
function distance(x: FeatureMatrix, i: number, centers: Float64Array, c: number): number {
  let d = 0;
  const p = x.cols;
  for (let j = 0; j < p; j++) d += ((x.data[j * x.rows + i] as number) - (centers[c * p + j] as number)) ** 2;
  return d;
}

async function plusPlus(x: FeatureMatrix, k: number, random: Random, control: TrainControl | undefined): Promise<Float64Array> {
  const { rows: n, cols: p } = x;
  const centers = new Float64Array(k * p);
  const setCenter = (c: number, i: number): void => {
    for (let j = 0; j < p; j++) centers[c * p + j] = x.data[j * n + i] as number;
  };
  setCenter(0, random.int(n));
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = distance(x, i, centers, 0);
  const trials = 2 + Math.floor(Math.log(k));
  const candidate = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPot = Number.POSITIVE_INFINITY;
    let bestRow = 0;
    let bestDist: Float64Array | null = null;
    const total = closest.reduce((a, b) => a + b, 0);
    for (let t = 0; t < trials; t++) {
      await checkpoint(control);
      const row = total > 0 ? sampleProportional(closest, total * random.next()) : random.int(n);
      setCenter(c, row);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i] as number, distance(x, i, centers, c));
        candidate[i] = d;
        pot += d;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestRow = row;
        bestDist = Float64Array.from(candidate);
      }
    }
    setCenter(c, bestRow);
    closest.set(bestDist as Float64Array);
  }
  return centers;
}

function sampleProportional(weights: Float64Array, target: number): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] as number;
    if (acc > target) return i;
  }
  return weights.length - 1;
}

function assign(x: FeatureMatrix, centers: Float64Array, k: number): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(x.rows);
  let inertia = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const d = distance(x, i, centers, c);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return { labels, inertia };
}

/** New centres as cluster means; an emptied cluster keeps its old centre. */
function means(x: FeatureMatrix, labels: Int32Array, k: number, old: Float64Array): Float64Array {
  const p = x.cols;
  const sums = new Float64Array(k * p);
  const counts = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
  for (let j = 0; j < p; j++) {
    const off = j * x.rows;
    for (let i = 0; i < x.rows; i++) {
      const q = (labels[i] as number) * p + j;
      sums[q] = (sums[q] as number) + (x.data[off + i] as number);
    }
  }
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < p; j++)
      sums[c * p + j] = (counts[c] as number) > 0 ? (sums[c * p + j] as number) / (counts[c] as number) : (old[c * p + j] as number);
  }
  return sums;
}
