import type { Table } from 'apache-arrow';
import { UserError } from '../errors';
import { takeRows } from './take-rows';

/**
 * Keeps the rows whose mask byte is non-zero (1 = keep), column by column.
 *
 * @example
 * const x = readColumn(columnOf(t, 'x'));
 * const mask = new Uint8Array(t.numRows);
 * if (x.kind === 'number') for (let i = 0; i < mask.length; i++) mask[i] = x.values[i]! > 0.5 ? 1 : 0;
 * filterTable(t, mask)
 */
export function filterTable(table: Table, mask: Uint8Array): Table {
  const n = table.numRows;
  if (mask.length !== n) throw new UserError('INPUT_INVALID', `The filter mask has ${mask.length} entries for ${n} rows.`);
  let kept = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) kept++;
  const indices = new Int32Array(kept);
  let j = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) indices[j++] = i;
  return takeRows(table, indices);
}
