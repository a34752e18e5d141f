import type { FeatureMatrix } from './matrix';

/** Per-feature centre and scale, as scikit-learn's StandardScaler (population std; 1 where it is 0). */
export interface Standardization {
  readonly mean: number[];
  readonly scale: number[];
}

/** Computes mean and std of each column (two passes per column for accuracy; NaN is skipped). */
export function fitStandardization(x: FeatureMatrix): Standardization {
  const mean: number[] = [];
  const scale: number[] = [];
  const { rows, data } = x;
  for (let j = 0; j < x.cols; j++) {
    const off = j * rows;
    let sum = 0;
    let n = 0;
    for (let i = off; i < off + rows; i++) {
      const v = data[i] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    const m = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let i = off; i < off + rows; i++) {
      const v = data[i] as number;
      if (!Number.isNaN(v)) ss += (v - m) * (v - m);
    }
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    mean.push(m);
    scale.push(sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1);
  }
  return { mean, scale };
}

/** Returns a new matrix with (x − mean) / scale per column. */
export function applyStandardization(x: FeatureMatrix, s: Standardization): FeatureMatrix {
  const { rows, data } = x;
  const out = new Float64Array(data.length);
  for (let j = 0; j < x.cols; j++) {
    const off = j * rows;
    const m = s.mean[j] as number;
    const inv = 1 / (s.scale[j] as number);
    for (let i = off; i < off + rows; i++) out[i] = ((data[i] as number) - m) * inv;
  }
  return { rows, cols: x.cols, data: out, names: x.names };
}

/** Fits and applies in one call. */
export function standardize(x: FeatureMatrix): { matrix: FeatureMatrix; standardization: Standardization } {
  const standardization = fitStandardization(x);
  return { matrix: applyStandardization(x, standardization), standardization };
}
