import type { Graph, RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { runAnswer, savedVersionAnswer, versionAnswer } from '../api/answers.test-helper';
import { ApiClient } from '../api/api-client';
import { freeSpot } from '../canvas/free-spot';
import { testGraph, testStore } from '../canvas/test-nodes.test-helper';
import { readGraphText, writeGraphText } from '../graphs/graph-file';
import { type EditorCommandDeps, type EditorView, editorCommands, openServerRun, type RunWhere } from './editor-commands';
import type { Server } from './server-context';
import { ServerRuns } from './server-runs';

/** A server that keeps graph versions and one run (7), answering as the real routes do; it records every call. */
function fakeServer(versions: Map<number, unknown> = new Map([[2, testGraph()]]), diskFull = false) {
  const calls: string[] = [];
  let latest = Math.max(0, ...versions.keys());
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const path = new URL(url).pathname;
    calls.push(`${init?.method ?? 'GET'} ${path}`);
    const version = /^\/api\/graphs\/g\/versions\/(\d+)$/.exec(path)?.[1];
    if (version !== undefined) {
      const graph = versions.get(Number(version));
      if (graph === undefined) return Response.json({ code: 'NOT_FOUND', message: `No version ${version}.`, details: {} }, { status: 404 });
      return Response.json(versionAnswer({ graphId: 'g', version: Number(version), graph }));
    }
    if (path === '/api/graphs/g/versions' && init?.method === 'POST') {
      if (diskFull) return Response.json({ code: 'INTERNAL', message: 'The disk is full.', details: {} }, { status: 500 });
      versions.set(++latest, JSON.parse(String(init.body)).graph);
      return Response.json(savedVersionAnswer({ graphId: 'g', version: latest }), { status: 201 });
    }
    if (path === '/api/runs' && init?.method === 'POST')
      return Response.json(runAnswer({ id: 7, version: 2, status: 'queued' }), { status: 201 });
    if (path === '/api/runs/7') return Response.json({ ...runAnswer({ id: 7, version: 2 }), nodes: [] });
    if (path === '/api/runs/7/events') {
      const done = { type: 'run:done', runId: 7, at: 1, status: 'succeeded', durationMs: 1 };
      return new Response(`id: 1\nevent: run:done\ndata: ${JSON.stringify(done)}\n\n`, {
        headers: { 'content-type': 'text/event-stream' },
      });
    }
    if (path === '/api/runs/7/cancel') return Response.json(runAnswer({ id: 7, version: 2, status: 'running' }), { status: 202 });
    return Response.json({ code: 'NOT_FOUND', message: `No route ${path}.`, details: {} }, { status: 404 });
  };
  return { calls, fetchImpl };
}

/** A browser runner that answers a run with the events a real one sends, or refuses to start. */
function fakeRunner(refuse?: string) {
  const runs: Array<{ graph: Graph; targets?: string[] }> = [];
  let cancelled = 0;
  return {
    runs,
    cancelled: () => cancelled,
    run: async (request: { graph: Graph; targets?: string[] }, onEvent: (event: RunEvent) => void) => {
      if (refuse) throw new Error(refuse);
      runs.push(request);
      onEvent({ type: 'run:start', runId: 1, at: 0, nodes: request.graph.nodes.map((n) => n.id) });
      onEvent({ type: 'run:done', runId: 1, at: 1, status: 'succeeded', durationMs: 1 });
      return { status: 'succeeded' as const };
    },
    cancel: async () => void cancelled++,
    putFile: async () => undefined,
  };
}

/** The canvas as the layout reports it: an 800 × 600 view whose middle is (400, 300), and what it was asked to do. */
function fakeView() {
  const did: string[] = [];
  const downloads: Array<{ name: string; text: string }> = [];
  const view: EditorView = {
    fitSoon: () => did.push('fit'),
    canvasMiddle: () => [400, 300],
    windowMiddle: () => [500, 350],
    reveal: ([x, y]) => did.push(`reveal ${x},${y}`),
    sizes: () => new Map(),
    download: (name, text) => downloads.push({ name, text }),
  };
  return { view, did, downloads };
}

function setUp(
  options: {
    token?: boolean;
    actions?: string[];
    runWhere?: RunWhere;
    refuse?: string;
    versions?: Map<number, unknown>;
    diskFull?: boolean;
  } = {},
) {
  const store = testStore();
  const http = fakeServer(options.versions, options.diskFull);
  const api = new ApiClient('http://causeway.test', options.token === false ? undefined : 'tok', http.fetchImpl);
  const server: Server | undefined =
    options.token === false
      ? undefined
      : {
          api,
          me: { name: 'ana', role: 'analyst', actions: options.actions ?? ['graphs:write', 'runs:write'] },
          runs: new ServerRuns(api, store, true),
        };
  const runner = fakeRunner(options.refuse);
  const canvas = fakeView();
  const deps: EditorCommandDeps = { store, runner, api, server, runWhere: options.runWhere ?? 'browser', view: canvas.view };
  return { store, http, server, runner, ...canvas, commands: editorCommands(deps) };
}

describe('run and cancel', () => {
  it('runs the graph in the browser, or up to the selected nodes, and shows the run on the canvas', async () => {
    const { commands, runner, store } = setUp();
    await commands.run();
    await commands.run(['pick']);
    expect(runner.runs.map((r) => r.targets)).toEqual([undefined, ['pick']]);
    expect(runner.runs[0]?.graph).toBe(store.getState().graph);
    expect(store.getState().run.status).toBe('succeeded');
  });

  it('says why a run could not start instead of throwing', async () => {
    const { commands, store } = setUp({ refuse: 'the worker did not load' });
    await commands.run();
    expect(store.getState().notice).toBe('The run could not start: the worker did not load');
  });

  it('runs on the server when chosen and allowed, but only the whole graph', async () => {
    const { commands, http, store, runner } = setUp({ runWhere: 'server' });
    await commands.run(['pick']);
    expect(store.getState().notice).toMatch(/Server runs run the whole graph/);
    expect(http.calls).toEqual([]);
    await commands.run();
    expect(http.calls.filter((c) => c.startsWith('POST'))).toContain('POST /api/runs');
    expect(runner.runs).toEqual([]);
    commands.cancel();
    await expect.poll(() => http.calls.at(-1)).toBe('POST /api/runs/7/cancel');
  });

  it('runs in the browser when the role may not run on the server', async () => {
    const { commands, http, runner } = setUp({ runWhere: 'server', actions: ['graphs:write'] });
    await commands.run();
    expect(runner.runs).toHaveLength(1);
    expect(http.calls).toEqual([]);
    commands.cancel();
    expect(runner.cancelled()).toBe(1);
  });
});

describe('save, export and import', () => {
  it('saves a version on the server and says which', async () => {
    const { commands, http, store } = setUp();
    await commands.save();
    expect(http.calls).toEqual(['POST /api/graphs/g/versions']);
    expect(store.getState().notice).toBe('Saved version 3.');
  });

  it('says why a save failed', async () => {
    const { commands, store } = setUp({ diskFull: true });
    await commands.save();
    expect(store.getState().notice).toBe('Not saved: The disk is full.');
  });

  it('without a token, save downloads the graph as a file that reads back as the same graph', async () => {
    const { commands, downloads, store } = setUp({ token: false });
    await commands.save();
    commands.exportFile();
    expect(downloads).toHaveLength(2);
    expect(downloads[0]?.name).toMatch(/\.json$/);
    const read = readGraphText(downloads[0]?.text ?? '');
    expect(read.ok && read.value).toEqual(store.getState().graph);
  });

  it('imports a graph file and fits it in view; refuses a file that is not a graph, keeping the canvas', async () => {
    const { commands, store, did } = setUp();
    const other = { ...testGraph(), id: 'other', name: 'Other' };
    await commands.importFile({ name: 'other.json', text: async () => writeGraphText(other) });
    expect(store.getState().graph.id).toBe('other');
    expect(store.getState().notice).toBe('Imported other.json.');
    expect(did).toEqual(['fit']);
    await commands.importFile({ name: 'notes.txt', text: async () => 'hello' });
    expect(store.getState().notice).toMatch(/^“notes\.txt” is not a Causeway graph: /);
    expect(store.getState().graph.id).toBe('other');
  });
});

describe('open and restore', () => {
  it('opening a version of the same graph is an edit that undo takes back; another graph starts afresh', () => {
    const { commands, store } = setUp();
    const moved = { ...testGraph(), nodes: testGraph().nodes.map((n) => ({ ...n, position: [n.position[0], 500] as [number, number] })) };
    commands.openGraph(moved, 'Opened version 2', 2);
    expect(store.getState().graph.nodes[0]?.position).toEqual([0, 500]);
    store.undo();
    expect(store.getState().graph.nodes[0]?.position).toEqual([0, 0]);
    commands.openGraph({ ...testGraph(), id: 'elsewhere' }, 'Opened elsewhere', undefined);
    expect(store.getState().graph.id).toBe('elsewhere');
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().notice).toBe('Opened elsewhere');
  });

  it('restores a stored version, leaving the comparison first; a missing one is a note and the comparison stays', async () => {
    const changed = { ...testGraph(), name: 'Version two' };
    const { commands, store } = setUp({ versions: new Map([[2, changed]]) });
    const left: string[] = [];
    await commands.restoreVersion('g', 2, () => left.push(store.getState().graph.name));
    expect(left).toEqual(['Test']);
    expect(store.getState().graph.name).toBe('Version two');
    expect(store.getState().notice).toBe('Restored version 2');
    await commands.restoreVersion('g', 9, () => left.push('again'));
    expect(left).toHaveLength(1);
    expect(store.getState().notice).toBe('Not restored: No version 9.');
  });

  it('opens a server run with its graph version; a run that cannot be read is a note', async () => {
    const { store, server } = setUp({ versions: new Map([[2, { ...testGraph(), name: 'Run graph' }]]) });
    await openServerRun(store, server as Server, 7);
    expect(store.getState().graph.name).toBe('Run graph');
    expect(store.getState().notice).toBe('Showing server run #7 of g v2.');
    await openServerRun(store, server as Server, 9);
    expect(store.getState().notice).toBe('Run #9 cannot be opened: No route /api/runs/9.');
  });
});

describe('place and lay out', () => {
  it('places a new node right of the single selected node, fed from it, and reveals it', () => {
    const { commands, store, did } = setUp();
    store.select(['pick']);
    const { nodes } = store.getState().graph;
    const id = commands.placeNew('test.keep') as string;
    const [x, y] = freeSpot([240 + 300, 0], nodes, new Map());
    expect(store.getState().graph.nodes.find((n) => n.id === id)?.position).toEqual([x, y]);
    expect(store.getState().graph.edges).toContainEqual({ from: 'pick.table', to: `${id}.table` });
    expect(did).toEqual([`reveal ${x},${y}`]);
  });

  it('places a new node centred in the canvas when nothing is selected, clear of the cards there', () => {
    const { commands, store } = setUp();
    const first = commands.placeNew('test.source') as string;
    const second = commands.placeNew('test.source') as string;
    const at = (id: string) => store.getState().graph.nodes.find((n) => n.id === id)?.position;
    expect(at(first)).toEqual([290, 260]);
    expect(at(second)).not.toEqual(at(first));
  });

  it('lays the graph out and fits it; adds a note in the middle of the window', async () => {
    const { commands, store, did } = setUp();
    const before = store.getState().graph.nodes.map((n) => n.position);
    await commands.layout();
    expect(store.getState().graph.nodes.map((n) => n.position)).not.toEqual(before);
    expect(did).toEqual(['fit']);
    commands.addNote();
    expect(store.getState().graph.notes?.at(-1)?.position).toEqual([500, 350]);
  });
});
