import type { ChartField } from './chart-fields';

/** Rows of one encoding as small integer keys (-1: missing), and what each key stands for in the spec. */
export interface AxisKeys {
  keys: Int32Array;
  count: number;
  /** The value of key k: a label or number, or a bin's start and end. */
  value(k: number): { at: string | number; end?: number };
  binned: boolean;
}

/**
 * Keys of a field: category codes as they are; numbers into `bins` equal-width bins from the smallest
 * to the largest value — or, with `distinctUpTo`, by distinct value while there are no more than that many.
 *
 * @example
 * axisKeys(numberField(t, 'age'), 50).value(0) // { at: 18, end: 19.24 }
 */
export function axisKeys(field: ChartField, bins: number, distinctUpTo = 0): AxisKeys {
  if (field.kind === 'category')
    return { keys: field.codes, count: field.labels.length, value: (k) => ({ at: field.labels[k] as string }), binned: false };
  const { values } = field;
  const n = values.length;
  if (distinctUpTo > 0) {
    const index = new Map<number, number>();
    const keys = new Int32Array(n);
    let i = 0;
    for (; i < n && index.size <= distinctUpTo; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) {
        keys[i] = -1;
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        k = index.size;
        index.set(v, k);
      }
      keys[i] = k;
    }
    if (i === n && index.size <= distinctUpTo) {
      const distinct = [...index.keys()];
      return { keys, count: distinct.length, value: (k) => ({ at: distinct[k] as number }), binned: false };
    }
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { keys: new Int32Array(n).fill(-1), count: 0, value: () => ({ at: 0 }), binned: true };
  const width = max > min ? (max - min) / bins : 1;
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    keys[i] = Number.isNaN(v) ? -1 : Math.min(bins - 1, Math.floor((v - min) / width));
  }
  return {
    keys,
    count: bins,
    value: (k) => ({ at: min + k * width, end: k === bins - 1 ? Math.max(max, min + width) : min + (k + 1) * width }),
    binned: true,
  };
}

/** A single key for every present row, for an encoding left out. */
export function oneKey(n: number): AxisKeys {
  return { keys: new Int32Array(n), count: 1, value: () => ({ at: '' }), binned: false };
}
