import { type ColumnSchema, defineNode, joinTables, port, type TableSchema } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns, type IssueReporter } from '../shared/check-columns';
import type { ColumnRef } from '../shared/column-ref';
import { keyKind } from '../shared/key-kind';
import { requireColumns } from '../shared/require-columns';

const pair = z.object({
  left: z.string().min(1).describe('The key column of the left table.').meta({ ui: 'column', input: 'left' }),
  right: z.string().min(1).describe('The key column of the right table.').meta({ ui: 'column', input: 'right' }),
});

const config = z.object({
  on: z.array(pair).min(1).max(100).describe('Pairs of key columns whose values must be equal (nulls never match).'),
  how: z
    .enum(['inner', 'left', 'right', 'full'])
    .default('inner')
    .describe('inner: matched rows only; left / right: also unmatched rows of that side; full: unmatched rows of both.'),
  suffix: z.string().min(1).max(50).default('_right').describe('Appended to a right column whose name is already taken.'),
});

type Config = z.output<typeof config>;

const refs = (on: Config['on'], side: 'left' | 'right'): ColumnRef[] =>
  on.map((p, index) => ({ name: p[side], field: ['on', index, side] }));

/** The output schema, by the same naming rules as the `joinTables` kernel. */
function joinedSchema(left: TableSchema, right: TableSchema, config: Config): TableSchema {
  const keepLeft = config.how === 'left' || config.how === 'full';
  const keepRight = config.how === 'right' || config.how === 'full';
  const rightByName = new Map(right.columns.map((c) => [c.name, c]));
  const columns: ColumnSchema[] = [];
  const merged = new Set<string>();
  for (const column of left.columns) {
    const same = config.on.some((p) => p.left === column.name && p.right === column.name);
    const partner = same ? rightByName.get(column.name) : undefined;
    if (partner && (!keepRight || partner.type === column.type)) {
      merged.add(column.name);
      // A coalesced key is null only where both sides are.
      columns.push(keepRight ? { ...column, nullable: column.nullable || partner.nullable } : column);
    } else columns.push({ ...column, nullable: column.nullable || keepRight });
  }
  const taken = new Set(columns.map((c) => c.name));
  for (const column of right.columns) {
    if (merged.has(column.name)) continue;
    let name = column.name;
    while (taken.has(name)) name += config.suffix;
    taken.add(name);
    columns.push({ name, type: column.type, nullable: column.nullable || keepLeft });
  }
  return { columns };
}

function checkKeys(left: TableSchema, right: TableSchema, config: Config, issue: IssueReporter): boolean {
  const l = checkColumns(left, refs(config.on, 'left'), issue);
  const r = checkColumns(right, refs(config.on, 'right'), issue);
  let ok = l.ok && r.ok;
  config.on.forEach((p, index) => {
    const a = l.columns.get(p.left);
    const b = r.columns.get(p.right);
    if (a && b && keyKind(a.type) !== keyKind(b.type)) {
      ok = false;
      issue(`Cannot join "${p.left}" (${a.type}) with "${p.right}" (${b.type}): their values never match.`, ['on', index, 'right']);
    }
  });
  return ok;
}

/** Join two tables on one or more key pairs. */
export const joinRows = defineNode({
  type: 'transform.join',
  version: 1,
  category: 'transform',
  title: 'Join tables',
  description:
    'Combine the rows of two tables whose key columns are equal (inner, left, right or full join, on one or more keys). A key with the same name on both sides gives one column; other clashing right columns get a suffix.',
  inputs: { left: port.table(), right: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.left || !inputs.right) return {};
    if (!checkKeys(inputs.left, inputs.right, config, issue)) return {};
    return { table: joinedSchema(inputs.left, inputs.right, config) };
  },
  run: ({ inputs, config }) => {
    requireColumns(inputs.left, refs(config.on, 'left'), 'Left table: ');
    requireColumns(inputs.right, refs(config.on, 'right'), 'Right table: ');
    const on = config.on.map((p) => [p.left, p.right] as const);
    return { table: joinTables(inputs.left, inputs.right, { on, how: config.how, suffix: config.suffix }) };
  },
});
