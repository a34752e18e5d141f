/**
 * Batch scoring's database write: `SqlClient.write` (one transaction, run-key delete, COPY FROM STDIN in
 * text chunks built column by column from the Arrow table) against psql's
 * `\copy … from` a CSV file of the same rows (the CSV is written before the clock starts), into a
 * scratch database on the local server. Prints medians and the ratio.
 *
 * Run: npx tsx test/bench/batch-write.ts [rows]        (default: 1000000)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsv } from '@causeway/sdk';
import { tableOf } from '@causeway/sdk/testkit';
import pg from 'pg';
import { createPgSqlClient } from '../../server/src/sql/pg-sql-client';
import { scratchPostgresDatabase } from '../../server/src/test-support/scratch-postgres-database';

const rows = Number(process.argv[2] ?? 1_000_000);
const reps = 3;

function generate(n: number) {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const prediction = new Array<number>(n);
  const rooms = new Array<number>(n);
  const city = new Array<string>(n);
  const garden = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    prediction[i] = random() * 1e6;
    rooms[i] = 1 + Math.floor(random() * 8);
    city[i] = `city_${Math.floor(random() * 200)}`;
    garden[i] = random() < 0.5;
  }
  return tableOf({ prediction, rooms, city, garden, _run_key: new Array<string>(n).fill('bench') }, { city: 'category' });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const scratch = await scratchPostgresDatabase();
const admin = new pg.Client({ connectionString: scratch.url });
admin.on('error', () => {});
await admin.connect();
const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-write-'));
try {
  const withKey = generate(rows);
  const table = withKey.select(['prediction', 'rooms', 'city', 'garden']);
  const csvFile = join(dir, 'rows.csv');
  writeFileSync(csvFile, writeCsv(withKey));
  const sql = createPgSqlClient();
  const ours: number[] = [];
  const copy: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    await admin.query('drop table if exists bench_ours, bench_copy');
    await admin.query(
      'create table bench_copy (prediction double precision, rooms bigint, city text, garden boolean, _run_key text not null)',
    );
    // The same run-key index the write creates, so both pay for it.
    await admin.query('create index on bench_copy (_run_key)');
    let start = performance.now();
    await sql.write(scratch.url, table, { table: 'bench_ours', runKeyColumn: '_run_key', runKey: 'bench' });
    ours.push(performance.now() - start);
    start = performance.now();
    execFileSync('psql', [scratch.url, '-q', '-c', `\\copy bench_copy from '${csvFile}' with (format csv, header true)`]);
    copy.push(performance.now() - start);
  }
  const counted = await admin.query(
    'select (select count(*) from bench_ours)::int as ours, (select count(*) from bench_copy)::int as copy',
  );
  const a = median(ours);
  const b = median(copy);
  console.log(`rows: ${rows}; written: ${JSON.stringify(counted.rows[0])}`);
  console.log(`SqlClient.write (COPY, from Arrow) median ${a.toFixed(0)} ms  (${ours.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`psql \\copy from CSV (baseline)    median ${b.toFixed(0)} ms  (${copy.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`ratio write / copy: ${(a / b).toFixed(2)}×`);
} finally {
  await admin.end();
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
}
