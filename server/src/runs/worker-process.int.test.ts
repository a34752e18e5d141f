import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph, testNodesModule } from './runs-test-app';

// From the sources: the test's node types (CAUSEWAY_REGISTRY_MODULE) are TypeScript, which the built CLI does not load.
const cli = fileURLToPath(new URL('../test-support/cli-from-sources.ts', import.meta.url));
let t: RunsTestApp;
const secretKey = randomBytes(32).toString('hex');
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      CAUSEWAY_DATA_DIR: t.dataDir,
      CAUSEWAY_SECRET_KEY: secretKey,
      CAUSEWAY_REGISTRY_MODULE: testNodesModule,
      CAUSEWAY_WORKER_THREADS: '1',
      CAUSEWAY_HEARTBEAT_MS: '200',
      CAUSEWAY_RUN_POLL_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

beforeAll(async () => {
  // The API and the sweeper here; runs execute only in `causeway worker` processes.
  t = await runsTestApp('postgres', { sweepMs: 250, staleMs: 1_500 }, false);
  const response = await t.call('POST', '/api/graphs', {
    graph: testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 3_000 } }]),
  });
  expect(response.status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await t?.close();
}, 60_000);

const start = async () => ((await (await t.call('POST', '/api/runs', { graphId: 'slow' })).json()) as { id: number }).id;
const eventsUntil = async (id: number, after: number, type: string) =>
  readEvents(await t.call('GET', `/api/runs/${id}/events`, undefined, { 'last-event-id': String(after) }), (e) => e.event === type);
const runOf = async (id: number) => (await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string; attempts: number };

test('a worker killed with SIGKILL mid-run: the run is re-queued when its lease runs out and another worker finishes it', {
  timeout: 120_000,
}, async () => {
  const first = startWorker();
  const id = await start();
  const started = await eventsUntil(id, 0, 'node:start');
  first.kill('SIGKILL');
  await exited(first);
  // The reason says the lease ran out (how soon is the lease setting's business, not a clock in this test).
  const requeued = await eventsUntil(id, started.at(-1)?.id ?? 0, 'run:requeued');
  expect(requeued.at(-1)?.data).toMatchObject({ reason: 'worker lost', attempts: 1 });
  expect(await runOf(id)).toMatchObject({ status: 'queued', attempts: 1 });

  const second = startWorker();
  const rest = await eventsUntil(id, requeued.at(-1)?.id ?? 0, 'run:done');
  expect(rest.at(-1)?.data.status).toBe('succeeded');
  expect(await runOf(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  second.kill('SIGTERM');
  expect(await exited(second)).toBe(0);
});

test('SIGTERM releases in-flight runs at once, without using up an attempt', { timeout: 120_000 }, async () => {
  const worker = startWorker();
  const id = await start();
  const started = await eventsUntil(id, 0, 'node:start');
  worker.kill('SIGTERM');
  const released = await eventsUntil(id, started.at(-1)?.id ?? 0, 'run:requeued');
  // "worker stopped", not "worker lost": the worker released the run itself instead of waiting for its lease to run out.
  expect(released.at(-1)?.data).toMatchObject({ reason: 'worker stopped' });
  expect(await exited(worker)).toBe(0);
  expect(await runOf(id)).toMatchObject({ status: 'queued', attempts: 0 });
});
