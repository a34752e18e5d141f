import type { Table } from 'apache-arrow';
import { UserError } from '../errors';
import { columnOf, readColumn } from './columns';
import { encodeKeys } from './encode-keys';
import { seededRandom, shuffleInPlace } from './random';
import { takeRows } from './take-rows';

/**
 * Options of {@link splitTable}: the `test` fraction, the `seed`, and optionally a column to stratify on.
 *
 * @example
 * const { train, test } = splitTable(table, { test: 0.2, seed: 42, stratify: 'churned' });
 */
export interface SplitOptions {
  test: number;
  seed: number;
  stratify?: string;
}

/**
 * Splits rows into train and test sets at random (rows keep table order within each set). With `stratify`,
 * each value of that column (null is a value too) is split in the same proportion, rounded per value.
 *
 * @example
 * const { train, test } = splitTable(table, { test: 0.2, seed: 7, stratify: 'churned' })
 */
export function splitTable(table: Table, options: SplitOptions): { train: Table; test: Table } {
  if (!(options.test >= 0 && options.test <= 1)) throw new UserError('CONFIG_INVALID', 'The test fraction must be between 0 and 1.');
  const rows = table.numRows;
  const strata =
    options.stratify === undefined
      ? { codes: new Int32Array(rows), count: rows > 0 ? 1 : 0 }
      : encodeKeys([readColumn(columnOf(table, options.stratify))], 'group', rows);
  const starts = new Int32Array(strata.count + 1);
  for (let i = 0; i < rows; i++) starts[(strata.codes[i] as number) + 1] = (starts[(strata.codes[i] as number) + 1] as number) + 1;
  for (let s = 0; s < strata.count; s++) starts[s + 1] = (starts[s + 1] as number) + (starts[s] as number);
  const members = new Int32Array(rows);
  const fill = starts.slice(0, strata.count);
  for (let i = 0; i < rows; i++) {
    const s = strata.codes[i] as number;
    members[fill[s] as number] = i;
    fill[s] = (fill[s] as number) + 1;
  }
  const random = seededRandom(options.seed);
  const isTest = new Uint8Array(rows);
  for (let s = 0; s < strata.count; s++) {
    const group = shuffleInPlace(members.subarray(starts[s] as number, starts[s + 1] as number), random);
    const take = Math.round(options.test * group.length);
    for (let k = 0; k < take; k++) isTest[group[k] as number] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < rows; i++) (isTest[i] ? test : train).push(i);
  return { train: takeRows(table, Int32Array.from(train)), test: takeRows(table, Int32Array.from(test)) };
}
