/**
 * Runs through the queue on PostgreSQL: trivial-graph runs (one `test.constant` node) completed per
 * second with one `causeway worker` process and with two (target ≥ 250 runs/s on 2 cores), and the
 * p50 / p99 time from "start run" (POST /api/runs) to the first server-sent event of that run.
 *
 * Run: npx tsx test/bench/runs.ts [runs per measurement, default 2000]; BENCH_THREADS=N sets threads per worker (default 2)
 * Needs PostgreSQL on 127.0.0.1:5432 (CAUSEWAY_TEST_POSTGRES_URL to change it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeRegistry } from '@causeway/sdk';
import { sql } from 'kysely';
import { createApp } from '../../server/src/app';
import { connectDatabase } from '../../server/src/db/connect';
import { migrate } from '../../server/src/db/migrate';
import { runSettings } from '../../server/src/runs/run-settings';
import { readEvents, testGraph, testNodesModule } from '../../server/src/runs/runs-test-app';
import { startRuns } from '../../server/src/runs/start-runs';
import { SecretCipher } from '../../server/src/secrets/secret-cipher';
import { memoryLogger } from '../../server/src/test-support/make-test-app';
import { scratchPostgresDatabase } from '../../server/src/test-support/scratch-postgres-database';

const total = Number(process.argv[2] ?? 2000);
// From the sources: the benchmark's node types (CAUSEWAY_REGISTRY_MODULE) are TypeScript, which the built CLI does not load.
const cli = fileURLToPath(new URL('../../server/src/test-support/cli-from-sources.ts', import.meta.url));
const scratch = await scratchPostgresDatabase();
const dataDir = await mkdtemp(join(tmpdir(), 'causeway-bench-runs-'));
const secretKey = randomBytes(32).toString('hex');
const handle = await connectDatabase({ kind: 'postgres', url: scratch.url });
await migrate(handle.db);
const logger = memoryLogger();
const cipher = new SecretCipher(Buffer.from(secretKey, 'hex'));
const runtime = await startRuns({
  db: handle.db,
  databaseUrl: scratch.url,
  dataDir,
  cipher,
  logger,
  settings: runSettings({}),
  workers: false,
});
const { app, services } = createApp({
  db: handle.db,
  registry: new NodeRegistry(),
  cipher,
  logger,
  bodyLimit: 1 << 20,
  corsOrigin: 'http://127.0.0.1:8787',
  runs: runtime.hub,
});
const token = (await services.tokens.create({ name: 'bench', role: 'analyst', createdBy: null })).token;
const call = async (method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
await call('POST', '/api/graphs', { graph: testGraph('trivial', [{ id: 'one', type: 'test.constant', config: { value: 1 } }]) });

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_SECRET_KEY: secretKey,
      CAUSEWAY_REGISTRY_MODULE: testNodesModule,
      CAUSEWAY_WORKER_THREADS: process.env.BENCH_THREADS ?? '2',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${text}`)));
  });
}

async function stop(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.once('exit', resolve);
          w.kill('SIGTERM');
        }),
    ),
  );
}

async function throughput(processes: number): Promise<number> {
  const workers = await Promise.all(Array.from({ length: processes }, startWorker));
  // The sweeper of the API side may hold a lock at this moment: retry the truncation on a deadlock.
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`truncate run_events, node_runs, runs cascade`.execute(handle.db);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
  const began = performance.now();
  // Start runs the way the API does (RunsRepository.enqueue), 16 at a time.
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < total) await runtime.hub.runs.enqueue({ graphId: 'trivial', createdBy: 'bench' });
    }),
  );
  for (;;) {
    const row = await sql<{ n: number }>`select count(*)::int as n from runs where status = 'succeeded'`.execute(handle.db);
    if ((row.rows[0]?.n ?? 0) >= total) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - began) / 1000;
  await stop(workers);
  return total / seconds;
}

async function firstEventLatency(samples: number): Promise<{ p50: number; p99: number }> {
  const workers = [await startWorker()];
  const times: number[] = [];
  for (let i = 0; i < samples + 10; i++) {
    const began = performance.now();
    const run = (await (await call('POST', '/api/runs', { graphId: 'trivial' })).json()) as { id: number };
    await readEvents(await call('GET', `/api/runs/${run.id}/events`), () => true);
    if (i >= 10) times.push(performance.now() - began);
  }
  await stop(workers);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

try {
  const one = await throughput(1);
  console.log(`1 worker process:  ${one.toFixed(0)} runs/s (${total} trivial runs, target ≥ 250)`);
  const two = await throughput(2);
  console.log(`2 worker processes: ${two.toFixed(0)} runs/s (${total} trivial runs, target ≥ 250)`);
  const latency = await firstEventLatency(300);
  console.log(`start run → first SSE event: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (300 runs, one at a time)`);
} finally {
  await runtime.stop();
  await handle.close();
  await scratch.drop();
  await rm(dataDir, { recursive: true, force: true });
}
