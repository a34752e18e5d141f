import type { Table } from 'apache-arrow';
import { UserError } from '../errors/errors';

/**
 * A query parameter: sent to the database separately from the SQL text, never spliced into it.
 *
 * @example
 * const params: SqlParameter[] = ['2026-01-01', 10, true, null];
 */
export type SqlParameter = string | number | boolean | null;

/**
 * Limits of one {@link SqlClient.query}.
 *
 * @example
 * const options: SqlQueryOptions = { rowCap: 1_000_000, signal: ctx.signal };
 */
export interface SqlQueryOptions {
  /** The most rows read; the query's further rows are not fetched. */
  rowCap: number;
  signal?: AbortSignal;
  /** Columns known to be text: read as text even when every value looks like a date. */
  textColumns?: readonly string[];
  /**
   * Fetch the whole result at once rather than through a cursor, so the database may run the query
   * in parallel. Only for queries whose size is already bounded by a LIMIT of `rowCap` rows.
   */
  singleFetch?: boolean;
}

/**
 * Runs parameterized SQL queries for source nodes (server hosts only). The server's streams rows
 * with a cursor into Arrow columns. Failures are UserErrors with code SQL_FAILED.
 *
 * @example
 * const table = await ctx.sql.query(await ctx.secrets.get('warehouse'), 'select * from t where day = $1', ['2024-01-01'], { rowCap: 1e6 });
 */
export interface SqlClient {
  query(connection: string, text: string, params: readonly SqlParameter[], options: SqlQueryOptions): Promise<Table>;
  /**
   * Writes a table's rows into a database table, tagged with a run key: in one transaction the rows
   * an earlier attempt wrote under the same key are deleted and the new ones inserted, so a retry
   * never duplicates. The table is created (column types from the Arrow schema) when missing.
   */
  write(connection: string, table: Table, options: SqlWriteOptions): Promise<SqlWriteResult>;
}

/**
 * Where and how {@link SqlClient.write} writes.
 *
 * @example
 * const options: SqlWriteOptions = { table: 'analytics.scores', runKeyColumn: '_run_key', runKey: ctx.idempotencyKey, signal: ctx.signal };
 */
export interface SqlWriteOptions {
  /** The target table, optionally schema-qualified (`scores`, `analytics.scores`). */
  table: string;
  /** The column that carries the run key; added to a table this creates. */
  runKeyColumn: string;
  runKey: string;
  /**
   * `append` (default): add the rows, replacing only those an earlier attempt under the same run key wrote;
   * `replace`: the table holds only these rows afterwards; `upsert`: rows whose `key` columns match an
   * incoming row are replaced, the rest kept.
   */
  mode?: 'append' | 'replace' | 'upsert';
  /** The columns that identify a row, for `upsert`. */
  key?: readonly string[];
  signal?: AbortSignal;
}

/**
 * What {@link SqlClient.write} did: rows inserted, rows of an earlier attempt replaced, whether it created the table.
 *
 * @example
 * const { rows } = await ctx.sql.write(connection, 'scores', table, { mode: 'append' });
 */
export interface SqlWriteResult {
  rows: number;
  replaced: number;
  created: boolean;
}

/**
 * The client of a host without database access: every query fails with SQL_CLIENT_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, sql: noSqlClient }); // the default
 */
export const noSqlClient: SqlClient = {
  query: () => Promise.reject(new UserError('SQL_CLIENT_MISSING', 'This host cannot run database queries; run the graph on the server.')),
  write: () => Promise.reject(new UserError('SQL_CLIENT_MISSING', 'This host cannot write to databases; run the graph on the server.')),
};
