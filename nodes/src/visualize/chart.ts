import { defineNode, port, tableSchemaOf, UserError } from '@causeway/sdk';
import { chartConfig } from './chart-config';
import { chartData } from './chart-data';
import { chartProblems } from './chart-rules';
import { chartSpec } from './chart-spec';

/** Largest spec a chart may hold, in characters of JSON; sampling keeps far below it. */
export const maxSpecChars = 2_000_000;

/**
 * `visualize.chart`: a Vega-Lite chart of a table. Large tables are binned, aggregated or sampled
 * column-at-a-time before the spec is written, and the chart's subtitle says what was done.
 */
export const chartNode = defineNode({
  type: 'visualize.chart',
  version: 1,
  category: 'visualize',
  title: 'Chart',
  description:
    'Draw a point, line, bar, area, histogram, box plot or heat map of a table, with x, y, colour, size and facet columns and an optional aggregation.',
  inputs: { table: port.table() },
  outputs: { chart: port.chart() },
  config: chartConfig,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const problems = chartProblems(config, inputs.table);
    for (const p of problems) issue(p.message, [p.field]);
    return problems.length > 0 ? {} : { chart: {} };
  },
  run: ({ inputs, config }) => {
    const problems = chartProblems(config, tableSchemaOf(inputs.table));
    if (problems.length > 0)
      throw new UserError('SCHEMA_INVALID', problems.map((p) => p.message).join(' '), {
        issues: problems.map((p) => ({ code: 'SCHEMA_INVALID', path: ['config', p.field], message: p.message })),
      });
    const chart = chartSpec(config, chartData(inputs.table, config));
    const chars = JSON.stringify(chart).length;
    if (chars > maxSpecChars)
      throw new UserError(
        'CONFIG_INVALID',
        `The chart would hold ${chars.toLocaleString('en-US')} characters; lower maxPoints or maxCategories.`,
        {
          issues: [{ code: 'CONFIG_INVALID', path: ['config', 'maxPoints'], message: 'the chart is too large' }],
        },
      );
    return { chart };
  },
});
