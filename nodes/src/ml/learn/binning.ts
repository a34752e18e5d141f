import { checkpoint, type TrainControl } from './control';
import type { FeatureMatrix } from './matrix';
import type { Random } from './random';

/** The bin every missing (NaN) value falls in: above all others, so it is always on the right side. */
export const missingBin = 255;

/**
 * Per-feature bin edges. Bin b of feature f holds the values x with edges[f][b−1] < x <= edges[f][b];
 * the last real bin (index edges[f].length) holds the rest. So "bin <= b" ⟺ "x <= edges[f][b]": a
 * split found on bins is the same split on raw values, with that edge as the threshold.
 */
export interface Bins {
  readonly edges: Float64Array[];
}

/**
 * Chooses up to `maxBins` (≤ 255) bins per feature: midpoints between distinct values when there are
 * few, quantiles of a subsample of at most `sampleRows` rows otherwise (as scikit-learn's binner).
 */
export async function fitBins(
  x: FeatureMatrix,
  maxBins: number,
  random: Random,
  sampleRows = 200_000,
  control?: TrainControl,
): Promise<Bins> {
  const n = x.rows;
  let rows: Int32Array | null = null;
  if (n > sampleRows) {
    rows = new Int32Array(sampleRows);
    // Partial Fisher–Yates on an index array: a sample without replacement.
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    for (let k = 0; k < sampleRows; k++) {
      const pick = k + random.int(n - k);
      const t = all[pick] as number;
      all[pick] = all[k] as number;
      all[k] = t;
      rows[k] = t;
    }
  }
  const edges: Float64Array[] = [];
  const buffer = new Float64Array(rows ? rows.length : n);
  for (let j = 0; j < x.cols; j++) {
    await checkpoint(control);
    const off = j * n;
    let q = 0;
    if (rows) {
      for (let k = 0; k < rows.length; k++) {
        const v = x.data[off + (rows[k] as number)] as number;
        if (!Number.isNaN(v)) buffer[q++] = v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = x.data[off + i] as number;
        if (!Number.isNaN(v)) buffer[q++] = v;
      }
    }
    edges.push(featureEdges(buffer.subarray(0, q).sort(), maxBins));
  }
  return { edges };
}

function featureEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  for (let k = 0; k < sorted.length && distinct.length <= maxBins; k++) {
    if (k === 0 || (sorted[k] as number) > (sorted[k - 1] as number)) distinct.push(sorted[k] as number);
  }
  if (distinct.length <= maxBins) {
    const out = new Float64Array(Math.max(0, distinct.length - 1));
    for (let k = 0; k < out.length; k++) out[k] = midpoint(distinct[k] as number, distinct[k + 1] as number);
    return out;
  }
  const out: number[] = [];
  const last = sorted.length - 1;
  for (let b = 1; b < maxBins; b++) {
    const pos = (b / maxBins) * last;
    const lo = Math.floor(pos);
    const v = (sorted[lo] as number) + (pos - lo) * ((sorted[Math.min(lo + 1, last)] as number) - (sorted[lo] as number));
    if (out.length === 0 || v > (out[out.length - 1] as number)) out.push(v);
  }
  return Float64Array.from(out);
}

function midpoint(lo: number, hi: number): number {
  const m = lo / 2 + hi / 2;
  return m >= hi || m < lo ? lo : m;
}

/**
 * Maps every value to its bin, ROW-major with `stride` bytes per row (≥ cols; one byte per value, a
 * row's bins side by side): the histogram builder then touches one cache line per row.
 */
export async function binMatrix(x: FeatureMatrix, bins: Bins, stride = x.cols, control?: TrainControl): Promise<Uint8Array> {
  const n = x.rows;
  const out = new Uint8Array(n * stride);
  const buckets = 2048;
  const table = new Int32Array(buckets + 2);
  for (let j = 0; j < x.cols; j++) {
    await checkpoint(control);
    const edges = bins.edges[j] as Float64Array;
    const m = edges.length;
    const off = j * n;
    const lo = m > 0 ? (edges[0] as number) : 0;
    const hi = m > 0 ? (edges[m - 1] as number) : 0;
    const scale = hi > lo ? buckets / (hi - lo) : 0;
    // table[b]: edges whose bucket is below b — all smaller than any value in bucket b, since the
    // bucket formula is monotone; the scan below then walks the few edges inside the bucket.
    table.fill(0);
    for (let e = 0; e < m; e++) {
      const b = Math.min(buckets, Math.floor(((edges[e] as number) - lo) * scale));
      table[b + 1] = (table[b + 1] as number) + 1;
    }
    for (let b = 1; b <= buckets + 1; b++) table[b] = (table[b] as number) + (table[b - 1] as number);
    for (let i = 0; i < n; i++) {
      const v = x.data[off + i] as number;
      let bin: number;
      if (Number.isNaN(v)) bin = missingBin;
      else if (m === 0 || v <= lo) bin = 0;
      else if (v > hi) bin = m;
      else {
        bin = table[Math.min(buckets, Math.floor((v - lo) * scale))] as number;
        while ((edges[bin] as number) < v) bin++;
      }
      out[i * stride + j] = bin;
    }
  }
  return out;
}
