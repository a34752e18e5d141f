import { type ColumnArrays, readColumn, type SqlWriteOptions, type SqlWriteResult, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { WriteSession } from './write-session';

// Rows go through COPY in chunks of this many, each built column by column.
const batchRows = 20_000;
const identifier = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

interface Target {
  /** Quoted, possibly schema-qualified name for SQL text. */
  quoted: string;
  /** Unquoted parts for catalog lookups. */
  schema: string | null;
  name: string;
}

function targetOf(client: WriteSession, table: string): Target {
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

// COPY's text format: backslash, tab, newline and carriage return escaped; \N is null.
const escapeText = (text: string): string =>
  /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

/** Rows [from, to) of a column as COPY text cells, built column by column (category values escaped once). */
function cells(column: ColumnArrays, from: number, to: number): string[] {
  const out = new Array<string>(to - from);
  const valid = column.valid;
  if (column.kind === 'number') {
    const values = column.values;
    const date = column.columnType === 'date';
    for (let i = from; i < to; i++) {
      const v = values[i] as number;
      out[i - from] = valid !== null && valid[i] === 0 ? '\\N' : date ? new Date(v).toISOString() : numberText(v);
    }
  } else if (column.kind === 'boolean') {
    for (let i = from; i < to; i++) out[i - from] = valid !== null && valid[i] === 0 ? '\\N' : column.values[i] === 1 ? 't' : 'f';
  } else if (column.kind === 'category') {
    const escaped = column.dictionary.map(escapeText);
    for (let i = from; i < to; i++)
      out[i - from] = valid !== null && valid[i] === 0 ? '\\N' : (escaped[column.codes[i] as number] as string);
  } else {
    for (let i = from; i < to; i++) out[i - from] = valid !== null && valid[i] === 0 ? '\\N' : escapeText(column.get(i));
  }
  return out;
}

/** The rows as COPY text, one chunk per batch, each tagged with the run key. */
function* copyText(columns: readonly ColumnArrays[], rows: number, runKey: string, signal: AbortSignal | undefined): Generator<string> {
  const key = escapeText(runKey);
  for (let from = 0; from < rows; from += batchRows) {
    signal?.throwIfAborted();
    const to = Math.min(rows, from + batchRows);
    const parts = columns.map((column) => cells(column, from, to));
    const lines = new Array<string>(to - from);
    for (let r = 0; r < to - from; r++) {
      let line = '';
      for (const part of parts) line += `${part[r] as string}\t`;
      lines[r] = `${line}${key}\n`;
    }
    yield lines.join('');
  }
}

async function existingColumns(client: WriteSession, target: Target): Promise<Map<string, string> | undefined> {
  const result = await client.query(
    `select column_name, data_type from information_schema.columns
      where table_name = $1 and table_schema = coalesce($2, current_schema())`,
    [target.name, target.schema],
  );
  return result.rows.length === 0 ? undefined : new Map(result.rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

// The PostgreSQL column types (information_schema's names) each kind of Arrow column may be copied into.
const numberTypes = ['double precision', 'real', 'numeric'];
const accepts: Record<string, readonly string[]> = {
  number: numberTypes,
  integer: ['bigint', 'integer', 'smallint', ...numberTypes],
  date: ['timestamp with time zone', 'timestamp without time zone', 'date'],
  boolean: ['boolean'],
  text: ['text', 'character varying', 'character', 'json', 'jsonb', 'uuid'],
};

function kindOf(column: ColumnArrays): string {
  if (column.kind === 'number') return column.columnType === 'integer' || column.columnType === 'date' ? column.columnType : 'number';
  return column.kind === 'boolean' ? 'boolean' : 'text';
}

/** The columns of an existing table that are missing or of a type the input's column cannot go into; nothing is written then. */
function checkFits(
  tableName: string,
  before: Map<string, string>,
  names: readonly string[],
  columns: readonly ColumnArrays[],
  runKeyColumn: string,
): void {
  const missing = [...names, runKeyColumn].filter((n) => !before.has(n));
  if (missing.length > 0) {
    throw new UserError(
      'SQL_FAILED',
      `Table ${tableName} has no column ${missing.map((m) => `"${m}"`).join(', ')}; add it or write to a new table.`,
    );
  }
  const clashes = names.flatMap((name, c) => {
    const kind = kindOf(columns[c] as ColumnArrays);
    const type = before.get(name) as string;
    return accepts[kind]?.includes(type) ? [] : [`"${name}" is ${type} there but ${kind} in the input`];
  });
  if (clashes.length > 0)
    throw new UserError(
      'SQL_FAILED',
      `Table ${tableName} does not fit the input: ${clashes.join('; ')}. Cast the column or write to a new table.`,
    );
}

/**
 * Writes `table` into a PostgreSQL table in one transaction: creates it when missing (types from the
 * Arrow schema plus the run key column), deletes the rows an earlier attempt wrote under the same run
 * key, then streams the rows in with COPY (text format, built column by column). `replace` empties the
 * table first; `upsert` copies into a temporary table, deletes the target rows whose key columns match
 * one of them, and inserts them. Identifiers are quoted; values never enter the SQL text.
 */
export async function writeTable(client: WriteSession, table: Table, options: SqlWriteOptions): Promise<SqlWriteResult> {
  const target = targetOf(client, options.table);
  const names = table.schema.fields.map((f) => f.name);
  if (names.includes(options.runKeyColumn)) {
    throw new UserError(
      'INPUT_INVALID',
      `The table already has a column "${options.runKeyColumn}", the run key column; rename one of them.`,
    );
  }
  const mode = options.mode ?? 'append';
  const key = options.key ?? [];
  if (mode === 'upsert') {
    const unknown = key.filter((k) => !names.includes(k));
    if (key.length === 0 || unknown.length > 0) {
      throw new UserError(
        'INPUT_INVALID',
        key.length === 0
          ? 'Upsert needs key columns: the columns that identify a row.'
          : `The key column${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in the scored table.`,
      );
    }
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
    } else checkFits(options.table, before, names, columns, options.runKeyColumn);
    const runKeyColumn = client.escapeIdentifier(options.runKeyColumn);
    // Rows of an earlier attempt of this run go first, whatever the mode: a retry never duplicates.
    const own = await client.query(`delete from ${target.quoted} where ${runKeyColumn} = $1`, [options.runKey]);
    let replaced = own.rowCount;
    if (mode === 'replace') replaced += (await client.query(`delete from ${target.quoted}`)).rowCount;
    const into = mode === 'upsert' ? client.escapeIdentifier('causeway_upsert_rows') : target.quoted;
    if (mode === 'upsert') await client.query(`create temp table ${into} (like ${target.quoted}) on commit drop`);
    await client.copyIn(
      `copy ${into} (${quotedColumns.join(', ')}) from`,
      copyText(columns, table.numRows, options.runKey, options.signal),
    );
    if (mode === 'upsert') {
      const match = key.map((k) => `t.${client.escapeIdentifier(k)} is not distinct from s.${client.escapeIdentifier(k)}`).join(' and ');
      replaced += (await client.query(`delete from ${target.quoted} t using ${into} s where ${match}`)).rowCount;
      await client.query(`insert into ${target.quoted} (${quotedColumns.join(', ')}) select ${quotedColumns.join(', ')} from ${into}`);
    }
    await client.query('commit');
    return { rows: table.numRows, replaced, created };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
