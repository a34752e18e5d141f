import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { float64Vector } from './build-vector';
import { categoryText } from './category-text';
import { columnOf, readColumn } from './columns';
import { replaceColumns } from './replace-columns';

/**
 * Fitted encoding, plain JSON: each column's known categories, sorted by code unit.
 *
 * @example
 * const { state } = fitEncode(train, { columns: ['plan'], method: 'ordinal' }); const encodedTest = applyEncode(test, state);
 */
export interface EncodeState {
  kind: 'encode';
  method: 'one_hot' | 'ordinal';
  /** A value not seen while fitting: fail, or encode as all zeros (one-hot) / null (ordinal). */
  unknown: 'error' | 'ignore';
  columns: { column: string; categories: string[] }[];
}

/**
 * Options of {@link fitEncode}.
 *
 * @example
 * const { table, state } = fitEncode(train, { columns: ['plan'], method: 'one_hot' });
 */
export interface EncodeOptions {
  columns: readonly string[];
  method: 'one_hot' | 'ordinal';
  unknown?: 'error' | 'ignore';
}

/**
 * Learns the categories of each column (as text: see {@link categoryText}) and encodes it: one-hot gives
 * one Float64 0/1 column per category named `column=category` in the column's place; ordinal gives the
 * category's index as Float64. A null row encodes as all zeros (one-hot) or null (ordinal).
 *
 * @example
 * const { table, state } = fitEncode(train, { columns: ['color'], method: 'one_hot', unknown: 'ignore' });
 */
export function fitEncode(table: Table, options: EncodeOptions): { table: Table; state: EncodeState } {
  const columns = options.columns.map((column) => {
    const col = readColumn(columnOf(table, column));
    const text = categoryText(col);
    const seen = new Set<string>();
    for (let i = 0; i < col.length; i++) if (!col.valid || col.valid[i]) seen.add(text(i));
    return { column, categories: [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  });
  const state: EncodeState = { kind: 'encode', method: options.method, unknown: options.unknown ?? 'error', columns };
  return { table: applyEncode(table, state), state };
}

/**
 * Applies a fitted {@link EncodeState}; with `unknown: 'error'` an unseen value fails naming its row.
 *
 * @example
 * applyEncode(newRows, state)
 */
export function applyEncode(table: Table, state: EncodeState): Table {
  const replacements = new Map<string, [string, Vector][]>();
  for (const { column: name, categories } of state.columns) {
    const col = readColumn(columnOf(table, name));
    const text = categoryText(col);
    const index = new Map(categories.map((c, k) => [c, k]));
    const n = col.length;
    const codes = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (col.valid && !col.valid[i]) continue;
      const value = text(i);
      const code = index.get(value);
      if (code === undefined && state.unknown === 'error') {
        throw new UserError('INPUT_INVALID', `row ${i + 1}: "${value}" in column "${name}" is a category not seen when fitting.`, {
          details: { column: name, row: i, value },
        });
      }
      codes[i] = code ?? -1;
    }
    if (state.method === 'ordinal') {
      replacements.set(name, [
        [
          name,
          float64Vector(
            Float64Array.from(codes),
            Uint8Array.from(codes, (c) => (c >= 0 ? 1 : 0)),
          ),
        ],
      ]);
      continue;
    }
    const outputs = categories.map((c) => [`${name}=${c}`, new Float64Array(n)] as const);
    for (let i = 0; i < n; i++) {
      const c = codes[i] as number;
      if (c >= 0) (outputs[c] as (typeof outputs)[number])[1][i] = 1;
    }
    replacements.set(
      name,
      outputs.map(([label, values]) => [label, float64Vector(values)]),
    );
  }
  return replaceColumns(table, replacements);
}
