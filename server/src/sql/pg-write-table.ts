import { type ColumnArrays, readColumn, type SqlWriteOptions, type SqlWriteResult, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type pg from 'pg';

// One INSERT per batch: each column travels as one array parameter, unnested by the server.
const batchRows = 20_000;
const identifier = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

interface Target {
  /** Quoted, possibly schema-qualified name for SQL text. */
  quoted: string;
  /** Unquoted parts for catalog lookups. */
  schema: string | null;
  name: string;
}

function targetOf(client: pg.Client, table: string): Target {
  const parts = table.split('.');
  if (parts.length > 2 || parts.some((p) => !identifier.test(p))) {
    throw new UserError(
      'INPUT_INVALID',
      `"${table}" is not a table name: use letters, digits and "_" (up to 63), optionally as schema.table.`,
    );
  }
  const [first = '', second] = parts;
  return {
    quoted: parts.map((p) => client.escapeIdentifier(p)).join('.'),
    schema: second === undefined ? null : first,
    name: second ?? first,
  };
}

function sqlTypeOf(column: ColumnArrays): string {
  if (column.kind === 'number')
    return column.columnType === 'integer' ? 'bigint' : column.columnType === 'date' ? 'timestamptz' : 'double precision';
  if (column.kind === 'boolean') return 'boolean';
  return 'text';
}

/** Rows [from, to) of a column as the array parameter pg sends: nulls where the validity says so. */
function slice(column: ColumnArrays, from: number, to: number): unknown[] {
  const out = new Array<unknown>(to - from);
  const valid = column.valid;
  for (let i = from; i < to; i++) {
    if (valid !== null && valid[i] === 0) out[i - from] = null;
    else if (column.kind === 'number')
      out[i - from] = column.columnType === 'date' ? new Date(column.values[i] as number) : column.values[i];
    else if (column.kind === 'boolean') out[i - from] = column.values[i] === 1;
    else if (column.kind === 'category') out[i - from] = column.dictionary[column.codes[i] as number];
    else out[i - from] = column.get(i);
  }
  return out;
}

async function existingColumns(client: pg.Client, target: Target): Promise<Set<string> | undefined> {
  const result = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_name = $1 and table_schema = coalesce($2, current_schema())`,
    [target.name, target.schema],
  );
  return result.rows.length === 0 ? undefined : new Set(result.rows.map((r) => r.column_name));
}

/**
 * Writes `table` into a PostgreSQL table in one transaction: creates it when missing (types from the
 * Arrow schema plus the run key column), deletes the rows an earlier attempt wrote under the same run
 * key, then inserts in batches, each column one array parameter. Identifiers are quoted, values never
 * enter the SQL text.
 */
export async function writeTable(client: pg.Client, table: Table, options: SqlWriteOptions): Promise<SqlWriteResult> {
  const target = targetOf(client, options.table);
  const names = table.schema.fields.map((f) => f.name);
  if (names.includes(options.runKeyColumn)) {
    throw new UserError(
      'INPUT_INVALID',
      `The table already has a column "${options.runKeyColumn}", the run key column; rename one of them.`,
    );
  }
  const columns = names.map((_, c) => readColumn(table.getChildAt(c) as NonNullable<ReturnType<Table['getChildAt']>>));
  const quotedColumns = [...names, options.runKeyColumn].map((n) => client.escapeIdentifier(n));
  await client.query('begin');
  try {
    const before = await existingColumns(client, target);
    const created = before === undefined;
    if (created) {
      const definitions = names.map((n, c) => `${client.escapeIdentifier(n)} ${sqlTypeOf(columns[c] as ColumnArrays)}`);
      definitions.push(`${client.escapeIdentifier(options.runKeyColumn)} text not null`);
      await client.query(`create table ${target.quoted} (${definitions.join(', ')})`);
      await client.query(`create index on ${target.quoted} (${client.escapeIdentifier(options.runKeyColumn)})`);
    } else {
      const missing = [...names, options.runKeyColumn].filter((n) => !before.has(n));
      if (missing.length > 0) {
        throw new UserError(
          'SQL_FAILED',
          `Table ${options.table} has no column ${missing.map((m) => `"${m}"`).join(', ')}; add it or write to a new table.`,
        );
      }
    }
    const deleted = await client.query(`delete from ${target.quoted} where ${client.escapeIdentifier(options.runKeyColumn)} = $1`, [
      options.runKey,
    ]);
    const casts = columns.map((column, c) => `$${c + 1}::${sqlTypeOf(column)}[]`).join(', ');
    const insert =
      columns.length === 0
        ? `insert into ${target.quoted} (${quotedColumns.join(', ')}) select $1 from generate_series(1, $2::int)`
        : `insert into ${target.quoted} (${quotedColumns.join(', ')}) select u.*, $${columns.length + 1} from unnest(${casts}) as u`;
    for (let from = 0; from < table.numRows; from += batchRows) {
      options.signal?.throwIfAborted();
      const to = Math.min(table.numRows, from + batchRows);
      const params: unknown[] =
        columns.length === 0 ? [options.runKey, to - from] : [...columns.map((c) => slice(c, from, to)), options.runKey];
      await client.query(insert, params);
    }
    await client.query('commit');
    return { rows: table.numRows, replaced: deleted.rowCount ?? 0, created };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
