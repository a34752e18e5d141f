import { defineNode, port, unpivotTable } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { type ColumnRef, columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';
import { unifyTypes } from '../shared/unify-types';

const config = z
  .object({
    index: z.array(z.string().min(1)).max(1_000).default([]).describe('Columns repeated on every output row.').meta({ ui: 'columns' }),
    columns: z.array(z.string().min(1)).min(1).max(10_000).describe('Columns folded into name/value pairs.').meta({ ui: 'columns' }),
    names: z.string().min(1).max(200).default('variable').describe('The output column holding the folded column’s name.'),
    values: z.string().min(1).max(200).default('value').describe('The output column holding its value.'),
  })
  .superRefine((value, ctx) => {
    if (value.names === value.values)
      ctx.addIssue({ code: 'custom', path: ['values'], message: `"${value.values}" is also the names column.` });
    for (const [field, name] of [
      ['names', value.names],
      ['values', value.values],
    ] as const) {
      if (value.index.includes(name)) ctx.addIssue({ code: 'custom', path: [field], message: `"${name}" is also an index column.` });
    }
  });

type Config = z.output<typeof config>;

const refsOf = (c: Config): ColumnRef[] => [...columnRefs(c.index, ['index']), ...columnRefs(c.columns, ['columns'])];

/** Wide to long: each row becomes one row per folded column. */
export const unpivotColumns = defineNode({
  type: 'transform.unpivot',
  version: 1,
  category: 'transform',
  title: 'Unpivot (wide to long)',
  description:
    'Fold columns into name/value pairs: each input row gives one row per folded column, index columns repeated. Nulls are kept.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, refsOf(config), issue);
    if (!ok) return {};
    const folded = config.columns.map((name) => columns.get(name)).filter((c) => c !== undefined);
    const type = unifyTypes(folded.map((c) => c.type));
    if (type === undefined) {
      issue(`The folded columns mix types that cannot share a column: ${[...new Set(folded.map((c) => c.type))].join(', ')}.`, ['columns']);
      return {};
    }
    const index = config.index.map((name) => columns.get(name)).filter((c) => c !== undefined);
    return {
      table: {
        columns: [
          ...index,
          { name: config.names, type: 'category', nullable: false },
          { name: config.values, type, nullable: folded.some((c) => c.nullable) },
        ],
      },
    };
  },
  run: ({ inputs, config }) => {
    requireColumns(inputs.table, refsOf(config));
    return {
      table: unpivotTable(inputs.table, { index: config.index, columns: config.columns, names: config.names, values: config.values }),
    };
  },
});
