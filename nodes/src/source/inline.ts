import { type ColumnType, columnTypes, defineNode, port, type TableSchema } from '@causeway/sdk';
import { Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { z } from 'zod';
import { columnVector } from '../shared/column-vector';

type Cell = number | string | boolean | null;

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Converts a cell to its stored form (dates → epoch ms), or `undefined` when it does not fit the type. */
function cellValue(type: ColumnType, cell: unknown): Cell | undefined {
  if (cell === null) return null;
  switch (type) {
    case 'number':
      return typeof cell === 'number' && Number.isFinite(cell) ? cell : undefined;
    case 'integer':
      return typeof cell === 'number' && Number.isInteger(cell) && Math.abs(cell) <= 2147483647 ? cell : undefined;
    case 'string':
    case 'category':
      return typeof cell === 'string' ? cell : undefined;
    case 'boolean':
      return typeof cell === 'boolean' ? cell : undefined;
    case 'date': {
      if (typeof cell !== 'string' || !isoDate.test(cell)) return undefined;
      // Zone-less times are read as UTC (as date-only ones are), so a table is the same in every time zone.
      const text = cell.replace(' ', 'T');
      const offset = /[+-]\d{2}:\d{2}$/.test(text);
      const ms = Date.parse(text.length === 10 || offset || text.endsWith('Z') ? text : `${text}Z`);
      if (!Number.isFinite(ms)) return undefined;
      // Date.parse rolls 2024-02-30 over to March; refuse days the month does not have.
      return offset || new Date(ms).toISOString().slice(0, 10) === text.slice(0, 10) ? ms : undefined;
    }
  }
}

const expected: Record<ColumnType, string> = {
  number: 'a finite number',
  integer: 'a whole number that fits 32 bits',
  string: 'text',
  category: 'text',
  boolean: 'true or false',
  date: 'an ISO date like "2024-01-31" or "2024-01-31T12:00:00Z"',
};

const config = z
  .object({
    columns: z
      .array(z.object({ name: z.string().min(1).max(200), type: z.enum(columnTypes as [ColumnType, ...ColumnType[]]) }))
      .min(1)
      .max(100)
      .describe('The columns, in order.'),
    rows: z.array(z.array(z.unknown()).max(100)).max(10_000).describe('Rows of cells; null is a missing value.'),
  })
  .superRefine((value, ctx) => {
    const names = new Set<string>();
    value.columns.forEach((column, index) => {
      if (names.has(column.name))
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'name'], message: `Column "${column.name}" appears twice.` });
      names.add(column.name);
    });
    value.rows.forEach((row, r) => {
      if (row.length !== value.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', r],
          message: `Row ${r + 1} has ${count(row.length, 'cell')}; the table has ${count(value.columns.length, 'column')}.`,
        });
        return;
      }
      row.forEach((cell, c) => {
        const column = value.columns[c];
        if (column && cellValue(column.type, cell) === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', r, c],
            message: `Column "${column.name}" wants ${expected[column.type]}; got ${JSON.stringify(cell)}.`,
          });
        }
      });
    });
  });

type InlineConfig = z.output<typeof config>;

function schemaOf(value: InlineConfig): TableSchema {
  return {
    columns: value.columns.map((column, c) => ({
      name: column.name,
      type: column.type,
      nullable: value.rows.some((row) => row[c] === null),
    })),
  };
}

/** A small table typed into the config. */
export const inlineSource = defineNode({
  type: 'source.inline',
  version: 1,
  category: 'source',
  title: 'Inline table',
  description: 'A small table typed by hand: columns with types, and rows of cells.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  infer: ({ config }) => ({ table: schemaOf(config) }),
  run: ({ config }) => {
    const fields = schemaOf(config).columns.map((column, c) => {
      const cells = config.rows.map((row) => cellValue(column.type, row[c]) ?? null);
      const data = columnVector(column.type, cells);
      return { field: new Field(column.name, data.type, column.nullable), data };
    });
    const schema = new Schema(fields.map((f) => f.field));
    const length = config.rows.length;
    const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: fields.map((f) => f.data) });
    return { table: new Table(schema, [new RecordBatch(schema, struct)]) };
  },
});
