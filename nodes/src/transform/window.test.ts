import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { windowFunctions } from './window';

const sales = tableOf({ store: ['a', 'b', 'a', 'a', 'b'], day: [3, 1, 1, 2, 2], amount: [30, 5, 10, null, 5] });

describe('transform.window', () => {
  it('ranks, lags and rolls within partitions in order, keeping row order', async () => {
    const { outputs } = await runNode(windowFunctions, {
      inputs: { table: sales },
      config: {
        partitionBy: ['store'],
        orderBy: [{ column: 'day' }],
        ops: [
          { op: 'rank', as: 'rank' },
          { op: 'lag', column: 'amount', as: 'previous' },
          { op: 'lead', column: 'day', offset: 1, as: 'next_day' },
          { op: 'rolling_sum', column: 'amount', window: 2, as: 'sum2' },
          { op: 'rolling_mean', column: 'amount', window: 3, as: 'mean3' },
        ],
      },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { store: 'a', day: 3, amount: 30, rank: 3, previous: null, next_day: null, sum2: 30, mean3: 20 },
      { store: 'b', day: 1, amount: 5, rank: 1, previous: null, next_day: 2, sum2: 5, mean3: 5 },
      { store: 'a', day: 1, amount: 10, rank: 1, previous: null, next_day: 2, sum2: 10, mean3: 10 },
      { store: 'a', day: 2, amount: null, rank: 2, previous: 10, next_day: 3, sum2: 10, mean3: 10 },
      { store: 'b', day: 2, amount: 5, rank: 2, previous: 5, next_day: null, sum2: 10, mean3: 5 },
    ]);
  });

  it('infers added columns and reports unknown columns, text rolling sums and taken names', async () => {
    const schema = {
      columns: [
        { name: 'store', type: 'string' as const, nullable: false },
        { name: 'day', type: 'date' as const, nullable: false },
      ],
    };
    const good = inferNode(windowFunctions, {
      inputs: { table: schema },
      config: {
        orderBy: [{ column: 'day' }],
        ops: [
          { op: 'row_number', as: 'n' },
          { op: 'lag', column: 'day', as: 'before' },
        ],
      },
    });
    expect(good.outputs.table?.columns.slice(2)).toEqual([
      { name: 'n', type: 'integer', nullable: false },
      { name: 'before', type: 'date', nullable: true },
    ]);
    const bad = inferNode(windowFunctions, {
      inputs: { table: schema },
      config: { orderBy: [{ column: 'dayy' }], ops: [{ op: 'rolling_sum', column: 'store', window: 2, as: 'store' }] },
    });
    expect(bad.issues.map((i) => [i.path, i.message])).toEqual([
      [['config', 'orderBy', 0, 'column'], 'Unknown column "dayy"; did you mean "day"?'],
      [['config', 'ops', 0, 'column'], 'rolling_sum needs a number column; "store" is string.'],
      [['config', 'ops', 0, 'as'], '"store" is already a column; pick a new name.'],
    ]);
    await expect(
      runNode(windowFunctions, { inputs: { table: sales }, config: { orderBy: [{ column: 'day' }], ops: [{ op: 'rank', as: 'day' }] } }),
    ).rejects.toMatchObject({ code: 'SCHEMA_INVALID', issues: [{ path: ['config', 'ops', 0, 'as'] }] });
    await expect(
      runNode(windowFunctions, {
        inputs: { table: sales },
        config: { orderBy: [{ column: 'day' }], ops: [{ op: 'rolling_sum', column: 'amount', window: 0, as: 'x' }] },
      }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
