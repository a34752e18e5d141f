import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { type AggregateOp, aggregate } from './aggregate';
import { ColumnKeyer } from './column-keyer';
import { columnOf, readColumn } from './columns';
import { encodeKeys } from './encode-keys';
import { tableFromColumns } from './table-from-columns';
import { takeVector } from './take-vector';

/**
 * Options of {@link pivotTable}.
 *
 * @example
 * pivotTable(sales, { index: ['store'], columns: 'month', values: 'amount', agg: 'sum' })
 */
export interface PivotOptions {
  /** Columns that identify an output row. */
  index: readonly string[];
  /** The column whose values become output columns. */
  columns: string;
  /** The column aggregated into each cell. */
  values: string;
  agg: AggregateOp | 'first';
}

/**
 * The most output columns a pivot may create.
 *
 * @example
 * if (distinctMonths > maxPivotColumns) throw new UserError('INPUT_INVALID', 'Too many columns to pivot.');
 */
export const maxPivotColumns = 10_000;

/**
 * Long to wide: one row per distinct `index` combination, one column per distinct value of `columns`
 * (in order of first appearance; a null value gives a column named "null"), each cell the aggregate of
 * `values` over its rows (empty cells null, count 0).
 *
 * @example
 * pivotTable(sales, { index: ['store'], columns: 'month', values: 'amount', agg: 'sum' })
 */
export function pivotTable(table: Table, options: PivotOptions): Table {
  const rows = table.numRows;
  const indexVectors = options.index.map((name) => columnOf(table, name));
  const groups = encodeKeys(
    indexVectors.map((v) => readColumn(v)),
    'group',
    rows,
  );
  const pivotColumn = readColumn(columnOf(table, options.columns));
  const keyer = new ColumnKeyer(pivotColumn);
  const pivotIds = keyer.encode('group');
  const width = keyer.count;
  if (width > maxPivotColumns)
    throw new UserError('CONFIG_INVALID', `Pivoting "${options.columns}" would create ${width} columns (at most ${maxPivotColumns}).`);
  const pivotVector = columnOf(table, options.columns);
  const labels: string[] = new Array(width);
  const firstOfGroup = new Int32Array(groups.count).fill(-1);
  for (let i = rows - 1; i >= 0; i--) {
    firstOfGroup[groups.codes[i] as number] = i;
    const value = pivotVector.get(i) as unknown;
    labels[pivotIds[i] as number] =
      value === null || value === undefined ? 'null' : value instanceof Date ? value.toISOString() : String(value);
  }
  const cells = groups.count * width;
  const cellOf = new Int32Array(rows);
  for (let i = 0; i < rows; i++) cellOf[i] = (groups.codes[i] as number) * width + (pivotIds[i] as number);
  const valueVector = columnOf(table, options.values);
  let cellValues: Vector;
  if (options.agg === 'first') {
    const first = new Int32Array(cells).fill(-1);
    for (let i = rows - 1; i >= 0; i--) first[cellOf[i] as number] = i;
    cellValues = takeVector(valueVector, first);
  } else {
    cellValues = aggregate(options.agg, readColumn(valueVector), valueVector, cellOf, cells);
  }
  const names = [...options.index];
  const vectors: Vector[] = indexVectors.map((v) => takeVector(v, firstOfGroup));
  const pick = new Int32Array(groups.count);
  for (let p = 0; p < width; p++) {
    let name = labels[p] as string;
    while (names.includes(name)) name += '_';
    names.push(name);
    for (let g = 0; g < groups.count; g++) pick[g] = g * width + p;
    vectors.push(takeVector(cellValues, pick));
  }
  return tableFromColumns(names, vectors);
}
