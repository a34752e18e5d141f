import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { int32Vector } from './build-vector';
import { columnOf, readColumn } from './columns';
import { presentSorted, quantileSorted } from './quantile';
import { replaceColumns } from './replace-columns';
import { tableFromColumns } from './table-from-columns';

/**
 * Fitted binning, plain JSON: bin i holds edges[i] ≤ x < edges[i + 1] (the last bin includes its upper edge).
 *
 * @example
 * const { table: binned, state } = fitBin(train, { column: 'age', method: 'quantile', bins: 4 }); state.edges
 */
export interface BinState {
  kind: 'bin';
  column: string;
  as: string;
  edges: number[];
}

/**
 * Options of {@link bin}.
 *
 * @example
 * const options: BinOptions = { column: 'age', method: 'equal_width', bins: 10 };
 */
export interface BinOptions {
  column: string;
  method: 'equal_width' | 'quantile';
  bins: number;
  /** Output column (default: replace `column`). */
  as?: string;
}

/**
 * Learns bin edges over a number column (equal widths between min and max, or quantiles, duplicate edges
 * merged) and writes each row's bin number (Int32, 0-based; null for null or NaN). Values outside the
 * fitted range go to the first or last bin.
 *
 * @example
 * const { table, state } = bin(people, { column: 'age', method: 'quantile', bins: 4, as: 'age_quartile' });
 */
export function bin(table: Table, options: BinOptions): { table: Table; state: BinState } {
  if (!(Number.isInteger(options.bins) && options.bins >= 1))
    throw new UserError('CONFIG_INVALID', 'bins must be a whole number of at least 1.');
  const col = readColumn(columnOf(table, options.column));
  if (col.kind !== 'number') throw new UserError('SCHEMA_INVALID', `Binning needs a number column; "${options.column}" is not one.`);
  const sorted = presentSorted(col.values, col.valid).filter((v) => !Number.isNaN(v));
  const edges: number[] = [];
  if (sorted.length > 0) {
    const min = sorted[0] as number;
    const max = sorted[sorted.length - 1] as number;
    for (let k = 0; k <= options.bins; k++) {
      const edge =
        options.method === 'equal_width'
          ? k === options.bins
            ? max
            : min + ((max - min) * k) / options.bins
          : quantileSorted(sorted, k / options.bins);
      // + 0 turns -0 into 0: the state must survive JSON, which has no -0
      if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge + 0);
    }
    if (edges.length === 1) edges.push(max + 0);
  }
  const state: BinState = { kind: 'bin', column: options.column, as: options.as ?? options.column, edges };
  return { table: applyBin(table, state), state };
}

/**
 * Applies fitted {@link BinState} edges.
 *
 * @example
 * applyBin(newRows, state)
 */
export function applyBin(table: Table, state: BinState): Table {
  const col = readColumn(columnOf(table, state.column));
  if (col.kind !== 'number') throw new UserError('SCHEMA_INVALID', `Binning needs a number column; "${state.column}" is not one.`);
  const { values, valid } = col;
  const inner = state.edges.slice(1, -1);
  const out = new Int32Array(values.length);
  const present = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((valid && !valid[i]) || Number.isNaN(v) || state.edges.length === 0) continue;
    let lo = 0;
    let hi = inner.length;
    // the number of inner edges ≤ v is the bin
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((inner[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
    present[i] = 1;
  }
  const vector: Vector = int32Vector(out, present);
  if (state.as === state.column) return replaceColumns(table, new Map([[state.column, [[state.column, vector] as const]]]));
  const names = table.schema.fields.map((f) => f.name).filter((n) => n !== state.as);
  return tableFromColumns([...names, state.as], [...names.map((n) => columnOf(table, n)), vector]);
}
