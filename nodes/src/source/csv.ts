import {
  type ColumnType,
  type CsvOptions,
  columnTypes,
  compileDatePattern,
  csvEncodings,
  defineNode,
  formatIssue,
  parseCsv,
  parseCsvStream,
  port,
  tableSchemaOf,
  thousandsSeparators,
  UserError,
} from '@causeway/sdk';
import { z } from 'zod';

const columnType = z.enum(columnTypes as [ColumnType, ...ColumnType[]]);

const config = z
  .object({
    file: z.string().min(1).max(1000).describe('The file to read, relative to the graph (or an uploaded file name).').meta({ ui: 'file' }),
    delimiter: z
      .string()
      .length(1)
      .refine((d) => d.charCodeAt(0) < 128 && !'"\r\n'.includes(d), 'one ASCII character other than a quote or a line break')
      .optional()
      .describe('Detected among , ; tab | when left out.'),
    encoding: z
      .enum(csvEncodings)
      .optional()
      .describe(
        'The text encoding: utf-8, latin1, windows-1252, utf-16le or utf-16be; a byte-order mark decides when left out, else UTF-8.',
      ),
    header: z.boolean().optional().describe('Whether the first row names the columns; detected when left out.'),
    nullTokens: z.array(z.string().max(100)).max(100).optional().describe('Unquoted texts read as a missing value.'),
    types: z
      .record(z.string().min(1), columnType)
      .optional()
      .describe('Column types instead of inference. List every column, in file order, to let the editor know the columns before a run.'),
    decimal: z.enum(['.', ',']).optional().describe('The decimal mark of numbers: "." (default) or "," (1,5 is one and a half).'),
    thousands: z
      .enum(thousandsSeparators as [string, ...string[]])
      .optional()
      .describe('A thousands separator in numbers (1.234,5 with "." here and "," as decimal mark); groups must be of three digits.'),
    dateFormat: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("How dates are written besides ISO 8601: MM/DD/YYYY, DD.MM.YYYY, MMM d yyyy, with HH:mm:ss; quote other letters ('T')."),
    onBadRow: z.enum(['fail', 'skip']).default('fail').describe('fail: a bad row stops the run; skip: bad rows are dropped and logged.'),
  })
  .superRefine((value, ctx) => {
    if (value.thousands !== undefined && value.thousands === (value.decimal ?? '.'))
      ctx.addIssue({ code: 'custom', path: ['thousands'], message: 'The thousands separator cannot be the decimal mark.' });
    if (value.dateFormat !== undefined) {
      const pattern = compileDatePattern(value.dateFormat);
      if (!pattern.ok) ctx.addIssue({ code: 'custom', path: ['dateFormat'], message: pattern.message });
    }
  });

/** Reads a CSV or TSV file into a table. */
export const csvSource = defineNode({
  type: 'source.csv',
  version: 1,
  category: 'source',
  title: 'CSV file',
  description: 'Reads a CSV/TSV file: delimiter and header detected, column types inferred or given.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  // The schema read from the file when it was uploaded or added (default options only: a given
  // delimiter, header or null tokens may change the columns), else the columns `types` lists.
  infer: ({ config, files }) => {
    const declared = config.types ?? {};
    const defaults =
      config.delimiter === undefined &&
      config.header === undefined &&
      config.nullTokens === undefined &&
      config.decimal === undefined &&
      config.thousands === undefined &&
      config.dateFormat === undefined &&
      config.encoding === undefined;
    const known = defaults ? files?.schemaOf(config.file) : undefined;
    if (known) {
      const columns = known.columns.map((c) => (Object.hasOwn(declared, c.name) ? { ...c, type: declared[c.name] as ColumnType } : c));
      return { table: { columns } };
    }
    const types = Object.entries(declared);
    if (types.length === 0) return {};
    return { table: { columns: types.map(([name, type]) => ({ name, type, nullable: true })) } };
  },
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const options: CsvOptions = {
      onBadRow: config.onBadRow,
      ...(config.delimiter === undefined ? {} : { delimiter: config.delimiter }),
      ...(config.header === undefined ? {} : { header: config.header }),
      ...(config.nullTokens === undefined ? {} : { nullTokens: config.nullTokens }),
      ...(config.types === undefined ? {} : { types: config.types }),
      ...(config.decimal === undefined ? {} : { decimal: config.decimal }),
      ...(config.thousands === undefined ? {} : { thousands: config.thousands }),
      ...(config.dateFormat === undefined ? {} : { dateFormat: config.dateFormat }),
      ...(config.encoding === undefined ? {} : { encoding: config.encoding }),
    };
    // Streamed when the host can open files (memory: a window plus the columns), else read whole.
    const file = await ctx.files.open?.(config.file, ctx.signal);
    const parsed = file
      ? await parseCsvStream(file.chunks, { ...options, expectedBytes: file.size, maxLineBytes: ctx.limits.csvLineBytes })
      : parseCsv(await ctx.files.read(config.file, ctx.signal), options);
    if (!parsed.ok) {
      const detail = parsed.issues.map((issue) => formatIssue(issue)).join('; ');
      throw new UserError(
        parsed.issues[0]?.code === 'INPUT_LIMIT' ? 'INPUT_LIMIT' : 'INPUT_INVALID',
        `"${config.file}" cannot be read as CSV: ${detail}`,
        {
          issues: parsed.issues,
        },
      );
    }
    const { table, badRows, badRowCount, notes } = parsed.value;
    // A detected header with its names kept is the usual case; anything else is worth a line.
    const usual = notes.length === 1 && parsed.value.dialect.header && config.header === undefined;
    if (!usual) for (const note of notes) ctx.log('info', `"${config.file}": ${note}`);
    if (badRowCount > 0) {
      const listed = badRows.slice(0, 5).map((row) => `line ${row.line}: ${row.message}`);
      const more = badRowCount > listed.length ? `; and ${badRowCount - listed.length} more` : '';
      ctx.log('warn', `Skipped ${badRowCount} bad row${badRowCount === 1 ? '' : 's'} of "${config.file}": ${listed.join('; ')}${more}`);
    }
    const declared = Object.keys(config.types ?? {});
    const actual = tableSchemaOf(table).columns.map((column) => column.name);
    if (declared.length > 0 && declared.join('\u0000') !== actual.join('\u0000')) {
      ctx.log(
        'warn',
        `"${config.file}" has the columns ${actual.join(', ')}; types lists ${declared.join(', ')}, so the editor's view of the table is incomplete.`,
      );
    }
    return { table };
  },
});
