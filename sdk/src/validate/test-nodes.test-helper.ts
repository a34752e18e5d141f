import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { NodeRegistry } from '../node/registry';
import { port } from '../ports/port';
import type { TableSchema } from '../ports/table-schema';

/** Small node types for validation tests: a table source, a column picker, a union and a model sink. */
export const source = defineNode({
  type: 'test.source',
  version: 1,
  category: 'source',
  title: 'Source',
  description: 'Emits a table with the configured columns.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({ columns: z.array(z.string()).default(['a']) }),
  infer: ({ config }) => ({ table: { columns: config.columns.map((name) => ({ name, type: 'number' as const, nullable: false })) } }),
  run: () => {
    throw new Error('not run in validation tests');
  },
});

export const pick = defineNode({
  type: 'test.pick',
  version: 2,
  category: 'transform',
  title: 'Pick',
  description: 'Keeps one column.',
  inputs: { table: port.table(), extra: port.table({ optional: true }) },
  outputs: { table: port.table() },
  config: z.object({ column: z.string().min(1), limit: z.number().int().max(10).optional() }),
  migrate: (config) => ({ column: (config as { col?: string }).col ?? '' }),
  infer: ({ inputs, config, issue }) => {
    const column = inputs.table?.columns.find((c) => c.name === config.column);
    if (inputs.table && !column) issue(`Unknown column "${config.column}".`, ['column']);
    return column ? { table: { columns: [column] } satisfies TableSchema } : {};
  },
  run: () => {
    throw new Error('not run in validation tests');
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
    throw new Error('not run in validation tests');
  },
});

export const modelSink = defineNode({
  type: 'test.model-sink',
  version: 1,
  category: 'deploy',
  title: 'Model sink',
  description: 'Takes a model.',
  inputs: { model: port.model() },
  outputs: {},
  config: z.object({}),
  effects: true,
  run: () => ({}),
});

export function testRegistry(): NodeRegistry {
  return new NodeRegistry().add(source, pick, union, modelSink);
}
