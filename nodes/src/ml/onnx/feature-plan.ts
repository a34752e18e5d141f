import { type ColumnArrays, type ColumnType, categoryText, columnOf, columnTypeOf, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { FeatureMatrix } from '../learn/matrix';

/** A number, integer, boolean or date feature: nulls become `fill`, then y = (x − offset) · scale. */
export interface NumericFeature {
  name: string;
  type: ColumnType;
  fill: number;
  offset: number;
  scale: number;
}

/** A string or category feature, one-hot encoded over `categories`; null, '' and unseen values are all zeros. */
export interface CategoricalFeature {
  name: string;
  type: ColumnType;
  categories: string[];
}

/**
 * Fitted preprocessing, plain JSON. The assembled feature vector is every numeric feature (in order)
 * followed by each categorical feature's one-hot block — the order the ONNX graph concatenates in.
 */
export interface FeaturePlan {
  numeric: NumericFeature[];
  categorical: CategoricalFeature[];
}

const isCategorical = (type: ColumnType) => type === 'string' || type === 'category';

function numbersOf(column: ColumnArrays, name: string): { values: Float64Array | Uint8Array; valid: Uint8Array | null } {
  if (column.kind === 'number' || column.kind === 'boolean') return column;
  throw new UserError('SCHEMA_INVALID', `Column "${name}" is not numeric.`);
}

function fitNumeric(name: string, type: ColumnType, column: ColumnArrays, scale: boolean): NumericFeature {
  const { values, valid } = numbersOf(column, name);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid && !valid[i]) continue;
    count++;
    sum += values[i] as number;
  }
  const fill = count > 0 ? sum / count : 0;
  if (!scale) return { name, type, fill, offset: 0, scale: 1 };
  // Spread of the imputed column (filled rows sit at the mean), as a scaler after an imputer sees it.
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (!valid || valid[i]) squares += ((values[i] as number) - fill) ** 2;
  const std = values.length > 0 ? Math.sqrt(squares / values.length) : 0;
  return { name, type, fill, offset: fill, scale: std > 0 && Number.isFinite(std) ? 1 / std : 1 };
}

function fitCategorical(name: string, type: ColumnType, column: ColumnArrays): CategoricalFeature {
  const text = categoryText(column);
  const seen = new Set<string>();
  for (let i = 0; i < column.length; i++) if (!column.valid || column.valid[i]) seen.add(text(i));
  seen.delete('');
  return { name, type, categories: [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/**
 * Learns the preprocessing of `features` from a training table: mean imputation for numbers (and
 * standard scaling when `scale`), one-hot categories for strings and categories.
 *
 * @example
 * const plan = fitFeaturePlan(train, ['age', 'plan'], { scale: true });
 */
export function fitFeaturePlan(table: Table, features: readonly string[], options: { scale: boolean }): FeaturePlan {
  const plan: FeaturePlan = { numeric: [], categorical: [] };
  for (const name of features) {
    const vector = columnOf(table, name);
    const type = columnTypeOf(vector.type);
    const column = readColumn(vector);
    if (isCategorical(type)) plan.categorical.push(fitCategorical(name, type, column));
    else plan.numeric.push(fitNumeric(name, type, column, options.scale));
  }
  if (plan.numeric.length + plan.categorical.reduce((n, c) => n + c.categories.length, 0) === 0) {
    throw new UserError('SCHEMA_INVALID', 'There are no usable features: every categorical feature is empty.');
  }
  return plan;
}

/** The names of the assembled features: numeric names, then `column=category` per one-hot slot. */
export function featureNames(plan: FeaturePlan): string[] {
  return [...plan.numeric.map((f) => f.name), ...plan.categorical.flatMap((f) => f.categories.map((c) => `${f.name}=${c}`))];
}

/**
 * Applies a plan in process, giving the learners' column-major matrix. With `float32`, inputs and
 * fills are rounded to float32 first, as the ONNX graph (which casts its inputs to float) sees them.
 *
 * @example
 * const x = featureMatrix(test, plan, { float32: true });
 */
export function featureMatrix(table: Table, plan: FeaturePlan, options: { float32?: boolean } = {}): FeatureMatrix {
  const names = featureNames(plan);
  const rows = table.numRows;
  const data = new Float64Array(rows * names.length);
  const round = options.float32 ? Math.fround : (v: number) => v;
  plan.numeric.forEach((feature, j) => {
    const { values, valid } = numbersOf(readColumn(columnOf(table, feature.name)), feature.name);
    const fill = round(feature.fill);
    const offset = round(feature.offset);
    const scale = round(feature.scale);
    const out = data.subarray(j * rows, (j + 1) * rows);
    for (let i = 0; i < rows; i++) {
      const v = valid && !valid[i] ? Number.NaN : round(values[i] as number);
      out[i] = ((Number.isNaN(v) ? fill : v) - offset) * scale;
    }
  });
  let at = plan.numeric.length;
  for (const feature of plan.categorical) {
    const column = readColumn(columnOf(table, feature.name));
    const text = categoryText(column);
    const index = new Map(feature.categories.map((c, k) => [c, k]));
    for (let i = 0; i < rows; i++) {
      if (column.valid && !column.valid[i]) continue;
      const k = index.get(text(i));
      if (k !== undefined) data[(at + k) * rows + i] = 1;
    }
    at += feature.categories.length;
  }
  return { rows, cols: names.length, data, names };
}
