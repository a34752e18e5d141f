import { UserError } from '@causeway/sdk';

/**
 * The working set of a boosting fit, kept in LEAF ORDER: rows are physically moved when a node
 * splits, so every node's rows are one contiguous range and histograms stream through memory. A row
 * is packed in `words` 32-bit words: its bins (one byte per feature), its label (uint16, classes
 * only), then float32 gradient and hessian per score. Beside it, in the same order, `state` holds
 * the row's `scores` float64 numbers: raw scores, or residuals for squared error (see boosting-loss).
 * Rows, labels and state travel together, so no pass ever gathers by row id.
 */
export interface HistWork {
  readonly rows: number;
  readonly cols: number;
  readonly scores: number;
  /** Per-feature bin edges (see binning.ts). */
  readonly edges: readonly Float64Array[];
  readonly words: number;
  /** Byte offset of the label inside a row. */
  readonly labelByte: number;
  /** Word offset of score 0's gradient; score c's gradient is at gradWord + 2c, its hessian next. */
  readonly gradWord: number;
  /** Views over the same packed rows. */
  readonly u32: Uint32Array;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly f32: Float32Array;
  /** n × scores, position-major. */
  readonly state: Float64Array;
  /** Histograms reused across nodes and trees. */
  readonly pool: Float64Array[];
}

/** Layout of a row for `cols` features and `scores` gradient/hessian pairs: [words, labelByte, gradWord]. */
export function rowLayout(cols: number, scores: number): [number, number, number] {
  const labelByte = cols + (cols % 2);
  const gradWord = Math.ceil((labelByte + 2) / 4);
  return [gradWord + 2 * scores, labelByte, gradWord];
}

/** Bytes per row of the packed layout, for binning straight into it. */
export function rowBytes(cols: number, scores: number): number {
  return rowLayout(cols, scores)[0] * 4;
}

/**
 * Wraps binned rows (original order, `rowBytes(cols, scores)` bytes each, bins at the front) as a
 * working set; `labels` (classes only, < 65536) are written into the rows.
 */
export function histWork(
  binned: Uint8Array,
  rows: number,
  cols: number,
  scores: number,
  edges: readonly Float64Array[],
  labels?: Int32Array,
): HistWork {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1)
    throw new Error('Histogram boosting reads bins a word at a time and needs a little-endian host.');
  const [words, labelByte, gradWord] = rowLayout(cols, scores);
  if (binned.length !== rows * words * 4) throw new Error(`histWork: ${binned.length} bytes of bins for ${rows} rows of ${words} words`);
  const { buffer, byteOffset, byteLength } = binned;
  const u16 = new Uint16Array(buffer, byteOffset, byteLength / 2);
  if (labels) {
    const at = labelByte >> 1;
    const half = words * 2;
    for (let i = 0; i < rows; i++) {
      const y = labels[i] as number;
      if (!(y >= 0 && y < 65536))
        throw new UserError('INPUT_INVALID', `Gradient boosting takes at most 65536 classes (row ${i} has class ${y}).`);
      u16[i * half + at] = y;
    }
  }
  return {
    rows,
    cols,
    scores,
    edges,
    words,
    labelByte,
    gradWord,
    u32: new Uint32Array(buffer, byteOffset, byteLength / 4),
    u8: binned,
    u16,
    f32: new Float32Array(buffer, byteOffset, byteLength / 4),
    state: new Float64Array(rows * scores),
    pool: [],
  };
}

/**
 * Partitions positions [start, end) in place, rows whose bin of `feature` is <= `bin` first, by
 * swapping misplaced pairs (Hoare): only rows on the wrong side move, and no second buffer is needed.
 * Not stable; `mid`, where the right side starts, comes from the histogram and is checked.
 */
export function partitionRows(work: HistWork, start: number, end: number, mid: number, feature: number, bin: number): void {
  const { u8, u32, state, words, scores } = work;
  const bytes = words * 4;
  let i = start;
  let j = end - 1;
  for (;;) {
    while (i <= j && (u8[i * bytes + feature] as number) <= bin) i++;
    while (j > i && (u8[j * bytes + feature] as number) > bin) j--;
    if (i >= j) break;
    swapRows(u32, i * words, j * words, words);
    for (let c = 0; c < scores; c++) {
      const a = i * scores + c;
      const b = j * scores + c;
      const t = state[a] as number;
      state[a] = state[b] as number;
      state[b] = t;
    }
    i++;
    j--;
  }
  if (i !== mid) throw new Error(`partitionRows: the histogram sends ${mid - start} rows left, the bins ${i - start}`);
}

/** Adds a finished leaf's value to score `score` of its rows. */
export function settleLeaf(work: HistWork, start: number, end: number, score: number, value: number): void {
  const { scores, state } = work;
  for (let k = start * scores + score; k < end * scores; k += scores) state[k] = (state[k] as number) + value;
}

/** Swaps two rows. (An unrolled version measured the same, in a partition loop and in whole boosting runs.) */
function swapRows(u32: Uint32Array, a: number, b: number, words: number): void {
  for (let w = 0; w < words; w++) {
    const t = u32[a + w] as number;
    u32[a + w] = u32[b + w] as number;
    u32[b + w] = t;
  }
}
