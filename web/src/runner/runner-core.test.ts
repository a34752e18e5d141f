import { fileSink } from '@causeway/nodes';
import { defineNode, type Graph, graphFormat, NodeRegistry, port, type RunEvent } from '@causeway/sdk';
import { memoryFiles } from '@causeway/sdk/testkit';
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RunnerCore } from './runner-core';

const numbers = defineNode({
  type: 'test.numbers',
  version: 1,
  category: 'source',
  title: 'Numbers',
  description: '0 … n-1 and their parity.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({ n: z.number().int().min(0) }),
  run: ({ config }) => {
    const x = Float64Array.from({ length: config.n }, (_, i) => i);
    const parity = Array.from({ length: config.n }, (_, i) => (i % 2 === 0 ? 'even' : 'odd'));
    return { table: tableFromArrays({ x, parity }) };
  },
});

const count = defineNode({
  type: 'test.count',
  version: 1,
  category: 'validate',
  title: 'Count',
  description: 'Counts rows.',
  inputs: { table: port.table() },
  outputs: { metrics: port.metrics() },
  config: z.object({}),
  run: ({ inputs }) => ({ metrics: { values: { rows: inputs.table.numRows } } }),
});

const graph: Graph = {
  format: graphFormat,
  id: 'g',
  name: 'g',
  nodes: [
    { id: 'src', type: 'test.numbers', version: 1, config: { n: 1000 }, position: [0, 0] },
    { id: 'count', type: 'test.count', version: 1, config: {}, position: [200, 0] },
  ],
  edges: [{ from: 'src.table', to: 'count.table' }],
};

describe('RunnerCore', () => {
  it('downloads a whole table output as CSV, and refuses a file of the wrong kind with the reason', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, count));
    await expect(core.download('src', 'table', 'csv')).rejects.toThrow(/no result yet/);
    await core.run({ graph }, () => undefined);
    const csv = new TextDecoder().decode(await core.download('src', 'table', 'csv'));
    expect(csv.split('\n').slice(0, 3)).toEqual(['x,parity', '0,even', '1,odd']);
    expect(csv.trimEnd().split('\n')).toHaveLength(1001);
    await expect(core.download('count', 'metrics', 'csv')).rejects.toThrow('"count.metrics" is not a table.');
    await expect(core.download('src', 'table', 'onnx')).rejects.toThrow('"src.table" is not a model.');
  });

  it('pins a table output as a test case that passes, and fails with a diff once the graph changes', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, count));
    const small: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'src' ? { ...n, config: { n: 4 } } : n)) };
    expect(() => core.pin('src', 'table')).toThrow(/no result yet/);
    await core.run({ graph: small }, () => undefined);
    const pinned = core.pin('src', 'table');
    expect(pinned).toMatchObject({ output: 'src.table', rows: 4, values: { columns: ['x', 'parity'] } });
    const tests = { format: 'causeway.tests/1' as const, cases: [{ name: 'pinned', expect: [pinned] }] };
    expect(await core.runTests(small, tests)).toMatchObject([{ name: 'pinned', status: 'passed', failures: [] }]);
    const changed: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'src' ? { ...n, config: { n: 3 } } : n)) };
    const [verdict] = await core.runTests(changed, tests);
    expect(verdict?.status).toBe('failed');
    expect(verdict?.failures.map((f) => f.message).join('\n')).toMatch(/4/);
  });

  it('runs a graph, streams events and serves table pages as Arrow IPC', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, count));
    const events: RunEvent[] = [];
    const { status } = await core.run({ graph }, (e) => events.push(e));
    expect(status).toBe('succeeded');
    expect(events.map((e) => e.type)).toContain('node:done');
    const page = await core.preview('src', 'table', 990, 50);
    if (page.kind !== 'table') throw new Error(`expected a table, got ${page.kind}`);
    expect(page.totalRows).toBe(1000);
    const rows = tableFromIPC(page.ipc);
    expect(rows.numRows).toBe(10);
    expect(rows.getChild('x')?.get(0)).toBe(990);
    expect(await core.preview('count', 'metrics', 0, 10)).toEqual({ kind: 'metrics', value: { values: { rows: 1000 } } });
  });

  it('profiles columns: nulls, distinct, histogram for numbers, top values for text', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, count));
    await core.run({ graph }, () => {});
    const [x, parity] = await core.profile('src', 'table');
    expect(x).toMatchObject({ name: 'x', type: 'number', rows: 1000, nulls: 0, distinct: 1000 });
    expect(x?.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parity?.top).toEqual([
      { value: 'even', count: 500 },
      { value: 'odd', count: 500 },
    ]);
  });

  it('runs up to a node and says when a port has no result yet', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, count));
    await core.run({ graph, targets: ['src'] }, () => {});
    expect((await core.preview('src', 'table', 0, 1)).kind).toBe('table');
    expect(await core.preview('count', 'metrics', 0, 1)).toMatchObject({ kind: 'missing' });
  });
});

describe('RunnerCore files', () => {
  const reader = defineNode({
    type: 'test.read',
    version: 1,
    category: 'source',
    title: 'Read',
    description: 'The text of a file.',
    inputs: {},
    outputs: { table: port.table() },
    config: z.object({ file: z.string() }),
    fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
    run: async ({ config, ctx }) => ({
      table: tableFromArrays({ text: [new TextDecoder().decode(await ctx.files.read(config.file, ctx.signal))] }),
    }),
  });
  const readGraph = (file: string): Graph => ({
    format: graphFormat,
    id: 'r',
    name: 'r',
    nodes: [{ id: 'read', type: 'test.read', version: 1, config: { file }, position: [0, 0] }],
    edges: [],
  });
  const textOf = async (core: RunnerCore, file: string) => {
    const events: RunEvent[] = [];
    const { status } = await core.run({ graph: readGraph(file) }, (e) => events.push(e));
    const preview = await core.preview('read', 'table', 0, 10);
    const text = preview.kind === 'table' ? tableFromIPC(preview.ipc).getChild('text')?.get(0) : undefined;
    const failure = events.find((e) => e.type === 'node:error');
    return { status, text, error: failure && 'error' in failure ? JSON.stringify(failure.error) : undefined };
  };

  it('reads a file dropped into the editor first, then the server’s uploaded files, and fails naming an unknown file', async () => {
    const core = new RunnerCore(new NodeRegistry().add(reader));
    core.readServerFiles(memoryFiles({ 'uploaded.csv': 'from the server', 'both.csv': 'server copy' }));
    core.putFile('both.csv', new TextEncoder().encode('dropped copy'));
    expect(await textOf(core, 'uploaded.csv')).toMatchObject({ status: 'succeeded', text: 'from the server' });
    expect(await textOf(core, 'both.csv')).toMatchObject({ status: 'succeeded', text: 'dropped copy' });
    const missing = await textOf(core, 'missing.csv');
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/missing\.csv/);
  });
});

describe('RunnerCore and files that runs write', () => {
  it('keeps what a sink.file node writes for the page to download, the last write of a path winning', async () => {
    const core = new RunnerCore(new NodeRegistry().add(numbers, fileSink));
    const writes = (n: number): Graph => ({
      ...graph,
      nodes: [
        { id: 'src', type: 'test.numbers', version: 1, config: { n }, position: [0, 0] },
        { id: 'save', type: 'sink.file', version: 1, config: { path: 'out/numbers.csv' }, position: [200, 0] },
      ],
      edges: [{ from: 'src.table', to: 'save.table' }],
    });
    expect(core.exportedFiles()).toEqual([]);
    expect(() => core.exportedFile('out/numbers.csv')).toThrow(/No run in this editor wrote "out\/numbers.csv"/);
    expect(await core.run({ graph: writes(3) }, () => {})).toEqual({ status: 'succeeded' });
    expect(await core.run({ graph: writes(2) }, () => {})).toEqual({ status: 'succeeded' });
    expect(core.exportedFiles()).toEqual(['out/numbers.csv']);
    expect(new TextDecoder().decode(core.exportedFile('out/numbers.csv'))).toBe('x,parity\n0,even\n1,odd\n');
    const preview = await core.preview('save', 'written', 0, 10);
    expect(preview).toMatchObject({ kind: 'value', value: { path: 'out/numbers.csv', format: 'csv', rows: 2 } });
  });
});
