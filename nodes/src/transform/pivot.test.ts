import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { pivotRows } from './pivot';

const sales = tableOf({ store: ['a', 'a', 'b', 'a'], month: ['jan', 'feb', 'jan', 'jan'], amount: [1, 2, null, 4] });

describe('transform.pivot', () => {
  it('turns values into columns, aggregating each cell; empty cells are null', async () => {
    const { outputs } = await runNode(pivotRows, {
      inputs: { table: sales },
      config: { index: ['store'], columns: 'month', values: 'amount', agg: 'sum' },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { store: 'a', jan: 5, feb: 2 },
      { store: 'b', jan: null, feb: null },
    ]);
    const first = await runNode(pivotRows, { inputs: { table: sales }, config: { index: ['store'], columns: 'month', values: 'amount' } });
    expect(rowsOf(first.outputs.table)[0]).toEqual({ store: 'a', jan: 1, feb: 2 });
  });

  it('reports unknown columns and a sum of text; the output is unknown until a run', async () => {
    await expect(
      runNode(pivotRows, { inputs: { table: sales }, config: { index: ['stor'], columns: 'month', values: 'amount' } }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'index', 0], message: 'Unknown column "stor"; did you mean "store"?' }],
    });
    const schema = {
      columns: [
        { name: 'store', type: 'string' as const, nullable: false },
        { name: 'month', type: 'string' as const, nullable: false },
      ],
    };
    const infer = inferNode(pivotRows, {
      inputs: { table: schema },
      config: { index: ['store'], columns: 'mnth', values: 'store', agg: 'mean' },
    });
    expect(infer.outputs).toEqual({});
    expect(infer.issues.map((i) => i.message)).toEqual([
      'Unknown column "mnth"; did you mean "month"?',
      'mean needs a number column; "store" is string.',
    ]);
  });
});
