import type { Issue, Result } from '../../errors/issue';
import type { ColumnType } from '../../ports/table-schema';
import { type ResolvedTextLocale, resolveTextLocale, type TextLocale } from '../locale/text-locale';
import { type CsvEncoding, csvEncodings } from './decode-input';

/**
 * Why a row was rejected.
 *
 * @example
 * const reason: BadRowReason = 'ragged'; // wrong number of fields
 */
export type BadRowReason = 'ragged' | 'unconvertible' | 'unterminated-quote' | 'malformed-quote' | 'field-too-large';

/**
 * A row that could not be read, with the 1-based line of the file where it starts.
 *
 * @example
 * const bad: BadRow = { line: 7, reason: 'ragged', message: 'Line 7 has 4 fields, expected 3.' };
 */
export interface BadRow {
  line: number;
  reason: BadRowReason;
  message: string;
}

/**
 * How to read a CSV/TSV file. Everything is optional: the delimiter and the header are detected
 * from a sample, column types are inferred from the data.
 *
 * Null tokens match unquoted fields only: `""` is an empty string, `NA` is null, `"NA"` is the text NA.
 *
 * @example
 * parseCsv(bytes, { delimiter: ';', types: { age: 'number' }, onBadRow: 'skip' });
 */
export interface CsvOptions extends TextLocale {
  /** One ASCII character; detected among `,` `;` tab `|` when absent. */
  delimiter?: string;
  /** Whether the first row names the columns; detected when absent. */
  header?: boolean;
  /** The text encoding; when absent a byte-order mark decides (UTF-16 LE/BE), else UTF-8. */
  encoding?: CsvEncoding;
  /** Unquoted field texts read as null. Default: `''`, `NA`, `N/A`, `null`, `NULL`, `NaN`, `?`. */
  nullTokens?: readonly string[];
  /** Column types by column name, instead of inference; a value that does not convert is a bad row. */
  types?: Readonly<Record<string, ColumnType>>;
  /** `'fail'` (default): the first bad row fails the parse. `'skip'`: bad rows are dropped and listed. */
  onBadRow?: 'fail' | 'skip';
  /** How many bad rows `badRows` lists at most (the count is kept in `badRowCount`). Default 100. */
  maxBadRows?: number;
  /** The largest field in bytes. Default 16 MiB. */
  maxFieldBytes?: number;
  /** The most columns a file may have. Default 10,000. */
  maxColumns?: number;
  /** A text column becomes a category when it has at most this many distinct values… Default 1,000. */
  categoryMaxDistinct?: number;
  /** …and at most this fraction of its rows are distinct. Default 0.5. */
  categoryMaxRatio?: number;
}

/** The options with every default filled in. */
export interface ResolvedCsvOptions {
  delimiter: number | undefined;
  header: boolean | undefined;
  nullTokens: Uint8Array[];
  types: Readonly<Record<string, ColumnType>>;
  onBadRow: 'fail' | 'skip';
  maxBadRows: number;
  maxFieldBytes: number;
  maxColumns: number;
  categoryMaxDistinct: number;
  categoryMaxRatio: number;
  locale: ResolvedTextLocale;
}

/**
 * The null tokens used when `nullTokens` is not given.
 *
 * @example
 * parseCsv(bytes, { nullTokens: [...defaultNullTokens, '-'] });
 */
export const defaultNullTokens: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', '?'];

const columnTypeNames = new Set(['number', 'integer', 'string', 'category', 'boolean', 'date']);

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** Checks the options and fills in the defaults. */
export function resolveCsvOptions(options: CsvOptions = {}): Result<ResolvedCsvOptions> {
  const issues: Issue[] = [];
  let delimiter: number | undefined;
  if (options.delimiter !== undefined) {
    const code = options.delimiter.charCodeAt(0);
    if (options.delimiter.length !== 1 || code > 127 || code === 34 || code === 10 || code === 13) {
      issues.push({
        code: 'CONFIG_INVALID',
        path: ['delimiter'],
        message: 'The delimiter must be one ASCII character other than a quote or a line break.',
      });
    } else delimiter = code;
  }
  if (options.encoding !== undefined && !csvEncodings.includes(options.encoding)) {
    issues.push({
      code: 'CONFIG_INVALID',
      path: ['encoding'],
      message: `Unknown encoding ${JSON.stringify(options.encoding)}: one of ${csvEncodings.join(', ')}.`,
    });
  }
  const types = options.types ?? {};
  for (const [name, type] of Object.entries(types)) {
    if (!columnTypeNames.has(type))
      issues.push({ code: 'CONFIG_INVALID', path: ['types', name], message: `Unknown column type "${String(type)}".` });
  }
  const locale = resolveTextLocale(options);
  if (!locale.ok) issues.push(...locale.issues);
  if (issues.length > 0 || !locale.ok) return { ok: false, issues };
  const encoder = new TextEncoder();
  return {
    ok: true,
    value: {
      delimiter,
      header: options.header,
      nullTokens: (options.nullTokens ?? defaultNullTokens).map((token) => encoder.encode(token)),
      types,
      onBadRow: options.onBadRow ?? 'fail',
      maxBadRows: options.maxBadRows !== undefined && options.maxBadRows >= 0 ? Math.floor(options.maxBadRows) : 100,
      maxFieldBytes: positive(options.maxFieldBytes, 16 * 1024 * 1024),
      maxColumns: positive(options.maxColumns, 10_000),
      categoryMaxDistinct: positive(options.categoryMaxDistinct, 1000),
      categoryMaxRatio: options.categoryMaxRatio !== undefined && options.categoryMaxRatio >= 0 ? options.categoryMaxRatio : 0.5,
      locale: locale.value,
    },
  };
}
