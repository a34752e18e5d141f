import type { Table } from 'apache-arrow';
import { UserError } from '../errors/errors';

/** A query parameter: sent to the database separately from the SQL text, never spliced into it. */
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
}

/**
 * The client of a host without database access: every query fails with SQL_CLIENT_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, sql: noSqlClient }); // the default
 */
export const noSqlClient: SqlClient = {
  query: () => Promise.reject(new UserError('SQL_CLIENT_MISSING', 'This host cannot run database queries; run the graph on the server.')),
};
