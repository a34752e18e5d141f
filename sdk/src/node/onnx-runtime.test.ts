import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runGraph } from '../engine/run-graph';
import { port } from '../ports/port';
import { graphOf } from '../testkit/graph-of';
import { runNode } from '../testkit/run-node';
import { defineNode } from './define-node';
import type { OnnxRuntime } from './onnx-runtime';
import { NodeRegistry } from './registry';

const inputCount = defineNode({
  type: 'test.onnx-inputs',
  version: 1,
  category: 'model',
  title: 'Count model inputs',
  description: 'Opens a session on fixed bytes and reports its input names.',
  inputs: {},
  outputs: { names: port.value(z.array(z.string())) },
  config: z.object({}),
  run: async ({ ctx }) => {
    const session = await ctx.onnx.createSession(Uint8Array.of(1, 2, 3));
    try {
      return { names: session.inputs.map((i) => i.name) };
    } finally {
      await session.release();
    }
  },
});

const seen: number[] = [];
const fakeRuntime: OnnxRuntime = {
  createSession: async (model) => {
    seen.push(model.byteLength);
    return { inputs: [{ name: 'x', type: 'float32', dims: ['N', 1] }], outputs: [], run: async () => ({}), release: async () => {} };
  },
};

describe('ctx.onnx', () => {
  it('fails with MODEL_RUNTIME_MISSING when the host gives no runtime', async () => {
    const result = await runGraph(graphOf({ nodes: [{ id: 'm', type: 'test.onnx-inputs' }] }), {
      registry: new NodeRegistry().add(inputCount),
    });
    expect(result.status).toBe('failed');
    expect(result.errors[0]?.code).toBe('MODEL_RUNTIME_MISSING');
    expect(result.errors[0]?.message).toMatch(/no model runtime/);
    await expect(runNode(inputCount, { inputs: undefined, config: {} })).rejects.toMatchObject({ code: 'MODEL_RUNTIME_MISSING' });
  });

  it('passes the run option and the test kit option through to the node', async () => {
    const result = await runGraph(graphOf({ nodes: [{ id: 'm', type: 'test.onnx-inputs' }] }), {
      registry: new NodeRegistry().add(inputCount),
      onnx: fakeRuntime,
    });
    expect(result.outputs.get('m')).toEqual({ names: ['x'] });
    const direct = await runNode(inputCount, { inputs: undefined, config: {}, onnx: fakeRuntime });
    expect(direct.outputs.names).toEqual(['x']);
    expect(seen).toEqual([3, 3]);
  });
});
