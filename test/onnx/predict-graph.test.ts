import { createBuiltinRegistry, predictNode } from '@causeway/nodes';
import { type ModelValue, runGraph } from '@causeway/sdk';
import { graphOf, memoryFiles, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../nodes/src/ml/onnx/graph-builder';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const onnx = createNodeOnnxRuntime();
afterAll(() => onnx.close());

/** A model as another tool would write it: one [N, 3] float input, y = 1·a + 2·b + 3·c + 0.5. */
function wideModel(): Uint8Array {
  const b = new GraphBuilder();
  b.input('float_input', 'float', [null, 3]);
  b.ml('LinearRegressor', ['float_input'], ['variable'], { coefficients: { floats: [1, 2, 3] }, intercepts: { floats: [0.5] } });
  b.output('variable', 'float', [null, 1]);
  return b.encode('wide', {});
}

describe('model.predict end to end with onnxruntime-node', () => {
  it('scores an imported model whose single wide input takes the chosen columns, in batches', async () => {
    const table = tableOf({ a: [1, 2, 3, 4, 5], b: [0, 1, 0, 1, 0], c: [2, 2, 2, 2, -1], name: ['p', 'q', 'r', 's', 't'] });
    const graph = graphOf({
      nodes: [
        { id: 'm', type: 'model.import', config: { file: 'wide.onnx' } },
        {
          id: 'rows',
          type: 'source.inline',
          config: {
            columns: [
              { name: 'a', type: 'number' },
              { name: 'b', type: 'number' },
              { name: 'c', type: 'number' },
            ],
            rows: [
              [1, 0, 2],
              [2, 1, 2],
            ],
          },
        },
        { id: 'score', type: 'model.predict', config: { columns: ['a', 'b', 'c'], batchSize: 1 } },
      ],
      edges: ['m.model -> score.model', 'rows.table -> score.table'],
    });
    const result = await runGraph(graph, { registry: createBuiltinRegistry(), files: memoryFiles({ 'wide.onnx': wideModel() }), onnx });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(rowsOf(result.outputs.get('score')?.table as Table)).toEqual([
      { a: 1, b: 0, c: 2, variable: 7.5 },
      { a: 2, b: 1, c: 2, variable: 10.5 },
    ]);
    const model = { onnx: wideModel(), card: { task: 'other' as const, features: [] } };
    const direct = await runNode(predictNode, { inputs: { table, model }, config: { columns: ['a', 'b', 'c'], batchSize: 2 }, onnx });
    expect(rowsOf(direct.outputs.table).map((r) => r.variable)).toEqual([7.5, 10.5, 9.5, 12.5, 2.5]);
    expect(direct.progress.at(-1)).toBe(1);
  });

  it('trains, scores and keeps the input columns, with a clear error when a feature column is missing', async () => {
    const graph = graphOf({
      nodes: [
        {
          id: 'data',
          type: 'source.inline',
          config: {
            columns: [
              { name: 'x', type: 'number' },
              { name: 'kind', type: 'string' },
              { name: 'y', type: 'string' },
            ],
            rows: [
              [1, 'a', 'n'],
              [2, 'a', 'n'],
              [3, 'b', 'n'],
              [4, 'b', 'y'],
              [5, 'a', 'n'],
              [6, 'b', 'y'],
              [7, 'a', 'y'],
              [8, 'b', 'y'],
            ],
          },
        },
        { id: 'fit', type: 'model.logistic-regression', config: { target: 'y' } },
        { id: 'score', type: 'model.predict' },
      ],
      edges: ['data.table -> fit.table', 'fit.model -> score.model', 'data.table -> score.table'],
    });
    const result = await runGraph(graph, { registry: createBuiltinRegistry(), onnx, infer: true });
    expect(result.status).toBe('succeeded');
    const rows = rowsOf(result.outputs.get('score')?.table as Table);
    expect(Object.keys(rows[0] ?? {})).toEqual(['x', 'kind', 'y', 'prediction', 'probability_n', 'probability_y']);
    const model = result.outputs.get('fit')?.model as ModelValue;
    const noKind = tableOf({ x: [1, 2] });
    await expect(runNode(predictNode, { inputs: { table: noKind, model }, config: {}, onnx })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    });
  });
});
