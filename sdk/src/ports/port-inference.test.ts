import type { Table } from 'apache-arrow';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { port } from './port';
import type { TableSchema } from './table-schema';

describe('port inference', () => {
  it('gives run the value types and infer the descriptor types the ports declare', () => {
    const node = defineNode({
      type: 'test.kinds',
      version: 1,
      category: 'transform',
      title: 'Kinds',
      description: 'Every flag combination.',
      inputs: {
        table: port.table(),
        extra: port.table({ optional: true }),
        parts: port.table({ multiple: true, description: 'parts' }),
        threshold: port.value(z.number()),
      },
      outputs: { table: port.table(), count: port.value(z.number().int()) },
      config: z.object({ limit: z.number().default(3) }),
      infer: ({ inputs, config }) => {
        expectTypeOf(inputs.table).toEqualTypeOf<TableSchema | undefined>();
        expectTypeOf(inputs.parts).toEqualTypeOf<Array<TableSchema | undefined>>();
        expectTypeOf(config.limit).toEqualTypeOf<number>();
        return inputs.table ? { table: inputs.table } : {};
      },
      run: ({ inputs }) => {
        expectTypeOf(inputs.table).toEqualTypeOf<Table>();
        expectTypeOf(inputs.extra).toEqualTypeOf<Table | undefined>();
        expectTypeOf(inputs.parts).toEqualTypeOf<Table[]>();
        expectTypeOf(inputs.threshold).toEqualTypeOf<number>();
        return { table: inputs.table, count: inputs.parts.length };
      },
    });
    expectTypeOf(node.inputs.extra.optional).toEqualTypeOf<true>();
    expectTypeOf(node.inputs.table.multiple).toEqualTypeOf<false>();
    // @ts-expect-error run must return every output port
    defineNode({ ...node, run: ({ inputs }) => ({ table: inputs.table }) });
  });
});
