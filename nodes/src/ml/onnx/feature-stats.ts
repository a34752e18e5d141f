import { type ColumnType, categoryText, columnOf, columnTypeOf, presentSorted, quantileSorted, readColumn } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** Training statistics of a numeric feature (the card's `features[].stats`), for drift checks. */
export interface NumericStats {
  kind: 'numeric';
  /** Rows with a value, and null rows. */
  count: number;
  nulls: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Quantiles at `quantiles.at` (NumPy's linear interpolation). */
  quantiles: { at: number[]; values: number[] };
  /** Equal-width bins over [min, max]: `edges` has one more entry than `counts`; the last bin is closed. */
  histogram: { edges: number[]; counts: number[] };
}

/** Training statistics of a categorical feature: counts of the most frequent values, the rest as `other`. */
export interface CategoricalStats {
  kind: 'categorical';
  count: number;
  nulls: number;
  frequencies: Record<string, number>;
  /** Rows whose value is outside `frequencies` (only when there were more than {@link maxCategories}). */
  other: number;
}

/** Statistics of one feature. */
export type FeatureStats = NumericStats | CategoricalStats;

const quantilesAt = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
const bins = 10;
/** Categories kept by name in the card; rarer ones are counted together. */
export const maxCategories = 100;

function numericStats(values: Float64Array | Uint8Array, valid: Uint8Array | null): NumericStats {
  const sorted = presentSorted(values, valid);
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const min = n > 0 ? (sorted[0] as number) : Number.NaN;
  const max = n > 0 ? (sorted[n - 1] as number) : Number.NaN;
  const counts = new Array<number>(n > 0 ? bins : 0).fill(0);
  const width = (max - min) / bins;
  const edges = n > 0 ? Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + k * width)) : [];
  for (const v of sorted) {
    const k = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    counts[k] = (counts[k] as number) + 1;
  }
  return {
    kind: 'numeric',
    count: n,
    nulls: values.length - n,
    mean,
    std: n > 0 ? Math.sqrt(squares / n) : Number.NaN,
    min,
    max,
    quantiles: { at: quantilesAt, values: quantilesAt.map((q) => quantileSorted(sorted, q)) },
    histogram: { edges, counts },
  };
}

function categoricalStats(table: Table, name: string): CategoricalStats {
  const column = readColumn(columnOf(table, name));
  const text = categoryText(column);
  const counts = new Map<string, number>();
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    if (column.valid && !column.valid[i]) continue;
    count++;
    const key = text(i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.slice(0, maxCategories);
  const frequencies: Record<string, number> = Object.create(null);
  for (const [key, c] of kept) frequencies[key] = c;
  const other = ranked.slice(maxCategories).reduce((s, [, c]) => s + c, 0);
  return { kind: 'categorical', count, nulls: column.length - count, frequencies, other };
}

/**
 * Training statistics of one column: histogram, quantiles, mean and std for numbers (dates in epoch ms,
 * booleans as 0/1), value counts for strings and categories.
 *
 * @example
 * featureStats(train, 'age') // { kind: 'numeric', mean: 41.2, histogram: { edges: [...], counts: [...] }, ... }
 */
export function featureStats(table: Table, name: string): { type: ColumnType; stats: FeatureStats } {
  const vector = columnOf(table, name);
  const type = columnTypeOf(vector.type);
  if (type === 'string' || type === 'category') return { type, stats: categoricalStats(table, name) };
  const column = readColumn(vector);
  if (column.kind !== 'number' && column.kind !== 'boolean') return { type, stats: categoricalStats(table, name) };
  return { type, stats: numericStats(column.values, column.valid) };
}
