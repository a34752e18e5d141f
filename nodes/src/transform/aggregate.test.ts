import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { aggregateRows } from './aggregate';

const sales = tableOf({ region: ['n', 's', 'n', null, 'n'], amount: [1, 5, 3, null, 8], item: ['a', 'b', 'a', 'c', 'b'] });

describe('transform.aggregate', () => {
  it('computes every aggregate per group, skipping nulls, with null keys as a group', async () => {
    const { outputs } = await runNode(aggregateRows, {
      inputs: { table: sales },
      config: {
        keys: ['region'],
        aggregates: [
          { op: 'count' },
          { op: 'count', column: 'amount' },
          { op: 'sum', column: 'amount' },
          { op: 'mean', column: 'amount' },
          { op: 'min', column: 'item', as: 'first_item' },
          { op: 'max', column: 'amount' },
          { op: 'median', column: 'amount' },
          { op: 'std', column: 'amount' },
          { op: 'distinct_count', column: 'item' },
        ],
      },
    });
    expect(rowsOf(outputs.table)).toEqual([
      {
        region: 'n',
        count: 3,
        count_amount: 3,
        sum_amount: 12,
        mean_amount: 4,
        first_item: 'a',
        max_amount: 8,
        median_amount: 3,
        std_amount: Math.sqrt(13),
        distinct_count_item: 2,
      },
      {
        region: 's',
        count: 1,
        count_amount: 1,
        sum_amount: 5,
        mean_amount: 5,
        first_item: 'b',
        max_amount: 5,
        median_amount: 5,
        std_amount: null,
        distinct_count_item: 1,
      },
      {
        region: null,
        count: 1,
        count_amount: 0,
        sum_amount: null,
        mean_amount: null,
        first_item: 'c',
        max_amount: null,
        median_amount: null,
        std_amount: null,
        distinct_count_item: 1,
      },
    ]);
  });

  it('aggregates the whole table without keys', async () => {
    const { outputs } = await runNode(aggregateRows, {
      inputs: { table: sales },
      config: { aggregates: [{ op: 'sum', column: 'amount', as: 'total' }] },
    });
    expect(rowsOf(outputs.table)).toEqual([{ total: 17 }]);
  });

  it('answers one row of nulls for an empty table without keys, as its schema says it may', async () => {
    const empty = tableOf({ amount: [] }, { amount: 'number' });
    const { outputs } = await runNode(aggregateRows, {
      inputs: { table: empty },
      config: {
        aggregates: [{ op: 'count' }, { op: 'min', column: 'amount' }, { op: 'max', column: 'amount' }, { op: 'mean', column: 'amount' }],
      },
    });
    expect(rowsOf(outputs.table)).toEqual([{ count: 0, min_amount: null, max_amount: null, mean_amount: null }]);
  });

  it('rejects a missing column and duplicate names; infers types; reports text sums and unknown columns', async () => {
    await expect(runNode(aggregateRows, { inputs: { table: sales }, config: { aggregates: [{ op: 'sum' }] } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'aggregates', 0, 'column'] }],
    });
    await expect(
      runNode(aggregateRows, { inputs: { table: sales }, config: { keys: ['region'], aggregates: [{ op: 'count', as: 'region' }] } }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: ['config', 'aggregates', 0, 'as'] }] });
    const schema = {
      columns: [
        { name: 'region', type: 'category' as const, nullable: true },
        { name: 'amount', type: 'integer' as const, nullable: false },
        { name: 'item', type: 'string' as const, nullable: false },
      ],
    };
    const good = inferNode(aggregateRows, {
      inputs: { table: schema },
      config: {
        keys: ['region'],
        aggregates: [{ op: 'count' }, { op: 'mean', column: 'amount' }, { op: 'max', column: 'item' }, { op: 'std', column: 'amount' }],
      },
    });
    expect(good.outputs.table?.columns).toEqual([
      { name: 'region', type: 'category', nullable: true },
      { name: 'count', type: 'integer', nullable: false },
      { name: 'mean_amount', type: 'number', nullable: false },
      { name: 'max_item', type: 'string', nullable: false },
      { name: 'std_amount', type: 'number', nullable: true },
    ]);
    const bad = inferNode(aggregateRows, {
      inputs: { table: schema },
      config: { keys: ['regoin'], aggregates: [{ op: 'sum', column: 'item' }] },
    });
    expect(bad.issues.map((i) => [i.path, i.message])).toEqual([
      [['config', 'keys', 0], 'Unknown column "regoin"; did you mean "region"?'],
      [['config', 'aggregates', 0, 'column'], 'sum needs a number column; "item" is string.'],
    ]);
  });
});
