import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp, testGraph } from './runs-test-app';

type RunView = { status: string; attempts: number; error: { code: string; message: string; nodeId?: string } | null };

let t: RunsTestApp;

beforeAll(async () => {
  // One thread carrying every run, so a thread's death meets all of them.
  t = await runsTestApp('pglite', { threads: 1, runsPerThread: 8 });
  for (const graph of [
    testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 1_500 } }]),
    testGraph('crash', [{ id: 'boom', type: 'test.fail', config: { mode: 'crash' } }]),
    testGraph('exit', [{ id: 'gone', type: 'test.fail', config: { mode: 'exit' } }]),
  ]) {
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }
}, 120_000);
afterAll(() => t?.close(), 60_000);

const start = async (graphId: string) => ((await (await t.call('POST', '/api/runs', { graphId })).json()) as { id: number }).id;
const view = async (id: number) => (await (await t.call('GET', `/api/runs/${id}`)).json()) as RunView;
async function settled(id: number): Promise<RunView> {
  await expect.poll(async () => (await view(id)).status, { timeout: 45_000, interval: 100 }).toMatch(/succeeded|failed|invalid/);
  return view(id);
}
/** Waits until the slow runs' nodes have started, so they share the thread with what comes next. */
async function running(ids: number[]) {
  for (const id of ids) await expect.poll(async () => (await view(id)).status, { timeout: 30_000, interval: 50 }).toBe('running');
}

test('a run that crashes its thread fails alone; the runs beside it are re-run without losing an attempt', {
  timeout: 90_000,
}, async () => {
  const innocent = [await start('slow'), await start('slow'), await start('slow')];
  await running(innocent);
  const crash = await start('crash');
  expect(await settled(crash)).toMatchObject({ status: 'failed', error: { code: 'NODE_FAILED', nodeId: 'boom' } });
  expect((await view(crash)).error?.message).toContain('boom outside the engine');
  for (const id of innocent) expect(await settled(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
});

test('when a thread dies with no known culprit, each run re-runs alone and only the guilty one fails', { timeout: 90_000 }, async () => {
  const innocent = [await start('slow'), await start('slow')];
  await running(innocent);
  const exit = await start('exit');
  expect(await settled(exit)).toMatchObject({ status: 'failed', error: { code: 'NODE_FAILED', nodeId: 'gone' } });
  expect((await view(exit)).error?.message).toContain('exited with code 3');
  for (const id of innocent) expect(await settled(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
});
