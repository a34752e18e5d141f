import type { RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { runAnswer, savedVersionAnswer } from '../api/answers.test-helper';
import { ApiClient } from '../api/api-client';
import { graphEdits } from '../canvas/graph-edits';
import { testStore } from '../canvas/test-nodes.test-helper';
import { ServerRuns } from './server-runs';

/** A server that saves versions, queues run 7 and streams its events; it records every call. */
function fakeServer(events: RunEvent[]) {
  const calls: string[] = [];
  let version = 1;
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const path = new URL(url).pathname;
    calls.push(`${init?.method ?? 'GET'} ${path}`);
    if (path === '/api/graphs/g/versions') return Response.json(savedVersionAnswer({ graphId: 'g', version: ++version }), { status: 201 });
    if (path === '/api/runs') return Response.json(runAnswer({ id: 7, version, status: 'queued' }), { status: 201 });
    if (path === '/api/runs/7/cancel') return Response.json(runAnswer({ id: 7, version, status: 'running' }), { status: 202 });
    if (path === '/api/runs/7/events') {
      const text = events.map((e, i) => `id: ${i + 1}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
      return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
    }
    return Response.json({ code: 'NOT_FOUND', message: `No route ${path}`, details: {} }, { status: 404 });
  };
  return { calls, fetchImpl };
}

const events: RunEvent[] = [
  { type: 'run:start', runId: 7, at: 0, nodes: ['load', 'pick'] },
  { type: 'node:start', runId: 7, nodeId: 'load', at: 1 },
  { type: 'node:done', runId: 7, nodeId: 'load', at: 4, durationMs: 3, cached: true, outputs: {} },
  { type: 'node:error', runId: 7, nodeId: 'pick', at: 5, durationMs: 1, error: { code: 'NODE_FAILED', message: 'no column b' } },
  { type: 'run:done', runId: 7, at: 6, status: 'failed', durationMs: 6 },
];

describe('ServerRuns', () => {
  it('saves a changed graph before running it, runs an unchanged one as it is, and shows the badges', async () => {
    const server = fakeServer(events);
    const store = testStore();
    const runs = new ServerRuns(new ApiClient('http://x', 'tok', server.fetchImpl), store, true);
    runs.markSaved(store.getState().graph, 1);
    await runs.run();
    expect(server.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/runs']);
    const badges = store.getState().run.badges;
    expect(badges.get('load')).toMatchObject({ state: 'done', cached: true });
    expect(badges.get('pick')).toMatchObject({ state: 'failed', message: 'no column b' });
    expect(store.getState().run.status).toBe('failed');
    expect(runs.previews?.runId).toBe(7);

    store.commit(graphEdits.setConfig(store.getState().graph, 'pick', { column: 'a' }));
    await runs.run();
    expect(server.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/runs', 'POST /api/graphs/g/versions', 'POST /api/runs']);
    await runs.cancel();
    expect(server.calls.at(-1)).toBe('POST /api/runs/7/cancel');
  });

  it('refuses to run changes a role cannot save, before calling the server', async () => {
    const server = fakeServer(events);
    const store = testStore();
    const runs = new ServerRuns(new ApiClient('http://x', 'tok', server.fetchImpl), store, false);
    await expect(runs.run()).rejects.toThrow(/cannot save the changes/);
    expect(server.calls).toEqual([]);
  });
});
