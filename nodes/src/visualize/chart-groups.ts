import type { AxisKeys } from './chart-axis';

/** Largest key space grouped through a lookup table rather than a Map. */
const denseKeys = 1 << 22;

/** Per-group running sums of a value, over the combination of several keys. */
export interface Groups {
  /** Each group's key of each axis, in first-seen order. */
  parts: Int32Array[];
  rows: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  size: number;
  /** Each row's group, -1 for a row left out. */
  slots: Int32Array;
}

/**
 * Groups rows by the combination of the axes' keys (a row missing any key is left out) and sums,
 * counts and bounds `values` per group, column-at-a-time: one pass computes a combined key per row.
 *
 * @example
 * const g = groupRows([xKeys, colorKeys], yValues); g.sum[0] / g.rows[0] // the first group's mean
 */
export function groupRows(axes: readonly AxisKeys[], values?: Float64Array): Groups {
  const n = axes[0]?.keys.length ?? 0;
  const combined = new Float64Array(n);
  combined.fill(0);
  let span = 1;
  for (const axis of axes) {
    const { keys } = axis;
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      combined[i] = k < 0 || combined[i] === -1 ? -1 : (combined[i] as number) + k * span;
    }
    span *= Math.max(axis.count, 1);
  }
  const firstRow: number[] = [];
  const slots = new Int32Array(n);
  // a table indexed by the combined key when the key space is small; a Map otherwise
  const dense = span <= denseKeys ? new Int32Array(span).fill(-1) : undefined;
  const slotOf = dense ? undefined : new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = combined[i] as number;
    if (key === -1 || (values && Number.isNaN(values[i] as number))) {
      slots[i] = -1;
      continue;
    }
    let slot = dense ? (dense[key] as number) : (slotOf?.get(key) ?? -1);
    if (slot < 0) {
      slot = firstRow.length;
      if (dense) dense[key] = slot;
      else slotOf?.set(key, slot);
      firstRow.push(i);
    }
    slots[i] = slot;
  }
  const size = firstRow.length;
  const rows = new Float64Array(size);
  const sum = new Float64Array(size);
  const min = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (s < 0) continue;
    rows[s] = (rows[s] as number) + 1;
    if (values) {
      const v = values[i] as number;
      sum[s] = (sum[s] as number) + v;
      if (v < (min[s] as number)) min[s] = v;
      if (v > (max[s] as number)) max[s] = v;
    }
  }
  const parts = axes.map((axis) => Int32Array.from(firstRow, (i) => axis.keys[i] as number));
  return { parts, rows, sum, min, max, size, slots };
}
