import { Data, Field, makeData, RecordBatch, Schema, Struct, Table, type Vector } from 'apache-arrow';
import { flattenData } from './take-vector';

/**
 * Assembles a single-chunk table from named vectors or Data (all of one length). A field is nullable
 * when `nullable[i]` says so or its column holds a null.
 *
 * @example
 * tableFromColumns(['x', 'label'], [float64Vector(xs), utf8Vector(labels)])
 */
export function tableFromColumns(names: readonly string[], vectors: readonly (Vector | Data)[], nullable: readonly boolean[] = []): Table {
  if (names.length !== vectors.length) throw new RangeError('tableFromColumns: names and vectors differ in length');
  const length = vectors[0]?.length ?? 0;
  const fields = vectors.map((v, i) => new Field(names[i] as string, v.type, (nullable[i] ?? false) || v.nullCount > 0));
  const children = vectors.map((v) => {
    if (v.length !== length)
      throw new RangeError(`tableFromColumns: column "${names[vectors.indexOf(v)]}" has ${v.length} rows, not ${length}`);
    return v instanceof Data ? v : flattenData(v);
  });
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return new Table(schema, new RecordBatch(schema, data));
}
