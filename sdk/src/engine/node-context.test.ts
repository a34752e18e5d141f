import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeContext } from '../node/context';
import { defineNode } from '../node/define-node';
import { noExports } from '../node/export-store';
import { noHttpClient } from '../node/http-client';
import { defaultInputLimits } from '../node/input-limits';
import { noModelRegistry } from '../node/model-registry-client';
import { noMonitoring } from '../node/monitoring-client';
import { noOnnxRuntime } from '../node/onnx-runtime';
import { NodeRegistry } from '../node/registry';
import { noSqlClient } from '../node/sql-client';
import { port } from '../ports/port';
import { noFiles, noSecrets } from './default-stores';
import type { RunEvent } from './events';
import { EngineNodeContext } from './node-context';
import { runGraph } from './run-graph';
import { graph } from './test-nodes';

function contextWithClock() {
  const events: RunEvent[] = [];
  const clock = { t: 0 };
  const env = {
    runId: 1,
    now: () => clock.t,
    emit: (e: RunEvent) => events.push(e),
    files: noFiles,
    secrets: noSecrets,
    onnx: noOnnxRuntime,
    http: noHttpClient,
    sql: noSqlClient,
    models: noModelRegistry,
    monitoring: noMonitoring,
    exports: noExports,
    limits: defaultInputLimits,
  };
  return { ctx: new EngineNodeContext('n', env, undefined), events, clock };
}

const fractions = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'node:progress' ? [e.fraction] : []));

describe('EngineNodeContext', () => {
  it('clamps progress to [0, 1] and drops repeats and NaN', () => {
    const { ctx, events, clock } = contextWithClock();
    for (const f of [-1, -0.5, Number.NaN, 0.5, 0.5, 2, 3]) {
      clock.t += 1000;
      ctx.progress(f);
    }
    expect(fractions(events)).toEqual([0, 0.5, 1]);
  });

  it('throttles small steps to one per 100 ms but lets big steps and completion through', () => {
    const { ctx, events, clock } = contextWithClock();
    for (let i = 1; i <= 1000; i++) ctx.progress(i / 1000);
    // With the clock standing still: a report every 5 % plus the final 1.
    expect(fractions(events)).toHaveLength(21);
    expect(fractions(events).at(-1)).toBe(1);
    events.length = 0;
    const { ctx: slow, events: slowEvents, clock: slowClock } = contextWithClock();
    slow.progress(0.1);
    slow.progress(0.11);
    slowClock.t += 100;
    slow.progress(0.12);
    expect(fractions(slowEvents)).toEqual([0.1, 0.12]);
    expect(clock.t).toBe(0);
  });

  it('emits logs with the node id and time, and nothing after it is closed', () => {
    const { ctx, events, clock } = contextWithClock();
    clock.t = 42;
    ctx.log('warn', 'careful');
    EngineNodeContext.close(ctx);
    ctx.log('info', 'too late');
    ctx.progress(0.5);
    expect(events).toEqual([{ type: 'node:log', runId: 1, nodeId: 'n', level: 'warn', message: 'careful', at: 42 }]);
  });

  it('makes its AbortController on demand and still delivers an earlier abort', () => {
    const { ctx } = contextWithClock();
    const reason = new Error('stop');
    EngineNodeContext.abort(ctx, reason);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe(reason);
    const other = contextWithClock().ctx;
    const signal = other.signal;
    EngineNodeContext.abort(other, reason);
    expect(signal.aborted).toBe(true);
  });

  it('reaches run events through runGraph', async () => {
    let seen: NodeContext | undefined;
    const chatty = defineNode({
      type: 'test.chatty',
      version: 1,
      category: 'transform',
      title: 'C',
      description: 'c',
      inputs: {},
      outputs: { out: port.value(z.number()) },
      config: z.object({}),
      run: ({ ctx }) => {
        seen = ctx;
        ctx.log('info', 'hello');
        ctx.progress(0.5);
        return { out: 1 };
      },
    });
    const events: RunEvent[] = [];
    await runGraph(graph([{ id: 'c', type: 'test.chatty' }]), {
      registry: new NodeRegistry().add(chatty),
      runId: 1,
      onEvent: (e) => events.push(e),
    });
    expect(events.map((e) => e.type)).toEqual(['run:start', 'node:start', 'node:log', 'node:progress', 'node:done', 'run:done']);
    expect(events[2]).toMatchObject({ nodeId: 'c', level: 'info', message: 'hello' });
    expect(seen?.nodeId).toBe('c');
  });
});
