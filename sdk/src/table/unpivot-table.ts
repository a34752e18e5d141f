import type { Table, Vector } from 'apache-arrow';
import { dictionaryVector } from './build-vector';
import { columnOf } from './columns';
import { tableFromColumns } from './table-from-columns';
import { takeVector } from './take-vector';
import { unifyColumns } from './unify-columns';

/**
 * Options of {@link unpivotTable}.
 *
 * @example
 * unpivotTable(wide, { index: ['store'], columns: ['jan', 'feb'], names: 'month', values: 'amount' })
 */
export interface UnpivotOptions {
  /** Columns repeated on every output row. */
  index: readonly string[];
  /** Columns folded into name/value pairs. */
  columns: readonly string[];
  /** Name of the column holding the folded column's name (default "variable"). */
  names?: string;
  /** Name of the column holding its value (default "value"); types are unified as in a union. */
  values?: string;
}

/**
 * Wide to long: each input row gives one row per folded column, in row order then column order; nulls are kept.
 *
 * @example
 * unpivotTable(scores, { index: ['student'], columns: ['math', 'art'] }) // student, variable, value
 */
export function unpivotTable(table: Table, options: UnpivotOptions): Table {
  const n = table.numRows;
  const k = options.columns.length;
  const repeat = new Int32Array(n * k);
  const stackedRow = new Int32Array(n * k);
  const names = new Int32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      repeat[r * k + c] = r;
      stackedRow[r * k + c] = c * n + r;
      names[r * k + c] = c;
    }
  }
  const outNames = [...options.index, options.names ?? 'variable', options.values ?? 'value'];
  const vectors: Vector[] = options.index.map((name) => takeVector(columnOf(table, name), repeat));
  vectors.push(dictionaryVector(names, options.columns));
  const valueName = options.values ?? 'value';
  const stacked =
    k === 0
      ? null
      : unifyColumns(
          options.columns.map((name) => columnOf(table, name)),
          valueName,
        );
  vectors.push(stacked ? takeVector(stacked, stackedRow) : dictionaryVector(new Int32Array(0), []));
  return tableFromColumns(outNames, vectors);
}
