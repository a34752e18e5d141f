import type { ColumnArrays } from './columns';

/**
 * The text of row i as a category label: strings as they are, booleans "true"/"false", dates as ISO
 * 8601, numbers as JavaScript writes them. Callers skip null rows.
 *
 * @example
 * const label = categoryText(readColumn(v));
 * label(0) // 'red'
 */
export function categoryText(column: ColumnArrays): (index: number) => string {
  switch (column.kind) {
    case 'string':
      return (i) => column.get(i);
    case 'category':
      return (i) => column.dictionary[column.codes[i] as number] ?? '';
    case 'boolean':
      return (i) => (column.values[i] ? 'true' : 'false');
    default:
      return column.columnType === 'date' ? (i) => new Date(column.values[i] as number).toISOString() : (i) => String(column.values[i]);
  }
}
