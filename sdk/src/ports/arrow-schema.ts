import { type DataType, type Table, Type } from 'apache-arrow';
import type { ColumnType, TableSchema } from './table-schema';

/**
 * The design-time column type of an Arrow data type.
 *
 * @example
 * columnTypeOf(new Float64()) // 'number'
 */
export function columnTypeOf(type: DataType): ColumnType {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int8:
    case Type.Int16:
    case Type.Int32:
    case Type.Int64:
    case Type.Uint8:
    case Type.Uint16:
    case Type.Uint32:
    case Type.Uint64:
      return 'integer';
    case Type.Float:
    case Type.Float16:
    case Type.Float32:
    case Type.Float64:
    case Type.Decimal:
      return 'number';
    case Type.Bool:
      return 'boolean';
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return 'date';
    case Type.Dictionary:
      return 'category';
    default:
      return 'string';
  }
}

/**
 * Reads the design-time schema of an Arrow table.
 *
 * @example
 * tableSchemaOf(tableFromArrays({ a: new Float64Array([1]) })) // { columns: [{ name: 'a', type: 'number', nullable: true }] }
 */
export function tableSchemaOf(table: Table): TableSchema {
  return {
    columns: table.schema.fields.map((field) => ({
      name: field.name,
      type: columnTypeOf(field.type),
      nullable: field.nullable,
    })),
  };
}
