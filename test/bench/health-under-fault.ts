/**
 * Health latency while the API is fuzzed: on PGlite and on PostgreSQL, `GET /api/health` is timed
 * every 20 ms, first with the server idle (the baseline, same run), then while CAUSEWAY_FUZZ_RUNS
 * hostile requests per database (default 5,000, so 10,000 in all) are sent two at a time: graph saves
 * from nearly valid to hostile, and hostile bodies and parameters for every operation of the API.
 * The fuzz client (and its health sampler) is a process of its own, so the times are the server's.
 * Prints answers by status, every 5xx, and health p50/p99 idle and under fuzz. Target (issue 16):
 * 0 × 5xx and health p99 ≤ 100 ms under fuzz.
 *
 * Run: npx tsx test/bench/health-under-fault.ts
 */

import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type FuzzReport, quantile } from '../../server/src/faults/fuzz-api';
import { fuzzServer } from '../../server/src/faults/fuzz-server';

const client = fileURLToPath(new URL('../../server/src/faults/fuzz-client.test-helper.ts', import.meta.url));

const numRuns = Number(process.env.CAUSEWAY_FUZZ_RUNS ?? 5_000);
const seed = Number(process.env.CAUSEWAY_FUZZ_SEED ?? 16);
const targetMs = 100;

async function idleHealth(baseUrl: string, samples: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
    ms.push(performance.now() - start);
    await sleep(20);
  }
  return ms;
}

const format = (ms: number[]) => `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms (${ms.length} samples)`;

let serverErrors = 0;
let worstP99 = 0;
for (const kind of ['pglite', 'postgres'] as const) {
  const target = await fuzzServer(kind);
  try {
    const idle = await idleHealth(target.baseUrl, 200);
    const started = performance.now();
    const { baseUrl, token, operations, types, graphId } = target;
    const env = { ...process.env, CAUSEWAY_FUZZ_TARGET: JSON.stringify({ baseUrl, token, operations, types, graphId, numRuns, seed }) };
    const { stdout } = await promisify(execFile)('npx', ['tsx', client], { env, maxBuffer: 2 ** 28 });
    const report = JSON.parse(stdout) as FuzzReport;
    const seconds = (performance.now() - started) / 1000;
    serverErrors += report.serverErrors.length;
    worstP99 = Math.max(worstP99, quantile(report.healthMs, 0.99));
    console.log(
      `\n${kind}: ${report.cases} requests in ${seconds.toFixed(0)} s over ${target.operations.length} operations (seed ${seed})`,
    );
    console.log(`  answers by status: ${JSON.stringify(report.statuses)}`);
    console.log(`  5xx: ${report.serverErrors.length}`);
    for (const error of report.serverErrors.slice(0, 5))
      console.log(`    ${error.status} ${error.request.method} ${error.request.path}: ${error.answer}`);
    for (const slow of report.slowest)
      console.log(`  slow: ${slow.ms} ms ${slow.status} ${slow.method} ${slow.path} (body ${slow.bodyChars} chars)`);
    console.log(`  health idle (baseline): ${format(idle)}`);
    console.log(`  health under fuzz:      ${format(report.healthMs)}; not 200: ${report.healthFailures.length}`);
    console.log(`  p99 ratio under fuzz / idle: ${(quantile(report.healthMs, 0.99) / quantile(idle, 0.99)).toFixed(1)}×`);
  } finally {
    await target.close();
  }
}
console.log(`\n5xx in all: ${serverErrors}; worst health p99 under fuzz ${worstP99.toFixed(1)} ms (target ≤ ${targetMs} ms)`);
if (serverErrors > 0) process.exitCode = 1;
