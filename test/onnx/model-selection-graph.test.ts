import { createBuiltinRegistry } from '@causeway/nodes';
import { type MetricsValue, type ModelValue, runGraph } from '@causeway/sdk';
import { graphOf, rowsOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const onnx = createNodeOnnxRuntime();
afterAll(() => onnx.close());

const rows = Array.from({ length: 60 }, (_, i) => [i % 10, (i * 7) % 5, i % 10 >= 5 ? 'y' : 'n']);

describe('cross-validate, tune and explain in a graph run by the engine', () => {
  it('wraps a learner under the engine’s own context; the refit and tuned models score with model.predict', async () => {
    const graph = graphOf({
      nodes: [
        {
          id: 'data',
          type: 'source.inline',
          config: {
            columns: [
              { name: 'x', type: 'number' },
              { name: 'z', type: 'number' },
              { name: 'y', type: 'string' },
            ],
            rows,
          },
        },
        { id: 'cv', type: 'model.cross-validate', config: { learner: 'model.decision-tree', learnerConfig: { target: 'y' }, folds: 3 } },
        {
          id: 'tune',
          type: 'model.tune',
          config: {
            learner: 'model.decision-tree',
            learnerConfig: { target: 'y' },
            space: { maxDepth: { values: [1, 3] } },
            search: 'grid',
            folds: 3,
          },
        },
        { id: 'explain', type: 'model.explain', config: { repeats: 2 } },
        { id: 'score', type: 'model.predict', config: {} },
      ],
      edges: [
        'data.table -> cv.table',
        'data.table -> tune.table',
        'tune.model -> explain.model',
        'data.table -> explain.table',
        'cv.model -> score.model',
        'data.table -> score.table',
      ],
    });
    const result = await runGraph(graph, { registry: createBuiltinRegistry(), onnx });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect((result.outputs.get('cv')?.metrics as MetricsValue | undefined)?.values.accuracy).toBe(1);
    const scored = rowsOf(result.outputs.get('score')?.table as Table);
    expect(scored.every((r) => r.prediction === r.y)).toBe(true);
    const explained = result.outputs.get('explain')?.model as ModelValue;
    expect(Object.keys((explained.card.importance as { permutation: { mean: object } }).permutation.mean)).toEqual(['x', 'z']);
  });
});
