import type { ColumnSchema } from '@causeway/sdk';

/** One row of a per-column type picker: the column, the type the config fixes (if any) and the type seen or inferred. */
export interface ColumnTypeRow {
  name: string;
  type: string | undefined;
  inferred: string | undefined;
}

const asTypes = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/** The known columns in table order, then the configured ones the table does not list, in config order. */
export function columnTypeRows(value: unknown, columns: readonly ColumnSchema[]): ColumnTypeRow[] {
  const types = asTypes(value);
  const rows: ColumnTypeRow[] = columns.map((c) => ({ name: c.name, type: types[c.name], inferred: c.type }));
  const known = new Set(columns.map((c) => c.name));
  for (const [name, type] of Object.entries(types)) if (!known.has(name)) rows.push({ name, type, inferred: undefined });
  return rows;
}

/**
 * The config after fixing (or, with `type` undefined, un-fixing) one column's type: keys in row order,
 * so a CSV's `types` follows the file's column order; an empty map is left out (undefined), never `{}` or null.
 */
export function setColumnType(
  value: unknown,
  rows: readonly ColumnTypeRow[],
  name: string,
  type: string | undefined,
): Record<string, string> | undefined {
  const types = asTypes(value);
  const next: Record<string, string> = {};
  const names = rows.some((r) => r.name === name) ? rows.map((r) => r.name) : [...rows.map((r) => r.name), name];
  for (const n of names) {
    const t = n === name ? type : types[n];
    if (t !== undefined) next[n] = t;
  }
  return Object.keys(next).length === 0 ? undefined : next;
}
