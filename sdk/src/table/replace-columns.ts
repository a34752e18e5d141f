import type { Table, Vector } from 'apache-arrow';
import { tableFromColumns } from './table-from-columns';

/**
 * A table with some columns replaced, each by zero or more named columns in its place; others untouched.
 *
 * @example
 * replaceColumns(table, new Map([['color', [['color=red', red], ['color=blue', blue]]]]))
 */
export function replaceColumns(table: Table, replacements: ReadonlyMap<string, readonly (readonly [string, Vector])[]>): Table {
  const names: string[] = [];
  const vectors: Vector[] = [];
  table.schema.fields.forEach((field, c) => {
    const replacement = replacements.get(field.name);
    if (!replacement) {
      names.push(field.name);
      vectors.push(table.getChildAt(c) as Vector);
      return;
    }
    for (const [name, vector] of replacement) {
      names.push(name);
      vectors.push(vector);
    }
  });
  return tableFromColumns(names, vectors);
}
