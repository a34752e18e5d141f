import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import { float64Vector } from '../table/build-vector';
import { withColumns } from '../table/with-columns';
import { runNode } from './run-node';
import { tableOf } from './table-of';

const doubled = (infer: 'right' | 'wrong-type' | 'missing' | 'not-nullable') =>
  defineNode({
    type: 'test.doubled',
    version: 1,
    category: 'transform',
    title: 'Doubled',
    description: 'Adds x2 = 2x, as a number.',
    inputs: { table: port.table() },
    outputs: { table: port.table() },
    config: z.object({ nulls: z.boolean().default(false) }),
    infer: ({ inputs }) => {
      if (!inputs.table) return {};
      if (infer === 'missing') return { table: inputs.table };
      const type = infer === 'wrong-type' ? ('integer' as const) : ('number' as const);
      return { table: { columns: [...inputs.table.columns, { name: 'x2', type, nullable: infer !== 'not-nullable' }] } };
    },
    run: ({ inputs, config }) => {
      const x = inputs.table.getChild('x')?.toArray() as Float64Array;
      const valid = config.nulls ? Uint8Array.from(x, (_, i) => (i === 0 ? 0 : 1)) : undefined;
      return {
        table: withColumns(inputs.table, {
          x2: float64Vector(
            x.map((v) => v * 2),
            valid,
          ),
        }),
      };
    },
  });

const table = () => tableOf({ x: [1, 2] });

describe('runNode checks run against infer', () => {
  it('passes when infer tells the truth', async () => {
    const { outputs } = await runNode(doubled('right'), { inputs: { table: table() }, config: { nulls: true } });
    expect(outputs.table.numCols).toBe(2);
  });

  it('names the port and the column infer gets wrong', async () => {
    await expect(runNode(doubled('wrong-type'), { inputs: { table: table() }, config: {} })).rejects.toMatchObject({
      code: 'PORT_VALUE_INVALID',
      message:
        'Node "node" failed: infer and run disagree on output "table": column "x2" is integer by infer, number in the table run returned',
    });
    await expect(runNode(doubled('missing'), { inputs: { table: table() }, config: {} })).rejects.toThrow(
      'output "table": run returned column "x2" (column 2), which infer does not list',
    );
    await expect(runNode(doubled('not-nullable'), { inputs: { table: table() }, config: { nulls: true } })).rejects.toThrow(
      'column "x2" is not nullable by infer, but run returned 1 null(s)',
    );
  });

  it('can be turned off for a knowingly partial infer', async () => {
    const { outputs } = await runNode(doubled('missing'), { inputs: { table: table() }, config: {}, checkInfer: false });
    expect(outputs.table.schema.fields.map((f) => f.name)).toEqual(['x', 'x2']);
  });
});
