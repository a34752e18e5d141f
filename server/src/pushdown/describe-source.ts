import type { ColumnType, SqlParameter } from '@causeway/sdk';
import type pg from 'pg';
import type { QueryColumn } from './chain-sql';

// PostgreSQL type oids whose values the reader turns into one column type whatever the rows hold.
const fixedTypes = new Map<number, ColumnType>([
  [16, 'boolean'],
  [20, 'integer'],
  [21, 'integer'],
  [23, 'integer'],
  [701, 'number'],
  [1082, 'date'],
  [1114, 'date'],
  [1184, 'date'],
]);
// Text types: a string column in memory unless every value reads as a date.
const textTypes = new Set([25, 1042, 1043, 19]);
const dateLike = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The columns of the source query and the type each has once read into memory. numeric, float4,
 * json and other types whose in-memory type depends on their values are `opaque`; so is a text
 * column whose values all look like dates (the reader makes it a date column).
 *
 * @example
 * const columns = await describeSource(client, 'select * from (select 1 as a) as source', []);
 */
export async function describeSource(client: pg.Client, relation: string, params: readonly SqlParameter[]): Promise<QueryColumn[]> {
  const head = await client.query({ text: `select * from (${relation}) as d limit 0`, values: [...params] });
  const columns: QueryColumn[] = head.fields.map((field) => {
    const type = fixedTypes.get(field.dataTypeID);
    if (type !== undefined) return { name: field.name, type, nullable: true };
    return { name: field.name, type: 'string', nullable: true, opaque: !textTypes.has(field.dataTypeID) };
  });
  const texts = columns.filter((c) => c.type === 'string' && c.opaque !== true);
  if (texts.length > 0) {
    // exists stops at the first value that is not a date: the first row, for ordinary text.
    const probes = texts.map(
      (c, i) => `exists(select 1 from (${relation}) as p where p.${quoteId(c.name)} !~ $${params.length + 1}) as c${i}`,
    );
    const probe = await client.query({ text: `select ${probes.join(', ')}`, values: [...params, dateLike], rowMode: 'array' });
    const row = (probe.rows[0] ?? []) as boolean[];
    texts.forEach((c, i) => {
      if (row[i] !== true) c.opaque = true;
    });
  }
  return columns;
}
