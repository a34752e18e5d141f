import { type Issue, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { ColumnRef } from './column-ref';
import { unknownColumn } from './unknown-column';

/**
 * Run time: fails with SCHEMA_INVALID, one issue per unknown column on its config field (with a
 * suggestion), when the table lacks a column the config names. The kernels would fail too, but
 * without the field and the suggestion.
 *
 * @example
 * requireColumns(inputs.table, columnRefs(config.columns, ['columns']));
 */
export function requireColumns(table: Table, refs: readonly ColumnRef[], side = ''): void {
  const names = table.schema.fields.map((field) => field.name);
  const present = new Set(names);
  const issues: Issue[] = [];
  for (const ref of refs) {
    if (present.has(ref.name)) continue;
    const message = `${side}${unknownColumn(ref.name, names)}`;
    issues.push({ code: 'SCHEMA_INVALID', path: ['config', ...ref.field], message });
  }
  if (issues.length > 0) throw new UserError('SCHEMA_INVALID', issues.map((i) => i.message).join(' '), { issues });
}
