import { defineNode, port, tableFromColumns, UserError, valuesToVector } from '@causeway/sdk';
import { z } from 'zod';
import { columnNames } from './excel-columns';
import { parseA1Range } from './excel-range';
import { readSheetRows } from './excel-reader';

const config = z.object({
  file: z
    .string()
    .min(1)
    .max(1000)
    .describe('The .xlsx file to read, relative to the graph (or an uploaded file name).')
    .meta({ ui: 'file' }),
  sheet: z
    .union([z.string().min(1).max(200), z.int().min(1).max(10_000)])
    .optional()
    .describe('The sheet, by name or by position (1 is the first); the first sheet when left out.'),
  range: z
    .string()
    .max(30)
    .refine((r) => parseA1Range(r) !== undefined, 'an A1 range such as B2:D100, or one cell B2 where the table starts')
    .optional()
    .describe('The cells to read, e.g. B2:D100 (or B2: from there to the end); the whole sheet when left out.'),
  header: z.boolean().default(true).describe('Whether the first row of the range names the columns.'),
});

/** Reads one sheet (or a range of it) of an Excel workbook into a table. */
export const excelSource = defineNode({
  type: 'source.excel',
  version: 1,
  category: 'source',
  title: 'Excel file',
  description: 'Reads a sheet of an .xlsx workbook, by name or position, optionally an A1 range; column types inferred.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  // The columns are known only once the workbook is read.
  infer: () => ({}),
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    let rows: unknown[][];
    try {
      rows = await readSheetRows(bytes, config.sheet ?? 1);
    } catch (error) {
      // By name as well: a bundle may hold the library's error classes twice.
      const kinds = error instanceof Error ? [error.name, error.constructor.name] : [];
      if (error instanceof Error && kinds.includes('SheetNotFoundError'))
        throw new UserError('CONFIG_INVALID', `"${config.file}" has no sheet ${JSON.stringify(config.sheet)}: ${error.message}`, {
          issues: [{ code: 'CONFIG_INVALID', path: ['config', 'sheet'], message: error.message }],
        });
      if (error instanceof Error && (kinds.includes('InvalidInputError') || kinds.includes('InvalidSpreadsheetError')))
        throw new UserError('INPUT_INVALID', `"${config.file}" cannot be read as an .xlsx workbook: ${error.message}`);
      // The reader's XML loop recurses once per chunk: a sheet of tens of thousands of rows can exhaust the stack.
      if (error instanceof RangeError)
        throw new UserError('INPUT_LIMIT', `"${config.file}" is too large for the .xlsx reader (${error.message}); save the sheet as CSV.`);
      throw error;
    }
    const range = config.range === undefined ? undefined : parseA1Range(config.range);
    const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
    const firstRow = range?.firstRow ?? 0;
    const firstColumn = range?.firstColumn ?? 0;
    const lastRow = Math.min(range?.lastRow ?? Infinity, rows.length - 1);
    const lastColumn = Math.min(range?.lastColumn ?? Infinity, width - 1);
    if (firstRow > lastRow || firstColumn > lastColumn) {
      const message = `The range ${config.range} is outside the sheet's cells (A1 to ${rows.length} rows × ${width} columns).`;
      throw new UserError('CONFIG_INVALID', `"${config.file}": ${message}`, {
        issues: [{ code: 'CONFIG_INVALID', path: ['config', 'range'], message }],
      });
    }
    const count = lastColumn - firstColumn + 1;
    const headerRow = rows[firstRow] ?? [];
    const names = columnNames(
      Array.from({ length: count }, (_, c) => headerRow[firstColumn + c]),
      config.header,
    );
    const dataStart = config.header ? firstRow + 1 : firstRow;
    const n = Math.max(0, lastRow - dataStart + 1);
    // Column at a time: each column's cells are gathered, then typed as the JSON and Parquet readers do.
    const vectors = names.map((name, c) => {
      const values = new Array<unknown>(n);
      for (let r = 0; r < n; r++) values[r] = (rows[dataStart + r] as unknown[] | undefined)?.[firstColumn + c] ?? null;
      return valuesToVector(values, name);
    });
    return { table: tableFromColumns(names, vectors) };
  },
});
