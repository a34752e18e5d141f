import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { boolVector, dateVector, dictionaryVector, float64Vector, utf8Vector } from './build-vector';
import { categoryText } from './category-text';
import { ColumnKeyer } from './column-keyer';
import { type ColumnArrays, columnOf, readColumn } from './columns';
import { presentSorted, quantileSorted } from './quantile';
import { replaceColumns } from './replace-columns';

/**
 * How {@link fitImpute} picks the fill value.
 *
 * @example
 * fitImpute(train, { columns: ['age'], strategy: 'median' satisfies ImputeStrategy })
 */
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/**
 * Fitted imputation, plain JSON: the value that replaces nulls in each column (null when nothing was learnt).
 *
 * @example
 * const { state } = fitImpute(train, { columns: ['age'], strategy: 'mean' }); const filledTest = applyImpute(test, state);
 */
export interface ImputeState {
  kind: 'impute';
  columns: { column: string; strategy: ImputeStrategy; fill: number | string | boolean | null }[];
}

/**
 * Options of {@link fitImpute}; `value` is the fill of the constant strategy.
 *
 * @example
 * fitImpute(train, { columns: ['plan'], strategy: 'constant', value: 'unknown' })
 */
export interface ImputeOptions {
  columns: readonly string[];
  strategy: ImputeStrategy;
  value?: number | string | boolean;
}

function learn(column: ColumnArrays, name: string, options: ImputeOptions): number | string | boolean | null {
  if (options.strategy === 'constant') {
    if (options.value === undefined) throw new UserError('CONFIG_INVALID', 'The constant strategy needs a value.');
    return options.value;
  }
  if (options.strategy === 'most_frequent') return mostFrequent(column);
  if (column.kind !== 'number') throw new UserError('SCHEMA_INVALID', `The ${options.strategy} of "${name}" needs a number column.`);
  const sorted = presentSorted(column.values, column.valid);
  if (sorted.length === 0) return null;
  if (options.strategy === 'median') return quantileSorted(sorted, 0.5);
  let sum = 0;
  for (let i = 0; i < column.length; i++) if (!column.valid || column.valid[i]) sum += column.values[i] as number;
  return sum / sorted.length;
}

// Ties go to the smallest value (scikit-learn's rule), so the result does not depend on row order.
function mostFrequent(column: ColumnArrays): number | string | boolean | null {
  const keyer = new ColumnKeyer(column);
  const ids = keyer.encode('drop');
  const counts = new Int32Array(keyer.count);
  const rowOf = new Int32Array(keyer.count);
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i] as number;
    if (id < 0) continue;
    counts[id] = (counts[id] as number) + 1;
    rowOf[id] = i;
  }
  const labelOf = (id: number): number | string | boolean => {
    const row = rowOf[id] as number;
    if (column.kind === 'number') return column.values[row] as number;
    if (column.kind === 'boolean') return column.values[row] === 1;
    return categoryText(column)(row);
  };
  let best = -1;
  for (let id = 0; id < keyer.count; id++) {
    if (best < 0 || (counts[id] as number) > (counts[best] as number)) best = id;
    else if (counts[id] === counts[best] && labelOf(id) < labelOf(best)) best = id;
  }
  return best < 0 ? null : labelOf(best);
}

/**
 * Learns a fill value per column and replaces nulls with it. Number and integer columns come out as Float64,
 * dates stay dates, strings, categories and booleans keep their kind.
 *
 * @example
 * const { table, state } = fitImpute(train, { columns: ['age'], strategy: 'median' });
 */
export function fitImpute(table: Table, options: ImputeOptions): { table: Table; state: ImputeState } {
  const state: ImputeState = {
    kind: 'impute',
    columns: options.columns.map((column) => ({
      column,
      strategy: options.strategy,
      fill: learn(readColumn(columnOf(table, column)), column, options),
    })),
  };
  return { table: applyImpute(table, state), state };
}

/**
 * Applies a fitted {@link ImputeState}; a fill of the wrong type for its column is refused.
 *
 * @example
 * applyImpute(newRows, state)
 */
export function applyImpute(table: Table, state: ImputeState): Table {
  const replacements = new Map<string, [string, Vector][]>();
  for (const { column: name, fill } of state.columns) {
    const column = readColumn(columnOf(table, name));
    replacements.set(name, [[name, filled(column, name, fill)]]);
  }
  return replaceColumns(table, replacements);
}

function filled(column: ColumnArrays, name: string, fill: number | string | boolean | null): Vector {
  const wrong = () => new UserError('SCHEMA_INVALID', `Cannot fill column "${name}" (${column.kind}) with ${JSON.stringify(fill)}.`);
  const valid = column.valid;
  const n = column.length;
  const keep = fill === null ? valid : null;
  if (column.kind === 'number') {
    if (fill !== null && typeof fill !== 'number') throw wrong();
    const out = Float64Array.from(column.values);
    if (valid && fill !== null) for (let i = 0; i < n; i++) if (!valid[i]) out[i] = fill;
    return column.columnType === 'date' ? dateVector(out, keep) : float64Vector(out, keep);
  }
  if (column.kind === 'boolean') {
    if (fill !== null && typeof fill !== 'boolean') throw wrong();
    const out = Uint8Array.from(column.values);
    if (valid && fill !== null) for (let i = 0; i < n; i++) if (!valid[i]) out[i] = fill ? 1 : 0;
    return boolVector(out, keep);
  }
  if (fill !== null && typeof fill !== 'string') throw wrong();
  if (column.kind === 'category') {
    const dictionary = [...column.dictionary];
    let code = fill === null ? 0 : dictionary.indexOf(fill);
    if (code < 0) code = dictionary.push(fill as string) - 1;
    const codes = Int32Array.from(column.codes);
    if (valid && fill !== null) for (let i = 0; i < n; i++) if (!valid[i]) codes[i] = code;
    return dictionaryVector(codes, dictionary, keep);
  }
  const strings: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) strings[i] = !valid || valid[i] ? column.get(i) : fill;
  return utf8Vector(strings);
}
