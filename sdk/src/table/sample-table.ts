import type { Table } from 'apache-arrow';
import { UserError } from '../errors';
import { seededRandom } from './random';
import { takeRows } from './take-rows';

/**
 * Options of {@link sampleTable}: `n` rows or a `fraction` of them, drawn with `seed`.
 *
 * @example
 * sampleTable(table, { fraction: 0.1, seed: 42 })
 */
export type SampleOptions = ({ n: number; fraction?: never } | { fraction: number; n?: never }) & { seed: number };

/**
 * A random sample without replacement, rows kept in table order; the same seed gives the same rows everywhere.
 *
 * @example
 * sampleTable(table, { n: 1000, seed: 7 })
 */
export function sampleTable(table: Table, options: SampleOptions): Table {
  const rows = table.numRows;
  const want = options.n ?? Math.round((options.fraction ?? 0) * rows);
  if (!(want >= 0) || (options.fraction !== undefined && !(options.fraction >= 0 && options.fraction <= 1))) {
    throw new UserError('CONFIG_INVALID', 'A sample needs n ≥ 0 or a fraction between 0 and 1.');
  }
  const n = Math.min(Math.floor(want), rows);
  const random = seededRandom(options.seed);
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  // partial Fisher–Yates: the first n slots end up a uniform sample
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (rows - i));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return takeRows(table, order.subarray(0, n).sort());
}
