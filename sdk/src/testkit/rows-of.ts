import { type Table, Type } from 'apache-arrow';

/**
 * Turns an Arrow table into plain records for assertions: numbers, strings, booleans, `null`
 * for missing values, `Date` for date columns, category columns as their strings. For tests
 * only — row objects never belong in a hot path.
 *
 * @example
 * expect(rowsOf(outputs.table)).toEqual([{ age: 31, name: 'a' }, { age: null, name: 'b' }]);
 */
export function rowsOf(table: Table): Record<string, unknown>[] {
  const columns = table.schema.fields.map((field, index) => {
    const vector = table.getChildAt(index);
    const isDate = field.type.typeId === Type.Date || field.type.typeId === Type.Timestamp;
    return { name: field.name, isDate, get: (row: number): unknown => vector?.get(row) ?? null };
  });
  const rows: Record<string, unknown>[] = [];
  for (let row = 0; row < table.numRows; row++) {
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      const value = column.get(row);
      // defineProperty, so a column named "__proto__" stays a plain field.
      Object.defineProperty(record, column.name, {
        value: column.isDate && typeof value === 'number' ? new Date(value) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    rows.push(record);
  }
  return rows;
}
