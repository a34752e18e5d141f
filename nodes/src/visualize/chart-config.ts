import { z } from 'zod';

/** Marks a chart can draw. */
export const chartMarks = ['point', 'line', 'bar', 'area', 'histogram', 'boxplot', 'heatmap'] as const;
export type ChartMark = (typeof chartMarks)[number];
/** Aggregations of the y column (or, in a heat map, of the colour column). */
export const chartAggregates = ['none', 'count', 'sum', 'mean', 'min', 'max'] as const;
export type ChartAggregate = (typeof chartAggregates)[number];
/** The encodings that name a column, in the order issues are reported. */
export const chartEncodings = ['x', 'y', 'color', 'size', 'facet'] as const;
export type ChartEncoding = (typeof chartEncodings)[number];

const column = (description: string) => z.string().min(1).max(500).optional().describe(description).meta({ ui: 'column' });

/** The configuration of `visualize.chart`. */
export const chartConfig = z.object({
  mark: z
    .enum(chartMarks)
    .describe('point, line, bar, area; histogram (counts of x in bins); boxplot (quartiles of y per x); heatmap (x by y cells).'),
  x: column('The column on the horizontal axis.'),
  y: column('The column on the vertical axis (bar, line and area count rows when left out).'),
  color: column('The column that colours marks (heat map: the value of each cell when aggregated).'),
  size: column('Point charts: the number column that sizes points.'),
  facet: column('The column that splits the chart into small multiples.'),
  aggregate: z
    .enum(chartAggregates)
    .default('none')
    .describe('Combine the y values of rows with the same x (and colour, facet): count, sum, mean, min or max.'),
  bins: z
    .number()
    .int()
    .min(2)
    .max(500)
    .default(50)
    .describe('Bins of a histogram, of heat map number axes, and of an aggregated x with too many values.'),
  maxPoints: z
    .number()
    .int()
    .min(10)
    .max(20_000)
    .default(5000)
    .describe('Most rows (or groups) drawn; a larger table is sampled, and the chart says so.'),
  maxCategories: z
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(50)
    .describe('Most values of a text column kept; the rarer ones are drawn as "(other)".'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(0)
    .describe('Seed of the sample of a large table.'),
  title: z.string().max(200).optional().describe('The chart title.'),
});
export type ChartConfig = z.output<typeof chartConfig>;
