import type { ColumnType } from '@causeway/sdk';
import { Bool, type Data, DateMillisecond, Dictionary, Float64, Int32, Utf8, vectorFromArray } from 'apache-arrow';

const arrowTypes = {
  number: () => new Float64(),
  integer: () => new Int32(),
  string: () => new Utf8(),
  category: () => new Dictionary(new Utf8(), new Int32()),
  boolean: () => new Bool(),
  date: () => new DateMillisecond(),
} satisfies Record<ColumnType, () => unknown>;

/**
 * Builds one Arrow column (a single Data chunk) of a design-time type from already checked cells:
 * numbers for number/integer, strings for string/category, booleans, epoch milliseconds for dates,
 * `null` for missing values.
 *
 * @example
 * columnVector('integer', [1, null, 3]).nullCount; // 1
 */
export function columnVector(type: ColumnType, cells: readonly (number | string | boolean | null)[]): Data {
  const vector = vectorFromArray(cells as unknown[], arrowTypes[type]());
  const [chunk, ...rest] = vector.data;
  if (!chunk || rest.length > 0) throw new Error(`A ${type} column was not built as one chunk.`);
  return chunk;
}
