/** What the whole-text and the streaming JSON readers share: gathering records into columns, and issues. */
import type { Table } from 'apache-arrow';
import { UserError } from '../../errors/errors';
import type { Issue, Result } from '../../errors/issue';
import { jsonErrorPosition } from '../../graph/json-error-position';
import { tableFromColumns } from '../table-from-columns';
import { defaultValuesOptions, type ValuesOptions, valuesToVector } from './values-to-vector';

/**
 * How to read JSON records.
 *
 * @example
 * readJson(bytes, { format: 'ndjson', nested: 'fail' });
 */
export interface JsonOptions extends Partial<ValuesOptions> {
  /** `'array'`: one array of objects; `'ndjson'`: one object per line; `'auto'` (default): by the first character. */
  format?: 'auto' | 'array' | 'ndjson';
  /** The most columns a file may have. Default 10,000. */
  maxColumns?: number;
}

export function issue(message: string, line?: number, column?: number): Issue {
  return {
    code: 'INPUT_INVALID',
    path: line === undefined ? [] : ['line', line, ...(column === undefined ? [] : ['column', column])],
    message,
  };
}

function lineColumn(text: string, offset: number, baseLine: number): { line: number; column: number } {
  let line = baseLine;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function syntaxIssue(text: string, baseLine: number): Issue {
  const at = jsonErrorPosition(text);
  const { line, column } = lineColumn(text, Math.max(at, 0), baseLine);
  const what = at >= text.length ? 'the JSON ends too early' : `unexpected ${JSON.stringify(text.charAt(at))}`;
  return issue(`Invalid JSON at line ${line}, column ${column}: ${what}.`, line, column);
}

/** Values gathered column by column; a key first seen at row r is back-filled with nulls. */
export class Columns {
  readonly byName = new Map<string, unknown[]>();
  rows = 0;
  constructor(private readonly maxColumns: number) {}

  add(record: Record<string, unknown>, line: number): Issue | undefined {
    for (const key of Object.keys(record)) {
      let values = this.byName.get(key);
      if (!values) {
        if (this.byName.size >= this.maxColumns) return issue(`More than ${this.maxColumns} columns.`, line);
        values = new Array<unknown>(this.rows).fill(null);
        this.byName.set(key, values);
      }
      values.push(record[key]);
    }
    this.rows++;
    for (const values of this.byName.values()) if (values.length < this.rows) values.push(null);
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the lines of `text` (its first is line `firstLine`) into `columns`; every '\n' ends one line. */
export function readNdjson(text: string, columns: Columns, firstLine = 1): Issue | undefined {
  let line = firstLine - 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return syntaxIssue(raw.replace(/\r$/, ''), line);
    }
    if (!isRecord(value)) return issue(`Line ${line} is not a JSON object.`, line);
    const problem = columns.add(value, line);
    if (problem) return problem;
  }
  return undefined;
}

export function readArray(text: string, columns: Columns): Issue | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return syntaxIssue(text, 1);
  }
  if (!Array.isArray(value)) return issue('The JSON is not an array of objects (nor one object per line).');
  for (let i = 0; i < value.length; i++) {
    const record: unknown = value[i];
    if (!isRecord(record)) return { code: 'INPUT_INVALID', path: [i], message: `Item ${i} of the array is not an object.` };
    const problem = columns.add(record, i + 1);
    if (problem) return problem;
    value[i] = null; // let the parsed record go as soon as its values are in the columns
  }
  return undefined;
}

/** The table of gathered columns, typed as {@link readJson} says. */
export function tableOfColumns(columns: Columns, options: JsonOptions): Result<Table> {
  const valueOptions: ValuesOptions = { ...defaultValuesOptions, ...definedOf(options) };
  try {
    const names = [...columns.byName.keys()];
    const vectors = names.map((name) => {
      const vector = valuesToVector(columns.byName.get(name) as unknown[], name, valueOptions);
      columns.byName.delete(name);
      return vector;
    });
    return { ok: true, value: tableFromColumns(names, vectors) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, issues: [issue(error.message)] };
    throw error;
  }
}

function definedOf(options: JsonOptions): Partial<ValuesOptions> {
  const out: Partial<ValuesOptions> = {};
  if (options.nested !== undefined) out.nested = options.nested;
  if (options.categoryMaxDistinct !== undefined) out.categoryMaxDistinct = options.categoryMaxDistinct;
  if (options.categoryMaxRatio !== undefined) out.categoryMaxRatio = options.categoryMaxRatio;
  return out;
}
