import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RunBus } from './run-bus';
import { RunEventWriter } from './run-event-writer';
import { RunQueue } from './run-queue';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

type RunView = { status: string; error: { code: string; message: string } | null; nodes: Array<{ nodeId: string; status: string }> };

describe.each(['pglite', 'postgres'] as const)('run events on %s', (kind) => {
  let t: RunsTestApp;

  beforeAll(async () => {
    t = await runsTestApp(kind, { threads: 1, runsPerThread: 8 });
    await mkdir(join(t.dataDir, 'files'), { recursive: true });
    // A NUL in a header, a cell and a text column; a lone surrogate in another header.
    await writeFile(join(t.dataDir, 'files', 'nul.csv'), 'na\u0000me,\ud800x,n\nb\u0000ob,1,2\n');
    for (const graph of [
      testGraph('nul', [{ id: 'load', type: 'source.csv', config: { file: 'nul.csv' } }]),
      testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 300 } }]),
    ]) {
      expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
    }
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  const start = async (graphId: string) => ((await (await t.call('POST', '/api/runs', { graphId })).json()) as { id: number }).id;
  const view = async (id: number) => (await (await t.call('GET', `/api/runs/${id}`)).json()) as RunView;
  const settled = async (id: number) => {
    await expect.poll(async () => (await view(id)).status, { timeout: 30_000, interval: 100 }).toMatch(/succeeded|failed|invalid/);
    return view(id);
  };

  test('a NUL or lone surrogate in a file is stored as a stand-in and harms no other run', { timeout: 60_000 }, async () => {
    const innocent = await Promise.all([start('slow'), start('slow'), start('slow')]);
    const nul = await start('nul');
    innocent.push(await start('slow'), await start('slow'));
    for (const id of innocent) expect((await settled(id)).status).toBe('succeeded');
    expect(await settled(nul)).toMatchObject({ status: 'succeeded', nodes: [{ nodeId: 'load', status: 'done' }] });
    const events = await readEvents(await t.call('GET', `/api/runs/${nul}/events`));
    const text = JSON.stringify(events);
    expect(text).toContain('na\u2400me');
    expect(text).not.toContain('\\u0000');
    const preview = await t.call('GET', `/api/runs/${nul}`);
    expect(await preview.text()).toContain('\ufffdx');
    expect(t.logger.lines.some((line) => line.includes('run events lost'))).toBe(false);
  });

  test('records the database refuses fail only their own run, with the reason', { timeout: 60_000 }, async () => {
    // Claim two runs directly, then report a timestamp PostgreSQL cannot store for one of them.
    const ids = [await start('slow'), await start('slow')];
    await t.runtime.stop();
    const queue = new RunQueue(t.handle.db, 'writer-test');
    const claimed = await queue.claim(10);
    const [good, bad] = ids.map((id) => claimed.find((c) => c.id === id));
    if (good === undefined || bad === undefined) throw new Error(`runs ${ids.join(', ')} were not claimed`);
    const refused: number[] = [];
    const writer = new RunEventWriter(queue, new RunBus(), t.logger, (runId) => refused.push(runId));
    const event = (run: typeof good, seq: number, at: number) =>
      writer.event({
        runId: run.id,
        attempt: run.attempt,
        seq: run.lastSeq + seq,
        type: 'node:log',
        nodeId: 'wait',
        data: { type: 'node:log' },
        at,
      });
    event(good, 1, Date.now());
    event(bad, 1, 1e20);
    event(good, 2, Date.now());
    await Promise.all([
      writer.finish({ runId: good.id, attempt: good.attempt, status: 'succeeded', durationMs: 5, error: null }),
      writer.finish({ runId: bad.id, attempt: bad.attempt, status: 'succeeded', durationMs: 5, error: null }),
    ]);
    expect(refused).toEqual([bad.id]);
    expect((await view(good.id)).status).toBe('succeeded');
    const failed = await view(bad.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('RUN_EVENTS_REFUSED');
    expect(failed.error?.message).toMatch(/out of range/);
    const stored = await t.handle.db
      .selectFrom('run_events')
      .select('seq')
      .where('run_id', '=', good.id)
      .where('seq', '>', good.lastSeq)
      .execute();
    expect(stored.map((e) => e.seq)).toEqual([good.lastSeq + 1, good.lastSeq + 2]);
  });

  test('a batch written again after its answer was lost does not fail the run', { timeout: 60_000 }, async () => {
    // A database killed between commit and answer: the writer retries a batch that is already stored.
    const id = await start('slow');
    await t.runtime.stop();
    const queue = new RunQueue(t.handle.db, 'retry-test');
    const run = (await queue.claim(10)).find((c) => c.id === id);
    if (run === undefined) throw new Error(`run ${id} was not claimed`);
    const event = {
      runId: run.id,
      attempt: run.attempt,
      seq: run.lastSeq + 1,
      type: 'node:log',
      nodeId: 'wait',
      data: { type: 'node:log' },
      at: Date.now(),
    };
    await queue.flush({ events: [event], nodes: [], finishes: [] });
    const refused: number[] = [];
    const writer = new RunEventWriter(queue, new RunBus(), t.logger, (runId) => refused.push(runId));
    writer.event(event);
    await writer.finish({ runId: run.id, attempt: run.attempt, status: 'succeeded', durationMs: 5, error: null });
    expect(refused).toEqual([]);
    expect((await view(id)).status).toBe('succeeded');
    const stored = await t.handle.db
      .selectFrom('run_events')
      .select('seq')
      .where('run_id', '=', id)
      .where('seq', '>', run.lastSeq)
      .execute();
    expect(stored.map((e) => e.seq)).toEqual([run.lastSeq + 1]);
  });
});
