import { boolVector, columnOf, defineNode, int32Vector, port, readColumn, UserError, withColumns, z } from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { civilFromDays, dayOfYear, daysOf, hourOf, isoDayOfWeek } from './civil-date';
import { withNumberColumns } from './series-config';

const parts = ['year', 'quarter', 'month', 'dayOfMonth', 'dayOfYear', 'dayOfWeek', 'weekend', 'hour'] as const;
type Part = (typeof parts)[number];

const snake: Record<Part, string> = {
  year: 'year',
  quarter: 'quarter',
  month: 'month',
  dayOfMonth: 'day_of_month',
  dayOfYear: 'day_of_year',
  dayOfWeek: 'day_of_week',
  weekend: 'weekend',
  hour: 'hour',
};

/**
 * Calendar parts of a date column, in UTC: year, quarter, month, day of month and of year, ISO day of
 * week (1 = Monday), weekend (Saturday or Sunday) and hour, as `<column>_<part>` columns. No holiday
 * calendars: those depend on a country and are better joined from a table.
 */
export const calendar = defineNode({
  type: '@causeway/plugin-timeseries/calendar',
  version: 1,
  category: 'plugin',
  title: 'Calendar features',
  description: 'Adds day of week, month, quarter, weekend and other calendar parts of a date column (UTC).',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({
    column: z.string().min(1).describe('A date column').meta({ ui: 'column' }),
    parts: z.array(z.enum(parts)).min(1).default(['dayOfWeek', 'month', 'quarter', 'weekend']),
  }),
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const column = inputs.table.columns.find((c) => c.name === config.column);
    if (!column) issue(`The table has no column "${config.column}".`, ['column']);
    else if (column.type !== 'date') issue(`Column "${config.column}" holds ${column.type} values; it must be a date.`, ['column']);
    else {
      // In the order of `parts`, as run writes them.
      const table = [...new Set(config.parts)].reduce(
        (schema, part) => withNumberColumns(schema, [`${config.column}_${snake[part]}`], part === 'weekend' ? 'boolean' : 'integer'),
        inputs.table,
      );
      return { table };
    }
    return {};
  },
  run: ({ inputs, config }) => {
    const column = readColumn(columnOf(inputs.table, config.column));
    if (column.kind !== 'number' || column.columnType !== 'date') {
      throw new UserError('SCHEMA_INVALID', `Column "${config.column}" is not a date column.`, { details: { column: config.column } });
    }
    const rows = column.length;
    const unique = [...new Set(config.parts)];
    const out = new Map(unique.map((part) => [part, new Int32Array(rows)]));
    for (let i = 0; i < rows; i++) {
      if (column.valid && !column.valid[i]) continue;
      const ms = column.values[i] as number;
      const days = daysOf(ms);
      const { year, month, day } = civilFromDays(days);
      const weekday = isoDayOfWeek(days);
      const values: Record<Part, number> = {
        year,
        quarter: Math.ceil(month / 3),
        month,
        dayOfMonth: day,
        dayOfYear: dayOfYear(year, month, day),
        dayOfWeek: weekday,
        weekend: weekday >= 6 ? 1 : 0,
        hour: hourOf(ms),
      };
      for (const [part, target] of out) target[i] = values[part];
    }
    const added = unique.map((part): [string, Vector] => {
      const values = out.get(part) as Int32Array;
      const name = `${config.column}_${snake[part]}`;
      return [name, part === 'weekend' ? boolVector(Uint8Array.from(values), column.valid) : int32Vector(values, column.valid)];
    });
    return { table: withColumns(inputs.table, new Map(added)) };
  },
});
