import type { Table } from 'apache-arrow';
import { requireStateColumns } from './require-state-columns';

/** What a fitted transform outputs: the table and the state it was transformed with. */
export interface Fitted<S> {
  table: Table;
  fitted: S;
}

/**
 * The run of a fitted transform (impute, encode, scale, bin): a state connected to the `fitted` input
 * is applied (after checking the table has its columns), else one is fitted on this table. Either way
 * the state goes out again, so a test split is transformed exactly as the training split was.
 *
 * @example
 * return applyOrFit(inputs, {
 *   columnsOf: (s) => s.columns.map((c) => c.column),
 *   apply: applyScale,
 *   fit: (table) => fitScale(table, { columns: config.columns, method: config.method }),
 * });
 */
export function applyOrFit<S>(
  inputs: { table: Table; fitted?: S | undefined },
  steps: {
    /** The columns a state reads. */
    columnsOf: (state: S) => readonly string[];
    apply: (table: Table, state: S) => Table;
    /** Checks the config's columns and fits; returns the transformed table and the state. */
    fit: (table: Table) => { table: Table; state: S };
  },
  progress?: (fraction: number) => void,
): Fitted<S> {
  const { table, fitted } = inputs;
  if (fitted !== undefined) {
    requireStateColumns(table, steps.columnsOf(fitted));
    return { table: steps.apply(table, fitted), fitted };
  }
  const result = steps.fit(table);
  progress?.(1);
  return { table: result.table, fitted: result.state };
}
