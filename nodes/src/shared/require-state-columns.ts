import type { Table } from 'apache-arrow';
import { requireColumns } from './require-columns';

/**
 * Run time: fails with SCHEMA_INVALID when a fitted state (connected to a node's `fitted` input) names
 * columns the table lacks. The issues point at the node's `columns` field, where a user fixes it.
 *
 * @example
 * if (inputs.fitted) requireStateColumns(inputs.table, inputs.fitted.columns.map((c) => c.column));
 */
export function requireStateColumns(table: Table, names: readonly string[]): void {
  requireColumns(
    table,
    names.map((name) => ({ name, field: ['columns'] })),
    'The fitted state names a column the table lacks: ',
  );
}
