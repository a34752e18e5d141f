/**
 * Push-down to PostgreSQL: a filter + derive + group-by chain after `source.postgres` run through
 * Causeway (runGraph with push-down, in a child process so its peak RSS is its own) against the same
 * SQL run by `psql`, at 1M and 10M rows in a scratch database. Prints medians, the ratio, the run's
 * peak RSS and the load average.
 *
 * Run: npx tsx test/bench/pushdown.ts [rows…]        (default: 1000000 10000000)
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { createBuiltinRegistry } from '@causeway/nodes';
import { type Graph, graphFormat, runGraph } from '@causeway/sdk';
import { memorySecrets } from '@causeway/sdk/testkit';
import pg from 'pg';
import { planChain } from '../../server/src/pushdown/chain-sql';
import { compileQuery, sourceRelation } from '../../server/src/pushdown/compile-query';
import { describeSource } from '../../server/src/pushdown/describe-source';
import { planPushdown } from '../../server/src/pushdown/plan-pushdown';
import { createPgSqlClient } from '../../server/src/sql/pg-sql-client';
import { testPostgresUrl } from '../../server/src/test-support/scratch-postgres-database';

const reps = 3;
const node = (id: string, type: string, config: Record<string, unknown>) => ({
  id,
  type,
  version: 1,
  config,
  position: [0, 0] as [number, number],
});
const steps = [
  { id: 'keep', type: 'transform.filter', config: { where: "amount > 100 and region != 'r3'" } },
  {
    id: 'calc',
    type: 'transform.derive',
    config: {
      columns: [
        { name: 'net', expression: 'amount * 0.8 - fee' },
        { name: 'bucket', expression: 'qty % 10' },
      ],
    },
  },
  {
    id: 'groups',
    type: 'transform.aggregate',
    config: {
      keys: ['region', 'bucket'],
      aggregates: [{ op: 'count' }, { op: 'sum', column: 'qty' }, { op: 'max', column: 'net' }, { op: 'min', column: 'net' }],
    },
  },
];

function graphOf(table: string): Graph {
  return {
    format: graphFormat,
    id: 'bench',
    name: 'bench',
    nodes: [
      node('src', 'source.postgres', { connection: { $secret: 'db' }, sql: `select * from ${table}`, rowCap: 50_000_000 }),
      ...steps.map((s) => node(s.id, s.type, s.config)),
    ],
    edges: [
      { from: 'src.table', to: 'keep.table' },
      { from: 'keep.table', to: 'calc.table' },
      { from: 'calc.table', to: 'groups.table' },
    ],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function child(url: string, table: string): Promise<void> {
  const registry = createBuiltinRegistry();
  const sql = createPgSqlClient();
  const pushed = planPushdown(graphOf(table), registry, sql);
  const started = performance.now();
  const result = await runGraph(pushed.graph, { registry: pushed.registry, sql, secrets: memorySecrets({ db: url }) });
  const ms = performance.now() - started;
  if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.errors));
  const rows = (result.outputs.get('groups')?.table as { numRows: number } | undefined)?.numRows ?? 0;
  process.stdout.write(JSON.stringify({ ms, rows, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** The pushed query with its parameters written in, for psql (bench only: the values are this file's literals). */
async function literalSql(url: string, table: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const source = `select * from ${table}`;
  const columns = await describeSource(db, compileQuery(sourceRelation(source), []).text, []);
  await db.end();
  const plan = planChain(sourceRelation(source), columns, steps);
  if (plan.pushed !== steps.length) throw new Error(`only ${plan.pushed} steps pushed: ${plan.reason}`);
  const { text, params } = compileQuery(plan.query, []);
  let out = text;
  for (let i = params.length; i >= 1; i--) out = out.replaceAll(`$${i}`, `'${String(params[i - 1]).replaceAll("'", "''")}'`);
  return out;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  // A database of its own (not causeway_test_*, which test clean-ups may drop).
  const name = `bench_pushdown_${process.pid}`;
  const server = new pg.Client({ connectionString: testPostgresUrl });
  await server.connect();
  await server.query(`create database ${name}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const db = { url: url.toString(), drop: () => server.query(`drop database if exists ${name} with (force)`).then(() => server.end()) };
  try {
    const admin = new pg.Client({ connectionString: db.url });
    // The drop below ends this connection when a step fails; the step's error is the one to see.
    admin.on('error', () => {});
    await admin.connect();
    for (const rows of sizes.length > 0 ? sizes : [1_000_000, 10_000_000]) {
      const table = `sales_${rows}`;
      await admin.query(
        `create unlogged table ${table} as select g as id, 'r' || (g % 20) as region, g % 97 as qty, ((g::bigint * 7919) % 10000) / 10.0::float8 as amount, (g % 13)::float8 as fee from generate_series(1, ${rows}) g`,
      );
      await admin.query(`analyze ${table}`);
      const text = await literalSql(db.url, table);
      const ours: { ms: number; rows: number; rssMb: number }[] = [];
      const psql: number[] = [];
      for (let r = 0; r < reps; r++) {
        const out = execFileSync('npx', ['tsx', import.meta.filename, '--child', db.url, table], { encoding: 'utf8' });
        ours.push(JSON.parse(out.slice(out.indexOf('{'))));
        const started = performance.now();
        execFileSync('psql', [db.url, '-X', '-q', '-A', '-t', '-c', text], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        psql.push(performance.now() - started);
      }
      const causeway = median(ours.map((o) => o.ms));
      const baseline = median(psql);
      console.log(
        `${rows.toLocaleString('en')} rows → ${ours[0]?.rows} groups: Causeway ${causeway.toFixed(0)} ms, psql ${baseline.toFixed(0)} ms, ratio ${(causeway / baseline).toFixed(2)}; run peak RSS ${median(ours.map((o) => o.rssMb)).toFixed(0)} MB; load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      await admin.query(`drop table ${table}`);
    }
    await admin.end();
  } finally {
    await db.drop();
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, process.argv[4] as string);
else await main();
