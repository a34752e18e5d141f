import { type SqlClient, type SqlParameter, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { sql } from 'kysely';
import pg from 'pg';
import { type ChainPlan, type ChainStep, planChain, type QueryColumn } from './chain-sql';
import { compileQuery, sourceRelation } from './compile-query';
import { describeSource } from './describe-source';

/** A chain run in PostgreSQL: the rows, the SQL sent, how many nodes it covers and why the next is not. */
export interface PushedResult {
  table: Table;
  text: string;
  pushed: number;
  reason?: string;
}

/** The source node's settings needed to push a chain onto its query. */
export interface PushedSource {
  connection: string;
  sql: string;
  params: readonly SqlParameter[];
  rowCap: number;
}

/**
 * Plans `chain` on top of the source query (reading the query's column types first) and runs what
 * can be pushed as one query through `client`. A source whose columns cannot be read pushes nothing.
 *
 * @example
 * const { table, pushed, text } = await runPushed(createPgSqlClient(), source, chain, { signal });
 */
export async function runPushed(
  client: SqlClient,
  source: PushedSource,
  chain: readonly ChainStep[],
  options: PushedOptions = {},
): Promise<PushedResult> {
  const relation = compileQuery(sourceRelation(source.sql), source.params);
  const db = new pg.Client({ connectionString: source.connection });
  db.on('error', () => {});
  let columns: QueryColumn[];
  try {
    await db.connect();
    columns = await describeSource(db, relation.text, source.params);
  } catch (error) {
    await db.end().catch(() => undefined);
    throw new UserError('SQL_FAILED', `Reading the query's columns failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const planned = planChain(sourceRelation(source.sql), columns, chain);
    try {
      return await runPlan(client, db, source, planned, chain, options);
    } catch (error) {
      // float8 arithmetic past its range is an error in PostgreSQL and ±Infinity or 0 in memory: such runs stay in memory.
      if (!(error instanceof UserError) || !/value out of range: (overflow|underflow)/.test(error.message) || planned.pushed === 0)
        throw error;
      const reason = `PostgreSQL refused a number out of float8 range (${error.message.replace(/^.*value out of range: /, '')}); the nodes ran in memory`;
      return { ...(await runPlan(client, db, source, planChain(sourceRelation(source.sql), columns, []), chain, options)), reason };
    }
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Options of {@link runPushed}: cancellation, a preview's row limit, the memory budget and the node named in its error. */
export interface PushedOptions {
  signal?: AbortSignal;
  limit?: number;
  budgetBytes?: number;
  /** The node the budget error names when the chain pushes nothing past the source. */
  sourceId?: string;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** PostgreSQL's estimate of the result: rows (at most the row cap) times the average row width. */
async function estimate(
  db: pg.Client,
  text: string,
  params: readonly SqlParameter[],
  rowCap: number,
): Promise<{ rows: number; width: number }> {
  const explained = await db.query({ text: `explain (format json) ${text}`, values: [...params] });
  const plan = (explained.rows[0] as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number; 'Plan Width': number } }] })['QUERY PLAN'][0].Plan;
  return { rows: Math.min(plan['Plan Rows'], rowCap), width: plan['Plan Width'] };
}

async function runPlan(
  client: SqlClient,
  db: pg.Client,
  source: PushedSource,
  plan: ChainPlan,
  chain: readonly ChainStep[],
  options: PushedOptions,
): Promise<PushedResult> {
  // The row cap as a LIMIT, so the result is bounded without a cursor (PostgreSQL runs no cursor in parallel).
  const cap = Math.min(source.rowCap, options.limit ?? source.rowCap);
  const limited = sql`select * from (${plan.query}) as ${sql.id('capped')} limit ${sql.lit(cap)}`;
  const { text, params } = compileQuery(limited, source.params);
  if (options.budgetBytes !== undefined) {
    const { rows, width } = await estimate(db, text, params, source.rowCap);
    if (rows * width > options.budgetBytes) {
      const nodeId = plan.pushed > 0 ? (chain[plan.pushed - 1] as ChainStep).id : (options.sourceId ?? 'source');
      throw new UserError(
        'TABLE_BUDGET_EXCEEDED',
        `Node ${nodeId}: its result is estimated at ${Math.round(rows)} rows × ${width} bytes ≈ ${mib(rows * width)}, over CAUSEWAY_TABLE_BUDGET_BYTES (${mib(options.budgetBytes)}). Filter or aggregate it in the query, or raise the budget.`,
        { details: { nodeId, estimatedBytes: rows * width } },
      );
    }
  }
  const textColumns = plan.columns.filter((c) => !c.opaque && (c.type === 'string' || c.type === 'category')).map((c) => c.name);
  const table = await client.query(source.connection, text, params, {
    rowCap: source.rowCap,
    singleFetch: true,
    textColumns,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { table, text, pushed: plan.pushed, ...(plan.reason === undefined ? {} : { reason: plan.reason }) };
}
