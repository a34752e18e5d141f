import type { ColumnType, TableSchema } from '@causeway/sdk';
import { unknownColumn } from '../shared/unknown-column';
import { type ChartConfig, type ChartEncoding, chartEncodings } from './chart-config';

/** A problem of a chart config against its input's columns, on one config field. */
export interface ChartProblem {
  message: string;
  field: ChartEncoding | 'aggregate';
}

const isNumber = (type: ColumnType | undefined) => type === 'number' || type === 'integer';
const isAxisNumber = (type: ColumnType | undefined) => isNumber(type) || type === 'date';

/** Whether the y value is aggregated: explicitly, or a bar, line or area chart counting rows when y is left out. */
export function aggregateOf(config: ChartConfig): ChartConfig['aggregate'] {
  const counts = (config.mark === 'bar' || config.mark === 'line' || config.mark === 'area') && config.y === undefined;
  return config.aggregate === 'none' && counts ? 'count' : config.aggregate;
}

/**
 * Everything wrong with a chart config for a table of these columns, each on its field: unknown
 * columns first (with a suggestion), then what each mark needs. Design time and run time both use it,
 * so the editor refuses what a run would refuse.
 *
 * @example
 * chartProblems({ mark: 'histogram', x: 'plan', … }, schema) // [{ field: 'x', message: 'A histogram needs …' }]
 */
export function chartProblems(config: ChartConfig, schema: TableSchema): ChartProblem[] {
  const types = new Map(schema.columns.map((c) => [c.name, c.type]));
  const names = [...types.keys()];
  const problems: ChartProblem[] = [];
  for (const field of chartEncodings) {
    const name = config[field];
    if (name !== undefined && !types.has(name)) problems.push({ field, message: unknownColumn(name, names) });
  }
  if (problems.length > 0) return problems;
  const type = (field: ChartEncoding) => {
    const name = config[field];
    return name === undefined ? undefined : types.get(name);
  };
  const need = (ok: boolean, field: ChartProblem['field'], message: string) => {
    if (!ok) problems.push({ field, message });
  };
  const { mark } = config;
  const aggregate = aggregateOf(config);
  need(config.x !== undefined || mark === 'boxplot', 'x', `A ${mark} chart needs an x column.`);
  if (mark === 'histogram') {
    need(
      config.x === undefined || isAxisNumber(type('x')),
      'x',
      `A histogram needs a number or date x column; "${config.x}" is ${type('x')}.`,
    );
    need(aggregate === 'none' || aggregate === 'count', 'aggregate', 'A histogram counts rows; it takes no other aggregation.');
  } else if (mark === 'boxplot') {
    need(
      isNumber(type('y')),
      'y',
      config.y === undefined ? 'A box plot needs a number y column.' : `A box plot needs a number y column; "${config.y}" is ${type('y')}.`,
    );
    need(aggregate === 'none', 'aggregate', 'A box plot summarises rows itself; it takes no aggregation.');
  } else if (mark === 'heatmap') {
    need(config.y !== undefined, 'y', 'A heat map needs a y column.');
    if (aggregate !== 'none' && aggregate !== 'count')
      need(isNumber(type('color')), 'color', `A heat map with ${aggregate} needs a number colour column to aggregate.`);
  } else if (aggregate === 'none' || aggregate === 'count') {
    need(config.y !== undefined || aggregate === 'count', 'y', `A ${mark} chart needs a y column.`);
  } else {
    need(
      isNumber(type('y')),
      'y',
      config.y === undefined
        ? `The ${aggregate} needs a number y column.`
        : `The ${aggregate} needs a number y column; "${config.y}" is ${type('y')}.`,
    );
  }
  if (config.size !== undefined) {
    need(mark === 'point' && aggregate === 'none', 'size', 'Size applies to point charts without aggregation.');
    need(isNumber(type('size')), 'size', `Size needs a number column; "${config.size}" is ${type('size')}.`);
  }
  return problems;
}
