import { defineNode, port, type TableSchema, UserError } from '@causeway/sdk';
import { type Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { z } from 'zod';
import { unknownColumn } from '../shared/unknown-column';

const columnChoice = z.object({
  name: z.string().min(1).describe('The input column.').meta({ ui: 'column' }),
  as: z.string().min(1).optional().describe('A new name for it (optional).'),
});

const config = z
  .object({
    columns: z.array(columnChoice).min(1).max(10_000).describe('The columns to keep, in output order.'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.columns.forEach((column, index) => {
      const name = column.as ?? column.name;
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, column.as === undefined ? 'name' : 'as'],
          message: `"${name}" appears twice in the output.`,
        });
      }
      seen.add(name);
    });
  });

/** Select, rename and reorder columns without copying their data. */
export const selectColumns = defineNode({
  type: 'transform.select',
  version: 1,
  category: 'transform',
  title: 'Select columns',
  description: 'Keep, rename and reorder columns. The data is shared, not copied.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    const input = inputs.table;
    if (!input) return {};
    const byName = new Map(input.columns.map((column) => [column.name, column]));
    const columns: TableSchema['columns'] = [];
    config.columns.forEach((choice, index) => {
      const column = byName.get(choice.name);
      if (column) columns.push({ ...column, name: choice.as ?? choice.name });
      else issue(unknownColumn(choice.name, [...byName.keys()]), ['columns', index, 'name']);
    });
    return { table: { columns } };
  },
  run: ({ inputs, config }) => {
    const { table } = inputs;
    const names = table.schema.fields.map((field) => field.name);
    const indexes = config.columns.map((choice, index) => {
      const at = names.indexOf(choice.name);
      if (at < 0) {
        const message = unknownColumn(choice.name, names);
        throw new UserError('SCHEMA_INVALID', message, {
          issues: [{ code: 'SCHEMA_INVALID', path: ['config', 'columns', index, 'name'], message }],
        });
      }
      return at;
    });
    const fields: Field[] = indexes.map((at, k) => {
      const field = table.schema.fields[at] as Field;
      const as = config.columns[k]?.as;
      return as === undefined ? field : field.clone({ name: as });
    });
    const schema = new Schema(fields, table.schema.metadata);
    // Zero-copy: each batch keeps its column Data; only the struct around them is new.
    const batches = table.batches.map((batch) => {
      const children = indexes.map((at) => batch.data.children[at] as (typeof batch.data.children)[number]);
      return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children }));
    });
    return { table: new Table(schema, batches) };
  },
});
