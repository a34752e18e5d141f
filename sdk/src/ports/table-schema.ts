/**
 * The column types a table port describes at design time.
 *
 * @example
 * const type: ColumnType = 'category';
 */
export type ColumnType = 'number' | 'integer' | 'string' | 'category' | 'boolean' | 'date';

/**
 * All column types, in the order the inspector lists them.
 *
 * @example
 * columnTypes.map((t) => ({ value: t, label: t }))
 */
export const columnTypes: readonly ColumnType[] = ['number', 'integer', 'string', 'category', 'boolean', 'date'];

/**
 * One column of a table schema.
 *
 * @example
 * const column: ColumnSchema = { name: 'age', type: 'integer', nullable: true };
 */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

/**
 * What a table port carries at design time: its columns, in order.
 *
 * @example
 * const schema: TableSchema = { columns: [{ name: 'age', type: 'integer', nullable: false }] };
 */
export interface TableSchema {
  columns: ColumnSchema[];
}
