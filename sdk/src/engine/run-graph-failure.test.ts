import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NodeRunError, UserError } from '../errors/errors';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import type { RunEvent } from './events';
import { runGraph } from './run-graph';
import { graph, recordingRegistry, started } from './test-nodes';

const sum = (id: string, add: number) => ({ id, type: 'test.sum', config: { add } });
const base = {
  version: 1,
  category: 'transform',
  title: 'T',
  description: 't',
  inputs: { in: port.value(z.number(), { optional: true }) },
  outputs: { out: port.value(z.number()) },
  config: z.object({}),
} as const;

function registryWith(...extra: Parameters<ReturnType<typeof recordingRegistry>['registry']['add']>) {
  const r = recordingRegistry();
  r.registry.add(...extra);
  return r;
}

describe('runGraph failures', () => {
  it('fails a throwing node, skips its dependents and finishes independent branches', async () => {
    const boom = new Error('boom');
    const { registry, trace } = registryWith(
      defineNode({
        ...base,
        type: 'test.boom',
        run: () => {
          throw boom;
        },
      }),
    );
    const events: RunEvent[] = [];
    const g = graph(
      [{ id: 'x', type: 'test.boom' }, sum('after', 1), sum('later', 1), sum('free', 2), sum('free2', 3)],
      ['x.out -> after.in', 'after.out -> later.in', 'free.out -> later.in', 'free.out -> free2.in'],
    );
    const result = await runGraph(g, { registry, onEvent: (e) => events.push(e) });
    expect(result.status).toBe('failed');
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0] as NodeRunError;
    expect(error).toBeInstanceOf(NodeRunError);
    expect(error.nodeId).toBe('x');
    expect(error.cause).toBe(boom);
    expect(error.code).toBe('NODE_FAILED');
    expect(result.nodes).toMatchObject({
      x: { status: 'failed', error: { code: 'NODE_FAILED' } },
      after: { status: 'skipped', error: { code: 'UPSTREAM_FAILED' } },
      later: { status: 'skipped' },
      free: { status: 'done' },
      free2: { status: 'done' },
    });
    expect(started(trace).sort()).toEqual(['free', 'free2']);
    expect(events.filter((e) => e.type === 'node:skipped').map((e) => 'nodeId' in e && e.nodeId)).toEqual(['after', 'later']);
    expect(events.find((e) => e.type === 'node:error')).toMatchObject({
      nodeId: 'x',
      error: { code: 'NODE_FAILED', message: expect.stringContaining('boom') },
    });
    expect(events.at(-1)).toMatchObject({ type: 'run:done', status: 'failed' });
  });

  it('keeps the code of a UserError a node throws', async () => {
    const { registry } = registryWith(
      defineNode({ ...base, type: 'test.reads', run: async ({ ctx }) => ({ out: (await ctx.files.read('x.csv')).length }) }),
    );
    const result = await runGraph(graph([{ id: 'r', type: 'test.reads' }]), { registry });
    expect(result.errors[0]?.code).toBe('FILE_UNKNOWN');
    const secretive = registryWith(
      defineNode({ ...base, type: 'test.secret', run: async ({ ctx }) => ({ out: (await ctx.secrets.get('token')).length }) }),
    );
    const r2 = await runGraph(graph([{ id: 's', type: 'test.secret' }]), { registry: secretive.registry });
    expect(r2.errors[0]?.code).toBe('SECRET_UNKNOWN');
  });

  it.each([
    ['a missing output', {}, 'output "out" is missing'],
    ['a wrong kind', { out: 'three' }, 'output "out" is not a valid value'],
    ['no object at all', 3, 'instead of an object of outputs'],
  ])('fails a node that returns %s with PORT_VALUE_INVALID naming the port', async (_, returned, message) => {
    const { registry } = registryWith(defineNode({ ...base, type: 'test.bad', run: () => returned as { out: number } }));
    const result = await runGraph(graph([{ id: 'bad', type: 'test.bad' }, sum('next', 1)], ['bad.out -> next.in']), { registry });
    expect(result.status).toBe('failed');
    expect(result.errors[0]?.code).toBe('PORT_VALUE_INVALID');
    expect(result.errors[0]?.message).toContain(message);
    expect(result.nodes.next?.status).toBe('skipped');
  });

  it('keeps only declared outputs', async () => {
    const { registry } = registryWith(defineNode({ ...base, type: 'test.extra', run: () => ({ out: 1, stray: 2 }) as { out: number } }));
    const result = await runGraph(graph([{ id: 'e', type: 'test.extra' }]), { registry });
    expect(result.outputs.get('e')).toEqual({ out: 1 });
  });
});

describe('runGraph cancellation and time limits', () => {
  it('aborts a running node through ctx.signal and cancels the nodes not started', async () => {
    const controller = new AbortController();
    let seenReason: unknown;
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => {
      running = resolve;
    });
    const { registry, trace } = registryWith(
      defineNode({
        ...base,
        type: 'test.wait',
        run: ({ ctx }) =>
          new Promise((_, reject) => {
            ctx.signal.addEventListener('abort', () => {
              seenReason = ctx.signal.reason;
              reject(ctx.signal.reason);
            });
            running();
          }),
      }),
    );
    const events: RunEvent[] = [];
    const g = graph([{ id: 'w', type: 'test.wait' }, sum('after', 1), sum('other', 1)], ['w.out -> after.in']);
    const done = runGraph(g, { registry, signal: controller.signal, concurrency: 1, onEvent: (e) => events.push(e) });
    await isRunning;
    controller.abort();
    const result = await done;
    expect(result.status).toBe('cancelled');
    expect(seenReason).toBeInstanceOf(UserError);
    expect((seenReason as UserError).code).toBe('RUN_CANCELLED');
    expect(result.nodes).toMatchObject({ w: { status: 'cancelled' }, after: { status: 'cancelled' }, other: { status: 'cancelled' } });
    expect(started(trace)).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run:done', status: 'cancelled' });
  });

  it('does not wait for a node that ignores cancellation', async () => {
    const controller = new AbortController();
    const { registry } = registryWith(defineNode({ ...base, type: 'test.hang', run: () => new Promise<{ out: number }>(() => {}) }));
    const done = runGraph(graph([{ id: 'h', type: 'test.hang' }]), { registry, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const result = await done;
    expect(result.status).toBe('cancelled');
    expect(result.nodes.h?.status).toBe('cancelled');
  });

  it('runs nothing when the signal is already aborted', async () => {
    const { registry, trace } = recordingRegistry();
    const result = await runGraph(graph([sum('a', 1)]), { registry, signal: AbortSignal.abort() });
    expect(result.status).toBe('cancelled');
    expect(result.nodes.a?.status).toBe('cancelled');
    expect(trace.events).toEqual([]);
  });

  it('fails a node that outlives its time limit with NODE_TIMEOUT, even when it ignores its signal', async () => {
    let signal: AbortSignal | undefined;
    const { registry } = registryWith(
      defineNode({
        ...base,
        type: 'test.slow',
        run: ({ ctx }) => {
          signal = ctx.signal;
          return new Promise<{ out: number }>(() => {});
        },
      }),
    );
    const started = performance.now();
    const result = await runGraph(graph([{ id: 's', type: 'test.slow' }, sum('free', 1)]), { registry, nodeTimeoutMs: 30 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(result.status).toBe('failed');
    expect(result.errors[0]?.code).toBe('NODE_TIMEOUT');
    expect(result.errors[0]?.nodeId).toBe('s');
    expect(signal?.aborted).toBe(true);
    expect(result.nodes.free?.status).toBe('done');
  });

  it("lets a definition's timeoutMs override the run's", async () => {
    const { registry } = registryWith(
      defineNode({ ...base, type: 'test.quick', timeoutMs: 20, run: () => new Promise<{ out: number }>(() => {}) }),
      defineNode({ ...base, type: 'test.patient', timeoutMs: 10_000, run: () => new Promise((r) => setTimeout(() => r({ out: 1 }), 60)) }),
    );
    const g = graph([
      { id: 'q', type: 'test.quick' },
      { id: 'p', type: 'test.patient' },
    ]);
    const result = await runGraph(g, { registry, nodeTimeoutMs: 40 });
    expect(result.nodes.q).toMatchObject({ status: 'failed', error: { code: 'NODE_TIMEOUT' } });
    expect(result.nodes.p?.status).toBe('done');
  });
});
