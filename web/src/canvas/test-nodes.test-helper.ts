import { defineNode, type Graph, graphFormat, NodeRegistry, port } from '@causeway/sdk';
import { z } from 'zod';
import { EditorCatalog } from '../registry';
import { localAnalyzer } from '../runner/full-analysis';
import { EditorStore } from './editor-store';

/** Small node types for the canvas tests: a table source, a filter-like transform, a trainer and a model sink. */
export const source = defineNode({
  type: 'test.source',
  version: 1,
  category: 'source',
  title: 'Source',
  description: 'Emits a table.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({ columns: z.array(z.string()).default(['a', 'b']) }),
  infer: ({ config }) => ({ table: { columns: config.columns.map((name) => ({ name, type: 'number' as const, nullable: false })) } }),
  run: () => {
    throw new Error('not run in canvas tests');
  },
});

export const keep = defineNode({
  type: 'test.keep',
  version: 1,
  category: 'transform',
  title: 'Keep column',
  description: 'Keeps one column.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({ column: z.string().min(1).meta({ ui: 'column' }), limit: z.number().int().min(1).max(10).optional() }),
  infer: ({ inputs, config, issue }) => {
    const column = inputs.table?.columns.find((c) => c.name === config.column);
    if (inputs.table && !column) issue(`Unknown column "${config.column}".`, ['column']);
    return column ? { table: { columns: [column] } } : {};
  },
  run: () => {
    throw new Error('not run in canvas tests');
  },
});

export const train = defineNode({
  type: 'test.train',
  version: 1,
  category: 'model',
  title: 'Train',
  description: 'Trains a model.',
  inputs: { table: port.table() },
  outputs: { model: port.model() },
  config: z.object({}),
  run: () => {
    throw new Error('not run in canvas tests');
  },
});

export const union = defineNode({
  type: 'test.union',
  version: 1,
  category: 'transform',
  title: 'Union',
  description: 'Stacks tables.',
  inputs: { tables: port.table({ multiple: true }) },
  outputs: { table: port.table() },
  config: z.object({}),
  run: () => {
    throw new Error('not run in canvas tests');
  },
});

export function testRegistry(): NodeRegistry {
  return new NodeRegistry().add(source, keep, train, union);
}

/** `load → pick`, plus an unconnected trainer. */
export function testGraph(): Graph {
  return {
    format: graphFormat,
    id: 'g',
    name: 'Test',
    nodes: [
      { id: 'load', type: 'test.source', version: 1, config: {}, position: [0, 0] },
      { id: 'pick', type: 'test.keep', version: 1, config: { column: 'a' }, position: [240, 0] },
      { id: 'fit', type: 'test.train', version: 1, config: {}, position: [480, 0] },
    ],
    edges: [{ from: 'load.table', to: 'pick.table' }],
  };
}

/** A store over the test nodes whose full checks run in-process at once (as the worker would answer). */
export function testStore(graph: Graph = testGraph()): EditorStore {
  const registry = testRegistry();
  return new EditorStore(graph, EditorCatalog.fromRegistry(registry), { analyzer: localAnalyzer(registry), delayMs: 0 });
}
