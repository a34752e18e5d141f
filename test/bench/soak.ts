/**
 * Soak: the built server (`causeway serve`) under a steady mix for a set time, on PGlite and on
 * PostgreSQL — a CSV pipeline of 1M rows scheduled every minute, a small graph started every few
 * seconds, API reads, SSE subscribers that connect and drop, and endpoint predictions at a steady rate.
 * Samples RSS, heap, external memory, open file descriptors, database connections, threads and child
 * processes every few seconds, and prints each series' growth after warm-up (the first third) beside
 * its bound (issue 23: < 1 % per 10 minutes; idle memory after the soak within 10 % of after warm-up).
 *
 * Run: npx tsx test/bench/soak.ts [--minutes 30] [--database pglite|postgres|both] [--rows 1000000]
 * The 5-minute smoke: --minutes 5. PostgreSQL at CAUSEWAY_TEST_POSTGRES_URL (default 127.0.0.1:5432).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../cli/run-cli';
import { formatReport, soak } from '../soak/soak-run';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    database: { type: 'string', default: 'both' },
    rows: { type: 'string', default: '1000000' },
  },
});
const minutes = Number(values.minutes);
const databases = values.database === 'both' ? (['pglite', 'postgres'] as const) : ([values.database] as Array<'pglite' | 'postgres'>);
execFileSync(process.execPath, [join(repoRoot, 'server/scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
console.log(`soak: ${minutes} min per database, ${values.rows} rows, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
for (const database of databases) {
  const report = await soak({
    database,
    durationMs: minutes * 60_000,
    bigRows: Number(values.rows),
    smallRunEveryMs: 3_000,
    readEveryMs: 1_000,
    predictEveryMs: 100,
    sampleEveryMs: 5_000,
    // Past the default CAUSEWAY_THREAD_IDLE_MS (60 s) and a heartbeat.
    idleWaitMs: 70_000,
    log: (line) => console.log(line),
  });
  for (const line of formatReport(database, report)) console.log(line);
}
