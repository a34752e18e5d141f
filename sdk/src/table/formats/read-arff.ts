import { makeData, makeVector, type Table, TimestampMillisecond, type Vector } from 'apache-arrow';
import type { Issue, Result } from '../../errors/issue';
import { dateVector, dictionaryVector, float64Vector, int32Vector, packValidity, utf8Vector } from '../build-vector';
import { tableFromColumns } from '../table-from-columns';
import { type ArffAttribute, readArffHeader } from './arff-header';
import { ArffScanner } from './arff-scanner';

/**
 * How to read an ARFF file.
 *
 * @example
 * readArff(bytes, { maxColumns: 500 });
 */
export interface ArffOptions {
  /** The most attributes a file may declare. Default 10,000. */
  maxColumns?: number;
  /** Stops a long read between rows. */
  signal?: AbortSignal;
}

const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;

function issue(line: number, message: string): Issue {
  return { code: 'INPUT_INVALID', path: ['line', line], message };
}

/** One column's storage while rows are read: numbers and dates as floats, nominal codes, or texts. */
interface Store {
  attribute: ArffAttribute;
  floats: Float64Array;
  codes: Int32Array;
  texts: (string | null)[];
  valid: Uint8Array;
  missing: boolean;
}

/**
 * Reads a Weka ARFF file (UTF-8) into a table, one column per `@attribute`: numeric/real → Float64,
 * integer → Int32 (Float64 when a value is fractional or beyond 32 bits), nominal → Dictionary<Utf8>
 * with the declared values in order, string → Utf8, date → Timestamp (ms, UTC) or, when the
 * pattern has no time of day, Date. `?` is missing; sparse rows `{index value, …}` leave the other
 * columns at 0 (numeric), the first declared value (nominal), "" (string) or 1970-01-01 (date), as
 * Weka does. A line that does not parse, or a value outside its nominal set, is refused with its
 * line number and the attribute.
 *
 * @example
 * const r = readArff(new TextEncoder().encode('@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1.5,a\n?,b\n'));
 * if (r.ok) r.value.numRows; // 2
 */
export function readArff(bytes: Uint8Array, options: ArffOptions = {}): Result<Table> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, issues: [issue(1, 'The file is not valid UTF-8 text.')] };
  }
  const header = readArffHeader(text, options.maxColumns ?? 10_000);
  if (!header.ok) return { ok: false, issues: [issue(header.line, header.message)] };
  const { attributes } = header;
  // Every data line is at most one row, so the line count bounds the storage.
  let capacity = 1;
  for (let i = text.indexOf('\n', header.dataOffset); i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
  const stores: Store[] = attributes.map((attribute) => ({
    attribute,
    floats:
      attribute.kind === 'numeric' || attribute.kind === 'integer' || attribute.kind === 'date'
        ? new Float64Array(capacity)
        : new Float64Array(0),
    codes: attribute.kind === 'nominal' ? new Int32Array(capacity) : new Int32Array(0),
    texts: [],
    valid: new Uint8Array(capacity).fill(1),
    missing: false,
  }));
  const s = new ArffScanner();
  let rows = 0;
  let offset = header.dataOffset;
  let lineNo = header.dataLine;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const stop = nl < 0 ? text.length : nl;
    const line = text.charCodeAt(stop - 1) === 13 ? text.slice(offset, stop - 1) : text.slice(offset, stop);
    offset = stop + 1;
    lineNo++;
    if ((lineNo & 0xffff) === 0) options.signal?.throwIfAborted();
    s.reset(line);
    if (s.atEnd()) continue;
    const first = line.charCodeAt(s.pos);
    const plain = first !== OPEN && line.indexOf('"') < 0 && line.indexOf("'") < 0 && line.indexOf('%') < 0;
    const error = plain ? readPlain(line, stores, rows) : first === OPEN ? readSparse(s, stores, rows) : readDense(s, stores, rows);
    if (error) return { ok: false, issues: [issue(lineNo, error)] };
    rows++;
  }
  const vectors = stores.map((store) => toVector(store, rows));
  return {
    ok: true,
    value: tableFromColumns(
      attributes.map((a) => a.name),
      vectors,
    ),
  };
}

/** A dense line without quotes or comments, split natively: most lines of most files. */
function readPlain(line: string, stores: Store[], row: number): string | undefined {
  const parts = line.split(',');
  const n = stores.length;
  if (parts.length !== n) return parts.length < n ? `expected ${n} values, found ${parts.length}` : `expected ${n} values, found more`;
  for (let k = 0; k < n; k++) {
    let value = parts[k] as string;
    const last = value.length - 1;
    if (last < 0 || value.charCodeAt(0) <= 32 || value.charCodeAt(last) <= 32) value = value.trim();
    const error = value === '' ? 'a value is empty (write ? for a missing one)' : store(stores[k] as Store, row, value, false);
    if (error) return k === 0 || error.startsWith('attribute') ? error : `value ${k + 1}: ${error}`;
  }
  return undefined;
}

function readDense(s: ArffScanner, stores: Store[], row: number): string | undefined {
  const n = stores.length;
  for (let k = 0; k < n; k++) {
    if (s.atEnd()) return `expected ${n} values, found ${k}`;
    const error = s.readValue(COMMA, -1) ?? store(stores[k] as Store, row, s.value, s.quoted);
    if (error) return k === 0 || error.startsWith('attribute') ? error : `value ${k + 1}: ${error}`;
    const next = s.peek();
    if (k < n - 1) {
      if (next !== COMMA) return `expected ${n} values, found ${k + 1}`;
      s.pos++;
    } else if (next !== -1) return `expected ${n} values, found more`;
  }
  return undefined;
}

function readSparse(s: ArffScanner, stores: Store[], row: number): string | undefined {
  for (const st of stores) fillZero(st, row);
  s.pos++;
  while (s.peek() !== CLOSE) {
    const word = s.readWord();
    const index = /^\d+$/.test(word) ? Number(word) : -1;
    if (index < 0 || index >= stores.length)
      return `expected "index value" in a sparse row with an index below ${stores.length}, found "${word.slice(0, 40)}"`;
    const error = s.readValue(COMMA, CLOSE) ?? store(stores[index] as Store, row, s.value, s.quoted);
    if (error) return error;
    const next = s.peek();
    if (next === COMMA) s.pos++;
    else if (next !== CLOSE) return 'expected "," or "}" in a sparse row';
  }
  s.pos++;
  return s.atEnd() ? undefined : 'unexpected text after "}" of a sparse row';
}

function fillZero(st: Store, row: number): void {
  const kind = st.attribute.kind;
  if (kind === 'nominal') st.codes[row] = 0;
  else if (kind === 'string') st.texts[row] = '';
  else st.floats[row] = 0;
}

function store(st: Store, row: number, value: string, quoted: boolean): string | undefined {
  const a = st.attribute;
  if (!quoted && value === '?') {
    st.valid[row] = 0;
    st.missing = true;
    if (a.kind === 'string') st.texts[row] = null;
    return undefined;
  }
  st.valid[row] = 1;
  switch (a.kind) {
    case 'numeric':
    case 'integer': {
      const n = Number(value);
      if (Number.isNaN(n) && value !== 'NaN') return `attribute "${a.name}" expects a number, found "${value.slice(0, 40)}"`;
      st.floats[row] = n;
      return undefined;
    }
    case 'nominal': {
      const code = a.codes?.get(value);
      if (code === undefined) return `attribute "${a.name}": "${value.slice(0, 40)}" is not one of ${labelList(a.labels ?? [])}`;
      st.codes[row] = code;
      return undefined;
    }
    case 'string':
      st.texts[row] = value;
      return undefined;
    case 'date': {
      const ms = a.date?.parse(value) ?? Number.NaN;
      if (Number.isNaN(ms)) return `attribute "${a.name}" expects a date like "${a.date?.pattern}", found "${value.slice(0, 40)}"`;
      st.floats[row] = ms;
      return undefined;
    }
  }
}

function labelList(labels: readonly string[]): string {
  const shown = labels.slice(0, 10).join(', ');
  return `{${shown}${labels.length > 10 ? `, … ${labels.length - 10} more` : ''}}`;
}

function toVector(st: Store, rows: number): Vector {
  const valid = st.missing ? st.valid.subarray(0, rows) : null;
  switch (st.attribute.kind) {
    case 'numeric':
      return float64Vector(st.floats.subarray(0, rows), valid);
    case 'integer': {
      const values = st.floats.subarray(0, rows);
      for (let i = 0; i < rows; i++) {
        const v = values[i] as number;
        if ((valid === null || valid[i] === 1) && (v | 0) !== v) return float64Vector(values, valid);
      }
      return int32Vector(Int32Array.from(values), valid);
    }
    case 'nominal':
      return dictionaryVector(st.codes.subarray(0, rows), st.attribute.labels ?? [], valid);
    case 'string':
      return utf8Vector(st.texts.length === rows ? st.texts : st.texts.slice(0, rows), valid);
    case 'date': {
      const days = dateVector(st.floats.subarray(0, rows), valid);
      if (!st.attribute.date?.hasTime) return days;
      const type = new TimestampMillisecond('UTC');
      return makeVector(makeData({ type, length: rows, data: days.data[0]?.values, ...packValidity(valid, rows) }));
    }
  }
}
