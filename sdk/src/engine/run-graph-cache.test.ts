import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FileStore, NodeContext } from '../node/context';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import type { RunEvent } from './events';
import { MemoryOutputCache } from './output-cache';
import { runGraph } from './run-graph';
import { graph, recordingRegistry, started } from './test-nodes';

const sum = (id: string, add: number) => ({ id, type: 'test.sum', config: { add } });
const diamond = (addB = 10) =>
  graph(
    [sum('a', 1), sum('b', addB), sum('c', 100), sum('d', 1000), sum('e', 5)],
    ['a.out -> b.in', 'a.out -> c.in', 'b.out -> d.in', 'c.out -> d.in'],
  );

describe('runGraph with a cache', () => {
  it('reuses every output on a second run and says so in node:done', async () => {
    const { registry, trace } = recordingRegistry();
    const cache = new MemoryOutputCache();
    const first = await runGraph(diamond(), { registry, cache });
    expect(started(trace)).toHaveLength(5);
    trace.events.length = 0;
    const events: RunEvent[] = [];
    const second = await runGraph(diamond(), { registry, cache, onEvent: (e) => events.push(e) });
    expect(trace.events).toEqual([]);
    expect(second.outputs).toEqual(first.outputs);
    expect(Object.values(second.nodes).every((n) => n.status === 'cached')).toBe(true);
    const done = events.filter((e) => e.type === 'node:done');
    expect(done).toHaveLength(5);
    expect(done.every((e) => e.type === 'node:done' && e.cached)).toBe(true);
  });

  it('re-runs only what is downstream of a config edit', async () => {
    const { registry, trace } = recordingRegistry();
    const cache = new MemoryOutputCache();
    await runGraph(diamond(), { registry, cache });
    trace.events.length = 0;
    const result = await runGraph(diamond(20), { registry, cache });
    expect(started(trace).sort()).toEqual(['b', 'd']);
    expect(result.nodes.a?.status).toBe('cached');
    expect(result.nodes.c?.status).toBe('cached');
    expect(result.outputs.get('d')).toEqual({ out: 1000 + 21 + 101 });
  });

  it('keys on config content, not key order or node ids', async () => {
    const { registry, trace } = recordingRegistry();
    const cache = new MemoryOutputCache();
    await runGraph(graph([{ id: 'x', type: 'test.sum', config: { add: 1, yields: 0 } }]), { registry, cache });
    trace.events.length = 0;
    await runGraph(graph([{ id: 'y', type: 'test.sum', config: { yields: 0, add: 1 } }]), { registry, cache });
    expect(trace.events).toEqual([]);
  });

  it('re-runs a source whose fingerprint changed, and its dependents', async () => {
    let version = 'v1';
    const files: FileStore = { read: async () => new Uint8Array(), fingerprint: async () => version };
    const source = defineNode({
      type: 'test.file',
      version: 1,
      category: 'source',
      title: 'File',
      description: 'A number standing for a file.',
      inputs: {},
      outputs: { out: port.value(z.number()) },
      config: z.object({ name: z.string() }),
      fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.name),
      run: () => ({ out: version === 'v1' ? 1 : 2 }),
    });
    const { registry, trace } = recordingRegistry();
    registry.add(source);
    const g = graph([{ id: 'f', type: 'test.file', config: { name: 'data.csv' } }, sum('s', 0)], ['f.out -> s.in']);
    const cache = new MemoryOutputCache();
    await runGraph(g, { registry, cache, files });
    trace.events.length = 0;
    const same = await runGraph(g, { registry, cache, files });
    expect(same.nodes.f?.status).toBe('cached');
    expect(trace.events).toEqual([]);
    version = 'v2';
    const changed = await runGraph(g, { registry, cache, files });
    expect(changed.nodes.f?.status).toBe('done');
    expect(started(trace)).toEqual(['s']);
    expect(changed.outputs.get('s')).toEqual({ out: 2 });
  });

  it('never caches volatile and effects nodes, re-runs their dependents, and gives effects an idempotency key', async () => {
    const contexts: NodeContext[] = [];
    const base = {
      version: 1,
      category: 'deploy',
      title: 'T',
      description: 't',
      inputs: { in: port.value(z.number(), { optional: true }) },
      outputs: { out: port.value(z.number()) },
      config: z.object({}),
    } as const;
    const volatile = defineNode({
      ...base,
      type: 'test.clock',
      cache: 'volatile',
      run: ({ ctx }) => ({ out: contexts.push(ctx) }),
    });
    const effects = defineNode({ ...base, type: 'test.deploy', effects: true, run: ({ ctx }) => ({ out: contexts.push(ctx) }) });
    const { registry, trace } = recordingRegistry();
    registry.add(volatile, effects);
    const g = graph(
      [{ id: 'clock', type: 'test.clock' }, sum('after', 0), sum('plain', 7), { id: 'ship', type: 'test.deploy' }],
      ['clock.out -> after.in', 'plain.out -> ship.in'],
    );
    const cache = new MemoryOutputCache();
    await runGraph(g, { registry, cache, runId: 1 });
    trace.events.length = 0;
    contexts.length = 0;
    const second = await runGraph(g, { registry, cache, runId: 2 });
    expect(second.nodes).toMatchObject({
      clock: { status: 'done' },
      after: { status: 'done' },
      plain: { status: 'cached' },
      ship: { status: 'done' },
    });
    expect(started(trace)).toEqual(['after']);
    const ship = contexts.find((c) => c.nodeId === 'ship');
    expect(ship?.idempotencyKey).toBe('2:ship');
    const clock = contexts.find((c) => c.nodeId === 'clock');
    expect(clock && 'idempotencyKey' in clock).toBe(false);
  });

  it('does not cache a failed node', async () => {
    let fail = true;
    const flaky = defineNode({
      type: 'test.flaky',
      version: 1,
      category: 'transform',
      title: 'F',
      description: 'f',
      inputs: {},
      outputs: { out: port.value(z.number()) },
      config: z.object({}),
      run: () => {
        if (fail) throw new Error('not yet');
        return { out: 1 };
      },
    });
    const { registry } = recordingRegistry();
    registry.add(flaky);
    const cache = new MemoryOutputCache();
    const g = graph([{ id: 'f', type: 'test.flaky' }]);
    expect((await runGraph(g, { registry, cache })).status).toBe('failed');
    fail = false;
    expect((await runGraph(g, { registry, cache })).nodes.f?.status).toBe('done');
  });
});
