import type { NodeContext, SqlWriteResult, TableSchema } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import type { IssueReporter } from './check-columns';
import { checkColumns } from './check-columns';
import { columnRefs } from './column-ref';

/**
 * The fields of a PostgreSQL write target, shared by `sink.postgres` and `deploy.batch-score`'s
 * postgres destination: a secret connection, a table, the run key column, the mode and upsert key.
 */
export const postgresTargetShape = {
  connection: z
    .object({ $secret: z.string().min(1).max(200) })
    .strict()
    .describe('The secret holding the connection string; never the string itself.'),
  table: z.string().min(1).max(200).describe('The table to write, e.g. scores or analytics.scores; created when missing.'),
  runKeyColumn: z.string().min(1).max(63).default('_run_key').describe('The column that tags rows with the run that wrote them.'),
  mode: z
    .enum(['append', 'replace', 'upsert'])
    .default('append')
    .describe('append: add the rows; replace: the table holds only this run’s rows; upsert: replace rows with the same key.'),
  key: z.array(z.string().min(1).max(63)).max(16).default([]).describe('Upsert: the columns that identify a row, e.g. customer_id.'),
};

/** A parsed write target. */
export type PostgresTarget = z.output<z.ZodObject<typeof postgresTargetShape>>;

/** The refinement every target takes: upsert needs key columns (reported on `key`). */
export const upsertNeedsKey: [(d: { mode: string; key: readonly string[] }) => boolean, { message: string; path: string[] }] = [
  (d) => d.mode !== 'upsert' || d.key.length > 0,
  { message: 'upsert needs key columns', path: ['key'] },
];

/**
 * Design time: the upsert key columns must be in the table written and the run key column must not,
 * each issue on its field below `at` (the target's path in the config).
 */
export function checkPostgresTarget(schema: TableSchema, target: PostgresTarget, issue: IssueReporter, at: readonly string[] = []): void {
  if (target.mode === 'upsert') checkColumns(schema, columnRefs(target.key, [...at, 'key']), issue);
  if (schema.columns.some((c) => c.name === target.runKeyColumn))
    issue(`The table already has a column "${target.runKeyColumn}", the run key column; choose another name.`, [...at, 'runKeyColumn']);
}

/**
 * Writes `table` to the target in one transaction through the host's SQL client, tagged with the
 * run's idempotency key so a retry replaces its own rows, and logs what it did.
 */
export async function writeToPostgres(ctx: NodeContext, table: Table, target: PostgresTarget): Promise<SqlWriteResult> {
  const connection = await ctx.secrets.get(target.connection.$secret);
  const result = await ctx.sql.write(connection, table, {
    table: target.table,
    runKeyColumn: target.runKeyColumn,
    runKey: ctx.idempotencyKey ?? ctx.nodeId,
    mode: target.mode,
    key: target.key,
    signal: ctx.signal,
  });
  // In append mode only an earlier attempt's rows are replaced; replace and upsert also replace others.
  const earlier = target.mode === 'append' ? 'from an earlier attempt' : 'earlier rows';
  ctx.log(
    'info',
    `${result.created ? 'Created' : 'Wrote to'} table ${target.table}: ${result.rows} rows${result.replaced > 0 ? `, replacing ${result.replaced} ${earlier}` : ''}.`,
  );
  return result;
}
