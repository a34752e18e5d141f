import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { NodeRegistry } from '../node/registry';
import { port } from '../ports/port';
import type { RunEvent } from './events';
import { runGraph } from './run-graph';
import { graph, recordingRegistry, started } from './test-nodes';

const sum = (id: string, add: number) => ({ id, type: 'test.sum', config: { add } });

describe('runGraph', () => {
  it('runs a chain in order and returns every output', async () => {
    const { registry, trace } = recordingRegistry();
    const g = graph([sum('c', 100), sum('a', 1), sum('b', 10)], ['a.out -> b.in', 'b.out -> c.in']);
    const result = await runGraph(g, { registry, runId: 1 });
    expect(result.status).toBe('succeeded');
    expect(result.runId).toBe(1);
    expect(started(trace)).toEqual(['a', 'b', 'c']);
    expect(result.outputs.get('c')).toEqual({ out: 111 });
    expect(Object.values(result.nodes).map((n) => n.status)).toEqual(['done', 'done', 'done']);
    expect(result.errors).toEqual([]);
  });

  it('gives a multiple port an array in edge order and an open optional port undefined', async () => {
    const seen: unknown[] = [];
    const join = defineNode({
      type: 'test.join',
      version: 1,
      category: 'transform',
      title: 'Join',
      description: 'Records its inputs.',
      inputs: { parts: port.value(z.number(), { multiple: true }), extra: port.value(z.number(), { optional: true }) },
      outputs: { out: port.value(z.array(z.number())) },
      config: z.object({}),
      run: ({ inputs }) => {
        seen.push(inputs);
        return { out: inputs.parts };
      },
    });
    const { registry } = recordingRegistry();
    registry.add(join);
    const g = graph(
      [sum('x', 1), sum('y', 2), sum('z', 3), { id: 'j', type: 'test.join' }],
      ['z.out -> j.parts', 'x.out -> j.parts', 'y.out -> j.parts'],
    );
    const result = await runGraph(g, { registry });
    expect(result.outputs.get('j')).toEqual({ out: [3, 1, 2] });
    expect(seen).toEqual([{ parts: [3, 1, 2], extra: undefined }]);
    expect(Object.hasOwn(seen[0] as object, 'extra')).toBe(true);
  });

  it('refuses an invalid graph: status invalid, issues, nothing runs, a run:done event', async () => {
    const { registry, trace } = recordingRegistry();
    const events: RunEvent[] = [];
    const g = graph([sum('a', 1), { id: 'b', type: 'test.nope' }, { id: 'c', type: 'test.sum', config: { add: 'x' } }]);
    const result = await runGraph(g, { registry, onEvent: (e) => events.push(e) });
    expect(result.status).toBe('invalid');
    expect(result.issues.map((i) => [i.code, i.nodeId])).toEqual([
      ['NODE_TYPE_UNKNOWN', 'b'],
      ['CONFIG_INVALID', 'c'],
    ]);
    expect(trace.events).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['run:done']);
    expect(events[0]).toMatchObject({ status: 'invalid', issues: result.issues });
    expect(result.nodes).toEqual({ a: { status: 'pending' }, b: { status: 'pending' }, c: { status: 'pending' } });
  });

  it('refuses a cycle', async () => {
    const { registry, trace } = recordingRegistry();
    const result = await runGraph(graph([sum('a', 1), sum('b', 1)], ['a.out -> b.in', 'b.out -> a.in']), { registry });
    expect(result.status).toBe('invalid');
    expect(result.issues.map((i) => i.code)).toContain('GRAPH_CYCLE');
    expect(trace.events).toEqual([]);
  });

  it('runs only the targets and their upstream, ignoring problems elsewhere', async () => {
    const { registry, trace } = recordingRegistry();
    const g = graph(
      [sum('a', 1), sum('b', 1), sum('c', 1), sum('d', 1), { id: 'broken', type: 'test.sum', config: { add: 'no' } }],
      ['a.out -> b.in', 'b.out -> c.in', 'a.out -> d.in', 'd.out -> broken.in'],
    );
    const result = await runGraph(g, { registry, targets: ['b'] });
    expect(result.status).toBe('succeeded');
    expect(started(trace).sort()).toEqual(['a', 'b']);
    expect(Object.keys(result.nodes).sort()).toEqual(['a', 'b']);
    const whole = await runGraph(g, { registry });
    expect(whole.status).toBe('invalid');
    const upToBroken = await runGraph(g, { registry, targets: ['broken'] });
    expect(upToBroken.issues.map((i) => i.nodeId)).toEqual(['broken']);
  });

  it('reports an unknown target', async () => {
    const { registry } = recordingRegistry();
    const result = await runGraph(graph([sum('a', 1)]), { registry, targets: ['a', 'zz'] });
    expect(result.status).toBe('invalid');
    expect(result.issues).toEqual([{ code: 'RUN_TARGET_UNKNOWN', path: ['targets', 1], message: expect.stringContaining('"zz"') }]);
  });

  it('emits run:start, node:start and node:done with durations and summaries, then run:done', async () => {
    const { registry } = recordingRegistry();
    const events: RunEvent[] = [];
    let clock = 1000;
    const now = () => (clock += 5);
    const result = await runGraph(graph([sum('a', 1), sum('b', 2)], ['a.out -> b.in']), {
      registry,
      runId: 1,
      now,
      onEvent: (e) => events.push(e),
    });
    expect(events.map((e) => ('nodeId' in e ? `${e.type} ${e.nodeId}` : e.type))).toEqual([
      'run:start',
      'node:start a',
      'node:done a',
      'node:start b',
      'node:done b',
      'run:done',
    ]);
    expect(events[0]).toMatchObject({ type: 'run:start', runId: 1, nodes: ['a', 'b'] });
    const doneB = events[4];
    expect(doneB).toMatchObject({ type: 'node:done', cached: false, outputs: { out: { kind: 'value', preview: '3' } } });
    expect(doneB?.type === 'node:done' && doneB.durationMs).toBe(result.nodes.b?.durationMs);
    expect(result.nodes.b?.durationMs).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'run:done', status: 'succeeded', durationMs: result.durationMs });
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  it('ignores a listener that throws', async () => {
    const { registry } = recordingRegistry();
    const result = await runGraph(graph([sum('a', 1)]), {
      registry,
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(result.status).toBe('succeeded');
  });

  it('runs independent branches concurrently, up to the limit', async () => {
    const { registry, trace } = recordingRegistry();
    const nodes = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, type: 'test.sum', config: { add: i, yields: 3 } }));
    await runGraph(graph(nodes), { registry, concurrency: 3 });
    expect(trace.maxRunning).toBe(3);
    trace.maxRunning = 0;
    await runGraph(graph(nodes), { registry });
    expect(trace.maxRunning).toBe(4);
    trace.maxRunning = 0;
    await runGraph(graph(nodes), { registry, concurrency: 1 });
    expect(trace.maxRunning).toBe(1);
  });

  it('gives run a migrated, parsed config', async () => {
    const seen: unknown[] = [];
    const base = { category: 'transform', title: 'M', description: 'm', inputs: {}, outputs: { out: port.value(z.number()) } } as const;
    const v2 = defineNode({
      ...base,
      type: 'test.migrated',
      version: 2,
      config: z.object({ amount: z.number(), unit: z.string().default('kg') }),
      migrate: (config) => ({ amount: (config as { n: number }).n }),
      run: ({ config }) => {
        seen.push(config);
        return { out: config.amount };
      },
    });
    const registry = new NodeRegistry().add(v2);
    const result = await runGraph(graph([{ id: 'm', type: 'test.migrated', version: 1, config: { n: 4 } }]), { registry });
    expect(result.status).toBe('succeeded');
    expect(seen).toEqual([{ amount: 4, unit: 'kg' }]);
  });

  it('succeeds at once on an empty graph', async () => {
    const { registry } = recordingRegistry();
    const result = await runGraph(graph([]), { registry });
    expect(result).toMatchObject({ status: 'succeeded', nodes: {}, errors: [], issues: [] });
  });

  it('refuses design-time schema errors only when asked to infer', async () => {
    const picky = defineNode({
      type: 'test.picky',
      version: 1,
      category: 'transform',
      title: 'P',
      description: 'Says at design time that its column does not exist.',
      inputs: {},
      outputs: { out: port.value(z.number()) },
      config: z.object({ column: z.string() }),
      infer: ({ config, issue }) => {
        issue(`No column "${config.column}".`, ['column']);
        return {};
      },
      run: () => ({ out: 1 }),
    });
    const registry = new NodeRegistry().add(picky);
    const g = graph([{ id: 'p', type: 'test.picky', config: { column: 'age' } }]);
    expect((await runGraph(g, { registry })).status).toBe('succeeded');
    const inferred = await runGraph(g, { registry, infer: true });
    expect(inferred.status).toBe('invalid');
    expect(inferred.issues).toMatchObject([{ code: 'SCHEMA_INVALID', nodeId: 'p', path: ['nodes', 0, 'config', 'column'] }]);
  });
});
