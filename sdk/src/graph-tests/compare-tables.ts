import type { Table, Vector } from 'apache-arrow';
import { formatValue } from '../table/format-value';

/**
 * Largest absolute difference allowed between numbers: for every column, or per column name.
 *
 * @example
 * const tolerance: Tolerance = { probability: 1e-6 };
 */
export type Tolerance = number | Readonly<Record<string, number>>;

/**
 * How an actual table differs from the expected one; `equal` when it does not.
 *
 * @example
 * const diff: TableDiff = compareTables(actual, rowsOfTable(expected));
 * if (!diff.equal) console.log(diff.lines.join('\n'));
 */
export interface TableDiff {
  equal: boolean;
  /** A few lines a person reads: what differs first, and counts of the rest. */
  lines: string[];
  differingRows: number;
}

/** An expected table given as plain rows (a test's `values`), or as a table read from a golden file. */
export interface ExpectedRows {
  columns: readonly string[];
  rowCount: number;
  cell(row: number, column: number): unknown;
}

const shownRows = 5;

/**
 * The rows of an Arrow table as {@link ExpectedRows}.
 *
 * @example
 * compareTables(actual, rowsOfTable(golden), 0.001);
 */
export function rowsOfTable(table: Table): ExpectedRows {
  const vectors = table.schema.fields.map((_, i) => table.getChildAt(i) as Vector);
  return {
    columns: table.schema.fields.map((f) => f.name),
    rowCount: table.numRows,
    cell: (row, column) => normalize(vectors[column]?.get(row)),
  };
}

/** Plain rows (JSON cells) as {@link ExpectedRows}. */
export function rowsOfValues(columns: readonly string[], rows: readonly (readonly unknown[])[]): ExpectedRows {
  return { columns, rowCount: rows.length, cell: (row, column) => rows[row]?.[column] ?? null };
}

/**
 * Compares a table with what it should hold, cell by cell in row order, numbers within the
 * tolerance of their column (exact by default, but for the 1e-9 relative slack that printing a
 * float as text needs), a number equal to the text that spells it. The diff names the first rows
 * and columns that differ and counts the rest, so a failure reads without opening a file.
 *
 * @example
 * const diff = compareTables(actual, rowsOfTable(golden), { score: 0.001 });
 * if (!diff.equal) console.log(diff.lines.join('\n'));
 */
export function compareTables(actual: Table, expected: ExpectedRows, tolerance: Tolerance = 0): TableDiff {
  const lines: string[] = [];
  const have = rowsOfTable(actual);
  const missing = expected.columns.filter((c) => !have.columns.includes(c));
  const extra = have.columns.filter((c) => !expected.columns.includes(c));
  if (missing.length > 0) lines.push(`missing columns: ${missing.join(', ')}`);
  if (extra.length > 0) lines.push(`unexpected columns: ${extra.join(', ')}`);
  if (have.rowCount !== expected.rowCount) lines.push(`${have.rowCount} rows, expected ${expected.rowCount}`);
  const shared = expected.columns.map((name, e) => ({ name, e, a: have.columns.indexOf(name) })).filter((c) => c.a >= 0);
  const limitOf = (name: string) => (typeof tolerance === 'number' ? tolerance : (tolerance[name] ?? 0));
  const perColumn = new Map<string, number>();
  let differingRows = 0;
  const rows = Math.min(have.rowCount, expected.rowCount);
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    for (const { name, e, a } of shared) {
      const got = have.cell(row, a);
      const want = expected.cell(row, e);
      if (same(got, want, limitOf(name))) continue;
      perColumn.set(name, (perColumn.get(name) ?? 0) + 1);
      cells.push(`${name} ${show(got)} ≠ ${show(want)}`);
    }
    if (cells.length === 0) continue;
    differingRows++;
    if (differingRows <= shownRows)
      lines.push(`row ${row + 1}: ${cells.slice(0, 4).join(', ')}${cells.length > 4 ? `, and ${cells.length - 4} more columns` : ''}`);
  }
  if (differingRows > shownRows) lines.push(`…and ${differingRows - shownRows} more differing rows`);
  if (differingRows > 0)
    lines.push(`${differingRows} of ${rows} rows differ, by column: ${[...perColumn].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  return { equal: lines.length === 0, lines, differingRows };
}

// Arrow cells in plain form: dates as epoch ms, big integers as numbers, dictionaries already decoded.
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return value;
}

function same(got: unknown, want: unknown, limit: number): boolean {
  if (got === null || want === null) return got === want;
  const a = typeof got === 'number' ? got : typeof got === 'string' && typeof want === 'number' ? Number(got) : undefined;
  const b = typeof want === 'number' ? want : typeof want === 'string' && typeof got === 'number' ? Number(want) : undefined;
  if (a !== undefined && b !== undefined) {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) && typeof got === typeof want;
    return Math.abs(a - b) <= Math.max(limit, 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
  }
  return got === want || String(got) === String(want);
}

function show(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : formatValue(value);
}
