/**
 * The working set of a boosting fit, kept in LEAF ORDER: rows are physically moved when a node
 * splits, so every node's rows (their bins, gradients, hessians and original ids) are one contiguous
 * range. Histograms then stream through memory instead of gathering scattered rows; the order left by
 * one tree is where the next tree starts.
 */
export interface HistWork {
  readonly rows: number;
  readonly cols: number;
  /** Per-feature bin edges (see binning.ts). */
  readonly edges: readonly Float64Array[];
  /** Bytes per row of `bins`: cols rounded up to whole 32-bit words, so rows move as words. */
  readonly stride: number;
  /** Bins, row-major in leaf order: position k's bins at [k·stride …]. */
  readonly bins: Uint8Array;
  readonly binWords: Uint32Array;
  /** Gradient, hessian and original row id at each position. */
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly ids: Int32Array;
  readonly scratchWords: Uint32Array;
  readonly gScratch: Float64Array;
  readonly hScratch: Float64Array;
  readonly idsScratch: Int32Array;
  /** Histograms reused across nodes and trees. */
  readonly pool: Float64Array[];
}

/** Bytes per row for `cols` one-byte bins, padded to 32-bit words. */
export function binStride(cols: number): number {
  return Math.ceil(cols / 4) * 4;
}

/** Wraps row-major bins (rows in their original order, `binStride(cols)` bytes each) as a working set. */
export function histWork(bins: Uint8Array, rows: number, cols: number, edges: readonly Float64Array[]): HistWork {
  const ids = new Int32Array(rows);
  for (let i = 0; i < rows; i++) ids[i] = i;
  const stride = binStride(cols);
  return {
    rows,
    cols,
    edges,
    stride,
    bins,
    binWords: new Uint32Array(bins.buffer, bins.byteOffset, (rows * stride) / 4),
    g: new Float64Array(rows),
    h: new Float64Array(rows),
    ids,
    scratchWords: new Uint32Array((rows * stride) / 4),
    gScratch: new Float64Array(rows),
    hScratch: new Float64Array(rows),
    idsScratch: new Int32Array(rows),
    pool: [],
  };
}

/** Loads gradients and hessians (indexed by original row) into leaf order. */
export function loadGradients(work: HistWork, g: Float64Array, h: Float64Array): void {
  const { ids, rows } = work;
  for (let k = 0; k < rows; k++) {
    const i = ids[k] as number;
    work.g[k] = g[i] as number;
    work.h[k] = h[i] as number;
  }
}

/**
 * Stable partition of positions [start, end): rows whose bin of `feature` is <= `bin` first, their
 * bins, gradients and ids moving with them. Returns where the right side starts.
 */
export function partitionRows(work: HistWork, start: number, end: number, feature: number, bin: number): number {
  const { bins, binWords, scratchWords, g, h, ids, gScratch, hScratch, idsScratch, stride } = work;
  const words = stride >> 2;
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const src = k * words;
    if ((bins[k * stride + feature] as number) <= bin) {
      copyRow(binWords, src, binWords, l * words, words);
      g[l] = g[k] as number;
      h[l] = h[k] as number;
      ids[l] = ids[k] as number;
      l++;
    } else {
      copyRow(binWords, src, scratchWords, r * words, words);
      gScratch[r] = g[k] as number;
      hScratch[r] = h[k] as number;
      idsScratch[r] = ids[k] as number;
      r++;
    }
  }
  binWords.set(scratchWords.subarray(0, r * words), l * words);
  g.set(gScratch.subarray(0, r), l);
  h.set(hScratch.subarray(0, r), l);
  ids.set(idsScratch.subarray(0, r), l);
  return l;
}

/** Copies one row of bins; unrolled for up to 16 features (a loop here costs 2–3× the partition). */
function copyRow(from: Uint32Array, s: number, to: Uint32Array, d: number, words: number): void {
  to[d] = from[s] as number;
  if (words > 1) to[d + 1] = from[s + 1] as number;
  if (words > 2) to[d + 2] = from[s + 2] as number;
  if (words > 3) to[d + 3] = from[s + 3] as number;
  for (let w = 4; w < words; w++) to[d + w] = from[s + w] as number;
}
