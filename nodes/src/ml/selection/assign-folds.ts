import { categoryText, columnOf, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { type FoldStrategy, groupFold, kFold, stratifiedFold } from './folds';
import type { PreparedData } from './prepare';

/** How a node asks for its folds. */
export interface FoldOptions {
  strategy: FoldStrategy;
  folds: number;
  shuffle: boolean;
  seed: number;
  /** The column whose values keep rows together (group folds). */
  group?: string | undefined;
}

/**
 * Each prepared row's fold. Stratified folds need a class target; group folds read the group column
 * (a null is a group of its own, like any value).
 *
 * @example
 * assignFolds(data, table, { strategy: 'stratified', folds: 5, shuffle: true, seed: 0 })
 */
export function assignFolds(data: PreparedData, table: Table, options: FoldOptions, rows?: Int32Array): Int32Array {
  const at = rows ?? null;
  const n = at ? at.length : data.x.rows;
  if (options.strategy === 'kfold') return kFold(n, options.folds, options);
  if (options.strategy === 'stratified') {
    if (data.target.task !== 'classification')
      throw new UserError('CONFIG_INVALID', 'Stratified folds need a class target; use k-fold for a regression.', {
        issues: [{ code: 'CONFIG_INVALID', path: ['config', 'strategy'], message: 'stratified needs classes' }],
      });
    const y = data.target.targets.y;
    return stratifiedFold(at ? Int32Array.from(at, (i) => y[i] as number) : y, options.folds, options);
  }
  const name = options.group;
  if (name === undefined || !table.schema.fields.some((f) => f.name === name))
    throw new UserError('CONFIG_INVALID', name === undefined ? 'Group folds need a group column.' : `There is no group column "${name}".`, {
      issues: [{ code: 'CONFIG_INVALID', path: ['config', 'group'], message: name === undefined ? 'required' : 'unknown column' }],
    });
  const column = readColumn(columnOf(table, name));
  const text = categoryText(column);
  const codes = new Map<string | null, number>();
  const groups = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const row = data.rows[at ? (at[r] as number) : r] as number;
    const key = column.valid && !column.valid[row] ? null : text(row);
    let code = codes.get(key);
    if (code === undefined) {
      code = codes.size;
      codes.set(key, code);
    }
    groups[r] = code;
  }
  return groupFold(groups, codes.size, options.folds);
}
