import { type ColumnSchema, defineNode, port, UserError, type WindowOp, windowColumns } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { type ColumnRef, columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';

const as = z.string().min(1).max(200).describe('The output column.');
const column = z.string().min(1).describe('The input column.').meta({ ui: 'column' });

const op = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['rank', 'row_number']).describe('rank: SQL RANK (ties share a rank, then a gap); row_number: 1, 2, 3 …'), as }),
  z.object({
    op: z.enum(['lag', 'lead']).describe('The value of a row before (lag) or after (lead) in the window order; null past the edge.'),
    column,
    offset: z.number().int().min(1).max(1_000_000).default(1).describe('How many rows back or ahead.'),
    as,
  }),
  z.object({
    op: z.enum(['rolling_mean', 'rolling_sum']).describe('Mean or sum over the current row and the rows before it, skipping nulls.'),
    column,
    window: z.number().int().min(1).max(100_000).describe('How many rows, the current one included.'),
    as,
  }),
]);

const key = z.object({
  column: z.string().min(1).describe('Order rows by this column.').meta({ ui: 'column' }),
  descending: z.boolean().default(false),
  nullsFirst: z.boolean().default(false),
});

const config = z
  .object({
    partitionBy: z
      .array(z.string().min(1))
      .max(100)
      .default([])
      .describe('Compute within groups of these columns.')
      .meta({ ui: 'columns' }),
    orderBy: z.array(key).min(1).max(100).describe('The order of rows within a group.'),
    ops: z.array(op).min(1).max(1_000).describe('The window functions, each written to a new column.'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.ops.forEach((o, index) => {
      if (seen.has(o.as)) ctx.addIssue({ code: 'custom', path: ['ops', index, 'as'], message: `"${o.as}" appears twice.` });
      seen.add(o.as);
    });
  });

type Config = z.output<typeof config>;

const refsOf = (c: Config): ColumnRef[] => [
  ...columnRefs(c.partitionBy, ['partitionBy']),
  ...c.orderBy.map((k, index) => ({ name: k.column, field: ['orderBy', index, 'column'] })),
  ...c.ops.flatMap((o, index) => ('column' in o ? [{ name: o.column, field: ['ops', index, 'column'] }] : [])),
];

/** Output names that are already input columns: the kernel appends, so they would clash. */
function clashes(names: readonly string[], c: Config): { message: string; field: (string | number)[] }[] {
  const existing = new Set(names);
  return c.ops.flatMap((o, index) =>
    existing.has(o.as) ? [{ message: `"${o.as}" is already a column; pick a new name.`, field: ['ops', index, 'as'] }] : [],
  );
}

function resultColumn(o: Config['ops'][number], input: ColumnSchema | undefined): ColumnSchema {
  if (o.op === 'rank' || o.op === 'row_number') return { name: o.as, type: 'integer', nullable: false };
  if (o.op === 'lag' || o.op === 'lead') return { name: o.as, type: input?.type ?? 'number', nullable: true };
  return { name: o.as, type: 'number', nullable: input?.nullable ?? true };
}

/** Add window-function columns: rank, row number, lag/lead, rolling mean/sum. */
export const windowFunctions = defineNode({
  type: 'transform.window',
  version: 1,
  category: 'transform',
  title: 'Window functions',
  description:
    'Add columns computed over ordered rows within groups: rank, row number, lag/lead, rolling mean and sum. Rows keep their order.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, refsOf(config), issue);
    let fits = true;
    config.ops.forEach((o, index) => {
      const input = 'column' in o ? columns.get(o.column) : undefined;
      if (input && (o.op === 'rolling_mean' || o.op === 'rolling_sum') && !['number', 'integer', 'boolean'].includes(input.type)) {
        fits = false;
        issue(`${o.op} needs a number column; "${o.column}" is ${input.type}.`, ['ops', index, 'column']);
      }
    });
    for (const clash of clashes(
      inputs.table.columns.map((c) => c.name),
      config,
    ))
      issue(clash.message, clash.field);
    if (
      !ok ||
      !fits ||
      clashes(
        inputs.table.columns.map((c) => c.name),
        config,
      ).length > 0
    )
      return {};
    const added = config.ops.map((o) => resultColumn(o, 'column' in o ? columns.get(o.column) : undefined));
    return { table: { columns: [...inputs.table.columns, ...added] } };
  },
  run: ({ inputs, config, ctx }) => {
    requireColumns(inputs.table, refsOf(config));
    const taken = clashes(
      inputs.table.schema.fields.map((f) => f.name),
      config,
    );
    if (taken.length > 0) {
      const issues = taken.map((t) => ({ code: 'SCHEMA_INVALID' as const, path: ['config', ...t.field], message: t.message }));
      throw new UserError('SCHEMA_INVALID', issues.map((i) => i.message).join(' '), { issues });
    }
    const ops: WindowOp[] = config.ops;
    const table = windowColumns(inputs.table, { partitionBy: config.partitionBy, orderBy: config.orderBy, ops });
    ctx.progress(1);
    return { table };
  },
});
