import { defineNode, float64Vector, port, withColumns, z } from '@causeway/sdk';
import { orderedGroups } from './ordered-groups';
import { checkSeriesColumns, readNumbers, seriesFields, withNumberColumns } from './series-config';
import { rollSeries, type StatColumns, windowStats } from './window-stats';

const statName = (column: string, stat: string, window: number) => `${column}_${stat}${window}`;

/**
 * Rolling-window statistics per series: for each row, over it and the `window - 1` rows before it in
 * the same group (time order), the mean, sum, min, max or sample standard deviation of each column,
 * written to `<column>_<stat><window>` (e.g. `sales_mean7`). Rows keep their table order.
 */
export const rolling = defineNode({
  type: '@causeway/plugin-timeseries/rolling',
  version: 1,
  category: 'plugin',
  title: 'Rolling windows',
  description: 'Adds rolling mean, sum, min, max or standard deviation over the last N rows of each series.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z
    .object({
      ...seriesFields,
      window: z.int().min(1).max(100_000).describe('Rows per window, the current row included'),
      stats: z.array(z.enum(windowStats)).min(1).default(['mean']),
      minPeriods: z.int().min(1).optional().describe('Fewest non-null values for a result; default the window size'),
    })
    .refine((c) => c.minPeriods === undefined || c.minPeriods <= c.window, {
      message: 'minPeriods must not exceed window',
      path: ['minPeriods'],
    }),
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table || !checkSeriesColumns(inputs.table, config, issue)) return {};
    return {
      table: withNumberColumns(
        inputs.table,
        config.columns.flatMap((c) => config.stats.map((s) => statName(c, s, config.window))),
      ),
    };
  },
  run: ({ inputs, config }) => {
    const { order, starts } = orderedGroups(inputs.table, config.time, config.groupBy);
    const rows = inputs.table.numRows;
    const stats = [...new Set(config.stats)];
    const added = config.columns.flatMap((name) => {
      const column = readNumbers(inputs.table, name);
      const out: StatColumns = Object.fromEntries(
        stats.map((stat) => [stat, { values: new Float64Array(rows), valid: new Uint8Array(rows) }]),
      );
      for (let g = 0; g + 1 < starts.length; g++) {
        const positions = order.subarray(starts[g] as number, starts[g + 1] as number);
        rollSeries(positions, column.values, column.valid, config.window, config.minPeriods ?? config.window, out);
      }
      return stats.map((stat) => {
        const { values, valid } = out[stat] as { values: Float64Array; valid: Uint8Array };
        return [statName(name, stat, config.window), float64Vector(values, valid)] as const;
      });
    });
    return { table: withColumns(inputs.table, new Map(added)) };
  },
});
