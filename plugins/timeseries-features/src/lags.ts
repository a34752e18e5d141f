import { defineNode, float64Vector, port, withColumns, z } from '@causeway/sdk';
import { orderedGroups } from './ordered-groups';
import { checkSeriesColumns, readNumbers, seriesFields, withNumberColumns } from './series-config';

const lagName = (column: string, lag: number) => `${column}_lag${lag}`;

/**
 * Lagged copies of numeric columns: `<column>_lag<k>` holds the value k rows earlier in the same
 * group, in time order (null before the group's k-th row). Rows keep their table order.
 */
export const lags = defineNode({
  type: '@causeway/plugin-timeseries/lags',
  version: 1,
  category: 'plugin',
  title: 'Lag features',
  description: 'Adds the values of earlier rows of the same series (per group, ordered by time) as new columns.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({
    ...seriesFields,
    lags: z.array(z.int().min(1).max(10_000)).min(1).max(50).default([1]).describe('How many rows back, e.g. [1, 7]'),
  }),
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table || !checkSeriesColumns(inputs.table, config, issue)) return {};
    return {
      table: withNumberColumns(
        inputs.table,
        config.columns.flatMap((c) => config.lags.map((k) => lagName(c, k))),
      ),
    };
  },
  run: ({ inputs, config }) => {
    const { order, starts } = orderedGroups(inputs.table, config.time, config.groupBy);
    const rows = inputs.table.numRows;
    const added = config.columns.flatMap((name) => {
      const column = readNumbers(inputs.table, name);
      return config.lags.map((lag) => {
        const values = new Float64Array(rows);
        const valid = new Uint8Array(rows);
        for (let g = 0; g + 1 < starts.length; g++) {
          const end = starts[g + 1] as number;
          for (let p = (starts[g] as number) + lag; p < end; p++) {
            const from = order[p - lag] as number;
            if (column.valid && !column.valid[from]) continue;
            const to = order[p] as number;
            values[to] = column.values[from] as number;
            valid[to] = 1;
          }
        }
        return [lagName(name, lag), float64Vector(values, valid)] as const;
      });
    });
    return { table: withColumns(inputs.table, new Map(added)) };
  },
});
