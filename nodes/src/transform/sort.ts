import { defineNode, port, sortTable } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import type { ColumnRef } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';

const key = z.object({
  column: z.string().min(1).describe('The column to sort by.').meta({ ui: 'column' }),
  descending: z.boolean().default(false).describe('Largest first.'),
  nullsFirst: z.boolean().default(false).describe('Put nulls first (they go last otherwise, whatever the direction).'),
});

const config = z.object({
  keys: z.array(key).min(1).max(100).describe('Sort keys, most significant first.'),
});

const refsOf = (keys: readonly { column: string }[]): ColumnRef[] =>
  keys.map((k, index) => ({ name: k.column, field: ['keys', index, 'column'] }));

/** Sort rows by one or more keys (stable). */
export const sortRows = defineNode({
  type: 'transform.sort',
  version: 1,
  category: 'transform',
  title: 'Sort rows',
  description: 'Sort rows by one or more columns, each ascending or descending; equal rows keep their order. Text sorts by code unit.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    checkColumns(inputs.table, refsOf(config.keys), issue);
    return { table: inputs.table };
  },
  run: ({ inputs, config }) => {
    requireColumns(inputs.table, refsOf(config.keys));
    return { table: sortTable(inputs.table, config.keys) };
  },
});
