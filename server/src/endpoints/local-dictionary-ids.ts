import { tableFromColumns } from '@causeway/sdk';
import { DataType, Dictionary, type Table, Vector } from 'apache-arrow';

/**
 * A table read from IPC with each dictionary column given a new id from this thread's counter. IPC
 * keeps the writer's ids, so a table from another process can carry the id of a dictionary this thread
 * makes later (a prediction column), and a table holding both fails with "two different dictionaries
 * with the same Id".
 */
export function withLocalDictionaryIds(table: Table): Table {
  if (!table.schema.fields.some((f) => DataType.isDictionary(f.type))) return table;
  const names = table.schema.fields.map((f) => f.name);
  const nullable = table.schema.fields.map((f) => f.nullable);
  const vectors = table.schema.fields.map((field, i) => {
    const column = table.getChildAt(i) as Vector;
    if (!DataType.isDictionary(field.type)) return column;
    const type = new Dictionary(field.type.dictionary, field.type.indices, null, field.type.isOrdered);
    return new Vector(column.data.map((d) => d.clone(type)));
  });
  return tableFromColumns(names, vectors, nullable);
}
