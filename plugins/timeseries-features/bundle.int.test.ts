import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { expect } from 'vitest';
import { describeBuiltPlugin } from '../describe-built-plugin';

const series = { time: 'column', groupBy: 'columns', columns: 'columns' } as const;

describeBuiltPlugin(import.meta.dirname, {
  types: ['@causeway/plugin-timeseries/lags', '@causeway/plugin-timeseries/rolling', '@causeway/plugin-timeseries/calendar'],
  pickers: { lags: series, rolling: series, calendar: { column: 'column' } },
  runs: {
    title: 'lags, a rolling mean and calendar parts',
    check: async (node) => {
      const table = tableOf({ day: [new Date('2026-11-27Z'), new Date('2026-11-28Z'), new Date('2026-11-29Z')], sales: [1, 2, 6] });
      const lagged = await runNode(node('lags'), { inputs: { table }, config: { time: 'day', columns: ['sales'] } });
      const rolled = await runNode(node('rolling'), {
        inputs: { table: lagged.outputs.table },
        config: { time: 'day', columns: ['sales'], window: 2 },
      });
      const dated = await runNode(node('calendar'), {
        inputs: { table: rolled.outputs.table },
        config: { column: 'day', parts: ['dayOfWeek', 'weekend'] },
      });
      expect(rowsOf(dated.outputs.table as Table).map(({ day: _day, ...rest }) => rest)).toEqual([
        { sales: 1, sales_lag1: null, sales_mean2: null, day_day_of_week: 5, day_weekend: false },
        { sales: 2, sales_lag1: 1, sales_mean2: 1.5, day_day_of_week: 6, day_weekend: true },
        { sales: 6, sales_lag1: 2, sales_mean2: 4, day_day_of_week: 7, day_weekend: true },
      ]);
    },
  },
});
