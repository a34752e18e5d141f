import { runEventSchema } from '@causeway/contract';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

type Run = { id: number; status: string; attempts: number; retryOf: number | null; error: { code: string; nodeId?: string } | null };
type RunDetail = Run & {
  nodes: Array<{
    nodeId: string;
    status: string;
    cached: boolean;
    durationMs: number | null;
    logs: unknown[];
    outputs: Record<string, Record<string, unknown>>;
  }>;
};

// The same suite on both databases the server supports.
describe.each(['pglite', 'postgres'] as const)('runs on %s', (kind) => {
  let t: RunsTestApp;

  const save = async (graph: ReturnType<typeof testGraph>) => {
    const response = await t.call('POST', '/api/graphs', { graph });
    expect(response.status).toBe(201);
  };
  const start = async (graphId: string): Promise<Run> => {
    const response = await t.call('POST', '/api/runs', { graphId });
    expect(response.status).toBe(201);
    return (await response.json()) as Run;
  };
  const events = (id: number, headers: Record<string, string> = {}, until?: Parameters<typeof readEvents>[1]) =>
    t.call('GET', `/api/runs/${id}/events`, undefined, headers).then((r) => readEvents(r, until));
  const detail = async (id: number) => (await (await t.call('GET', `/api/runs/${id}`)).json()) as RunDetail;

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    await save(
      testGraph(
        'table',
        [
          {
            id: 'load',
            type: 'source.inline',
            config: {
              columns: [
                { name: 'n', type: 'integer' },
                { name: 's', type: 'string' },
              ],
              rows: [
                [1, 'a'],
                [2, 'b'],
                [3, 'c'],
              ],
            },
          },
          { id: 'pick', type: 'transform.select', config: { columns: [{ name: 'n' }] } },
        ],
        ['load.table -> pick.table'],
      ),
    );
    await save(
      testGraph(
        'fails',
        [
          { id: 'one', type: 'test.constant', config: { value: 1 } },
          { id: 'bad', type: 'test.fail' },
        ],
        ['one.out -> bad.in'],
      ),
    );
    await save(testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 30_000 } }]));
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  test('a run goes through the queue: events in order, node runs, previewable table outputs', { timeout: 60_000 }, async () => {
    const run = await start('table');
    expect(run.status).toBe('queued');
    const stream = await events(run.id);
    expect(stream.map((e) => e.id)).toEqual(stream.map((_, i) => i + 1));
    const types = stream.map((e) => `${e.event}${'nodeId' in e.data ? ` ${String(e.data.nodeId)}` : ''}`);
    expect(types).toEqual(['run:start', 'node:start load', 'node:done load', 'node:start pick', 'node:done pick', 'run:done']);
    expect(stream.at(-1)?.data.status).toBe('succeeded');

    const got = await detail(run.id);
    expect(got.status).toBe('succeeded');
    expect(got.attempts).toBe(1);
    expect(got.nodes.map((n) => [n.nodeId, n.status, n.cached])).toEqual([
      ['load', 'done', false],
      ['pick', 'done', false],
    ]);
    const out = got.nodes[1]?.outputs.table;
    expect(out).toMatchObject({ kind: 'table', rows: 3, artifact: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const page = await t.call('GET', `/api/runs/${run.id}/outputs/pick/table?offset=1&limit=5`);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ offset: 1, total: 3, rows: [{ n: 2 }, { n: 3 }] });
    const arrow = await t.call('GET', `/api/runs/${run.id}/outputs/load/table?limit=2`, undefined, {
      accept: 'application/vnd.apache.arrow.stream',
    });
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.numRows).toBe(2);
    expect(table.getChild('s')?.toArray()).toEqual(['a', 'b']);
    expect((await t.call('GET', `/api/runs/${run.id}/outputs/pick/nope`)).status).toBe(404);
  });

  test('SSE resumes after Last-Event-ID (header or query) with exactly the later events', { timeout: 60_000 }, async () => {
    const run = await start('table');
    const all = await events(run.id);
    // Events name their run by the number the REST API uses, not its text.
    expect(all.map((e) => (e.data as { runId?: unknown }).runId)).toEqual(all.map(() => run.id));
    // Every event is the shape the editor checks it against.
    for (const event of all) expect(runEventSchema.safeParse(event.data).error?.issues ?? [], event.event).toEqual([]);
    const resumed = await events(run.id, { 'last-event-id': '3' });
    expect(resumed.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));
    expect(resumed.map((e) => e.data)).toEqual(all.slice(3).map((e) => e.data));
    const byQuery = await t.call('GET', `/api/runs/${run.id}/events?lastEventId=5`).then((r) => readEvents(r));
    expect(byQuery.map((e) => e.event)).toEqual(['run:done']);
    const past = await events(run.id, { 'last-event-id': String(all.length) });
    expect(past).toEqual([]);
  });

  test('a node that throws fails the run with its node id; retry queues a new run of the same version', { timeout: 60_000 }, async () => {
    const run = await start('fails');
    const stream = await events(run.id);
    for (const event of stream) expect(runEventSchema.safeParse(event.data).error?.issues ?? [], event.event).toEqual([]);
    expect(stream.find((e) => e.event === 'node:error')?.data).toMatchObject({ nodeId: 'bad', error: { code: 'NODE_FAILED' } });
    const got = await detail(run.id);
    expect(got.status).toBe('failed');
    expect(got.error).toMatchObject({ code: 'NODE_FAILED', nodeId: 'bad' });
    expect(got.nodes.find((n) => n.nodeId === 'one')?.status).toBe('done');

    const retried = await t.call('POST', `/api/runs/${run.id}/retry`);
    expect(retried.status).toBe(201);
    const again = (await retried.json()) as Run;
    expect(again.retryOf).toBe(run.id);
    expect(again.id).toBeGreaterThan(run.id);
    await events(again.id);
    const list = (await (await t.call('GET', '/api/runs?graphId=fails&status=failed')).json()) as { items: Run[]; total: number };
    expect(list.items.map((r) => r.id)).toEqual([again.id, run.id]);
    expect(list.total).toBe(2);
  });

  test('cancel stops a running run; cancelling a finished run is a conflict', { timeout: 60_000 }, async () => {
    const run = await start('slow');
    const started = await events(run.id, {}, (e) => e.event === 'node:start');
    expect(started.at(-1)?.event).toBe('node:start');
    const cancelled = await t.call('POST', `/api/runs/${run.id}/cancel`);
    expect(cancelled.status).toBe(202);
    const rest = await events(run.id, { 'last-event-id': String(started.at(-1)?.id) });
    expect(rest.at(-1)?.data.status).toBe('cancelled');
    expect((await detail(run.id)).status).toBe('cancelled');
    const again = await t.call('POST', `/api/runs/${run.id}/cancel`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('CONFLICT');
  });

  test('a graph with runs cannot be deleted: its run history stays', { timeout: 60_000 }, async () => {
    await start('table');
    const response = await t.call('DELETE', '/api/graphs/table');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('CONFLICT');
    expect((await t.call('GET', '/api/graphs/table')).status).toBe(200);
  });

  test('unknown graphs, versions and runs are 404; bad ids are 400', async () => {
    expect((await t.call('POST', '/api/runs', { graphId: 'nope' })).status).toBe(404);
    expect((await t.call('POST', '/api/runs', { graphId: 'table', version: 9 })).status).toBe(404);
    expect((await t.call('GET', '/api/runs/999999')).status).toBe(404);
    expect((await t.call('GET', '/api/runs/999999/events')).status).toBe(404);
    expect((await t.call('GET', '/api/runs/abc')).status).toBe(400);
  });
});
