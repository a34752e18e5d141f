import { type AggregateOp, type ColumnSchema, defineNode, groupBy, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { type ColumnRef, columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';

const ops = ['count', 'sum', 'mean', 'min', 'max', 'median', 'std', 'distinct_count'] as const satisfies readonly AggregateOp[];
const numericOps = new Set<AggregateOp>(['sum', 'mean', 'median', 'std']);

const spec = z.object({
  op: z.enum(ops).describe('count (rows, or non-null values of a column), sum, mean, min, max, median, std (sample), distinct_count.'),
  column: z.string().min(1).optional().describe('The column to aggregate (count may leave it out to count rows).').meta({ ui: 'column' }),
  as: z.string().min(1).max(200).optional().describe('The output column (default op_column, or count).'),
});

type Spec = z.output<typeof spec>;

const outputName = (s: Spec): string => s.as ?? (s.column === undefined ? s.op : `${s.op}_${s.column}`);

const config = z
  .object({
    keys: z
      .array(z.string().min(1))
      .max(100)
      .default([])
      .describe('Group by these columns (none: the whole table is one group).')
      .meta({ ui: 'columns' }),
    aggregates: z.array(spec).min(1).max(1_000).describe('What to compute per group.'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set(value.keys);
    value.aggregates.forEach((s, index) => {
      if (s.column === undefined && s.op !== 'count')
        ctx.addIssue({ code: 'custom', path: ['aggregates', index, 'column'], message: `${s.op} needs a column.` });
      const name = outputName(s);
      if (seen.has(name))
        ctx.addIssue({ code: 'custom', path: ['aggregates', index, 'as'], message: `"${name}" appears twice in the output.` });
      seen.add(name);
    });
  });

const refsOf = (c: z.output<typeof config>): ColumnRef[] => [
  ...columnRefs(c.keys, ['keys']),
  ...c.aggregates.flatMap((s, index) => (s.column === undefined ? [] : [{ name: s.column, field: ['aggregates', index, 'column'] }])),
];

// Without keys an empty table still gives one row, where every aggregate but the counts is null.
function resultColumn(s: Spec, input: ColumnSchema | undefined, grouped: boolean): ColumnSchema {
  const name = outputName(s);
  if (s.op === 'count' || s.op === 'distinct_count') return { name, type: 'integer', nullable: false };
  const nullable = !grouped || (input?.nullable ?? true);
  if (s.op === 'min' || s.op === 'max') return { name, type: input?.type ?? 'number', nullable };
  return { name, type: 'number', nullable: s.op === 'std' || nullable };
}

/** Group rows and compute aggregates per group. */
export const aggregateRows = defineNode({
  type: 'transform.aggregate',
  version: 1,
  category: 'transform',
  title: 'Group and aggregate',
  description:
    'Group rows by key columns (nulls form a group) and compute count, sum, mean, min, max, median, std or distinct count per group, skipping nulls. Groups come in order of first appearance.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, refsOf(config), issue);
    let fits = true;
    config.aggregates.forEach((s, index) => {
      const input = s.column === undefined ? undefined : columns.get(s.column);
      if (input && numericOps.has(s.op) && input.type !== 'number' && input.type !== 'integer' && input.type !== 'boolean') {
        fits = false;
        issue(`${s.op} needs a number column; "${s.column}" is ${input.type}.`, ['aggregates', index, 'column']);
      }
    });
    if (!ok || !fits) return {};
    const keys = config.keys.map((k) => columns.get(k) as ColumnSchema);
    const results = config.aggregates.map((s) =>
      resultColumn(s, s.column === undefined ? undefined : columns.get(s.column), config.keys.length > 0),
    );
    return { table: { columns: [...keys, ...results] } };
  },
  run: ({ inputs, config, ctx }) => {
    requireColumns(inputs.table, refsOf(config));
    const specs = config.aggregates.map((s) => ({ op: s.op, as: outputName(s), ...(s.column === undefined ? {} : { column: s.column }) }));
    const table = groupBy(inputs.table, config.keys, specs);
    ctx.progress(1);
    return { table };
  },
});
