import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { lags } from './lags';

// Rows deliberately out of time order and interleaved across two stores.
const sales = tableOf({
  store: ['a', 'b', 'a', 'a', 'b', 'a'],
  day: [3, 1, 1, 2, 2, 4],
  amount: [30, 100, 10, 20, null, 40],
});

describe('lags', () => {
  it('takes earlier values within each group in time order, keeping the table order', async () => {
    const { outputs } = await runNode(lags, {
      inputs: { table: sales },
      config: { time: 'day', groupBy: ['store'], columns: ['amount'], lags: [1, 2] },
    });
    expect(rowsOf(outputs.table).map((r) => [r.store, r.day, r.amount_lag1, r.amount_lag2])).toEqual([
      ['a', 3, 20, 10],
      ['b', 1, null, null],
      ['a', 1, null, null],
      ['a', 2, 10, null],
      ['b', 2, 100, null],
      ['a', 4, 30, 20],
    ]);
  });

  it('treats the whole table as one series without groupBy, and carries nulls', async () => {
    const { outputs } = await runNode(lags, { inputs: { table: sales }, config: { time: 'day', columns: ['amount'] } });
    // Time order (stable on ties): b1 a1 a2 b2 a3 a4 → 100 10 20 null 30 40.
    expect(rowsOf(outputs.table).map((r) => r.amount_lag1)).toEqual([null, null, 100, 10, 20, 30]);
  });

  it('names missing and non-numeric columns by field at design time', () => {
    const { issues, outputs } = inferNode(lags, {
      inputs: {
        table: {
          columns: [
            { name: 'day', type: 'date', nullable: false },
            { name: 'store', type: 'string', nullable: false },
          ],
        },
      },
      config: { time: 'day', groupBy: ['region'], columns: ['store'] },
    });
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['config.groupBy.0', 'The table has no column "region".'],
      ['config.columns.0', 'Column "store" holds string values; it must be number or integer.'],
    ]);
    expect(outputs.table).toBeUndefined();
    const ok = inferNode(lags, {
      inputs: {
        table: {
          columns: [
            { name: 'day', type: 'date', nullable: false },
            { name: 'x', type: 'number', nullable: false },
          ],
        },
      },
      config: { time: 'day', columns: ['x'], lags: [1, 7] },
    });
    expect(ok.outputs.table?.columns.map((c) => c.name)).toEqual(['day', 'x', 'x_lag1', 'x_lag7']);
  });

  it('fails on a non-numeric column when running, naming it', async () => {
    await expect(runNode(lags, { inputs: { table: sales }, config: { time: 'day', columns: ['store'] } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      message: expect.stringContaining('"store"'),
    });
  });
});
