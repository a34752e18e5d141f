import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { float64Vector } from './build-vector';
import { columnOf, type NumberColumn, readColumn } from './columns';
import { presentSorted, quantileSorted } from './quantile';
import { replaceColumns } from './replace-columns';

/**
 * How {@link fitScale} scales: (x - mean) / std, (x - min) / (max - min), or (x - median) / IQR.
 *
 * @example
 * fitScale(train, { columns: ['income'], method: 'robust' satisfies ScaleMethod })
 */
export type ScaleMethod = 'standard' | 'min_max' | 'robust';

/**
 * Fitted scaling, plain JSON: y = (x - offset) * scale per column, the form of ONNX's Scaler.
 *
 * @example
 * const { state } = fitScale(train, { columns: ['age'], method: 'standard' }); const scaledTest = applyScale(test, state);
 */
export interface ScaleState {
  kind: 'scale';
  method: ScaleMethod;
  columns: { column: string; offset: number; scale: number }[];
}

function numeric(table: Table, name: string): NumberColumn {
  const col = readColumn(columnOf(table, name));
  if (col.kind !== 'number' || col.columnType === 'date')
    throw new UserError('SCHEMA_INVALID', `Scaling needs number columns; "${name}" is not one.`);
  return col;
}

/**
 * Learns per-column offsets and scales (nulls skipped; std is the population std, as scikit-learn; a zero
 * spread, or one too small to invert, scales by 1) and applies them. Scaled columns become Float64; nulls stay null.
 *
 * @example
 * const { table, state } = fitScale(train, { columns: ['age', 'income'], method: 'standard' });
 * const scoredInput = applyScale(test, state);
 */
export function fitScale(table: Table, options: { columns: readonly string[]; method: ScaleMethod }): { table: Table; state: ScaleState } {
  const columns = options.columns.map((column) => {
    const { values, valid } = numeric(table, column);
    const sorted = presentSorted(values, valid);
    const n = sorted.length;
    let offset = 0;
    let spread = 1;
    if (n > 0 && options.method === 'standard') {
      let sum = 0;
      for (const v of sorted) sum += v;
      offset = sum / n;
      let squares = 0;
      for (const v of sorted) squares += (v - offset) ** 2;
      spread = Math.sqrt(squares / n);
    } else if (n > 0 && options.method === 'min_max') {
      offset = sorted[0] as number;
      spread = (sorted[n - 1] as number) - offset;
    } else if (n > 0) {
      offset = quantileSorted(sorted, 0.5);
      spread = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
    }
    // + 0 turns -0 into 0: the state must survive JSON, which has no -0
    return { column, offset: offset + 0, scale: spread > 0 && Number.isFinite(1 / spread) ? 1 / spread : 1 };
  });
  const state: ScaleState = { kind: 'scale', method: options.method, columns };
  return { table: applyScale(table, state), state };
}

/**
 * Applies a fitted {@link ScaleState}.
 *
 * @example
 * applyScale(newRows, state)
 */
export function applyScale(table: Table, state: ScaleState): Table {
  const replacements = new Map<string, [string, Vector][]>();
  for (const { column, offset, scale } of state.columns) {
    const { values, valid } = numeric(table, column);
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = ((values[i] as number) - offset) * scale;
    replacements.set(column, [[column, float64Vector(out, valid)]]);
  }
  return replaceColumns(table, replacements);
}
