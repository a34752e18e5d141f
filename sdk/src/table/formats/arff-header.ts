/** The header of an ARFF file: `@relation`, `@attribute` lines and where `@data` starts. */

import { compileDatePattern, type DatePattern, defaultArffDatePattern } from './arff-date';
import { ArffScanner } from './arff-scanner';

/**
 * One declared attribute (a column).
 *
 * @example
 * const a: ArffAttribute = { name: 'class', kind: 'nominal', labels: ['yes', 'no'], codes: new Map([['yes', 0], ['no', 1]]) };
 */
export interface ArffAttribute {
  name: string;
  kind: 'numeric' | 'integer' | 'nominal' | 'string' | 'date';
  labels?: string[];
  codes?: Map<string, number>;
  date?: DatePattern;
}

/** A header, or an error message with its line. */
export type ArffHeader =
  | { ok: true; relation: string; attributes: ArffAttribute[]; dataLine: number; dataOffset: number }
  | { ok: false; line: number; message: string };

const OPEN = 123;
const CLOSE = 125;
const COMMA = 44;

/**
 * Reads the header of `text` up to and including the `@data` line.
 *
 * @example
 * readArffHeader('@relation r\n@attribute x numeric\n@data\n1\n', 10_000) // ok, one attribute, dataLine 3
 */
export function readArffHeader(text: string, maxColumns: number): ArffHeader {
  const s = new ArffScanner();
  const attributes: ArffAttribute[] = [];
  const names = new Set<string>();
  let relation = '';
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const stop = nl < 0 ? text.length : nl;
    const line = text.charCodeAt(stop - 1) === 13 ? text.slice(offset, stop - 1) : text.slice(offset, stop);
    offset = stop + 1;
    lineNo++;
    s.reset(line);
    if (s.atEnd()) continue;
    const keyword = s.readWord().toLowerCase();
    const fail = (message: string) => ({ ok: false as const, line: lineNo, message });
    if (keyword === '@data') {
      if (attributes.length === 0) return fail('@data comes before any @attribute');
      return { ok: true, relation, attributes, dataLine: lineNo, dataOffset: Math.min(offset, text.length) };
    }
    if (keyword === '@relation') {
      const error = s.readName();
      if (error) return fail(error);
      relation = s.value;
      continue;
    }
    if (keyword !== '@attribute') return fail(`expected @relation, @attribute or @data, found "${keyword.slice(0, 40)}"`);
    const error = s.readName();
    if (error) return fail(error);
    const name = s.value;
    if (name === '') return fail('@attribute needs a name and a type');
    if (names.has(name)) return fail(`attribute "${name}" is declared twice`);
    if (attributes.length >= maxColumns) return fail(`more than ${maxColumns} attributes`);
    const attribute = readType(s, name);
    if (typeof attribute === 'string') return fail(attribute);
    names.add(name);
    attributes.push(attribute);
  }
  return { ok: false, line: lineNo, message: 'the file ends before an @data line' };
}

function readType(s: ArffScanner, name: string): ArffAttribute | string {
  if (s.peek() === OPEN) {
    s.pos++;
    const labels: string[] = [];
    const codes = new Map<string, number>();
    while (s.peek() !== CLOSE) {
      const error = s.readValue(COMMA, CLOSE);
      if (error) return `attribute "${name}": ${error}`;
      if (!codes.has(s.value)) codes.set(s.value, labels.length);
      labels.push(s.value);
      const next = s.peek();
      if (next === COMMA) s.pos++;
      else if (next !== CLOSE) return `attribute "${name}": expected "," or "}" in the list of values`;
    }
    s.pos++;
    if (labels.length === 0) return `attribute "${name}" has an empty list of values`;
    if (!s.atEnd()) return `attribute "${name}": unexpected text after "}"`;
    return { name, kind: 'nominal', labels, codes };
  }
  const type = s.readWord().toLowerCase();
  if (type === 'numeric' || type === 'real') return { name, kind: 'numeric' };
  if (type === 'integer') return { name, kind: 'integer' };
  if (type === 'string') return { name, kind: 'string' };
  if (type === 'date') {
    let pattern = defaultArffDatePattern;
    if (!s.atEnd()) {
      const error = s.readValue(-1, -1);
      if (error) return `attribute "${name}": ${error}`;
      pattern = s.value;
    }
    const date = compileDatePattern(pattern);
    if (typeof date === 'string') return `attribute "${name}": ${date}`;
    return { name, kind: 'date', date };
  }
  if (type === 'relational') return `attribute "${name}": relational attributes are not supported`;
  return `attribute "${name}": expected a type (numeric, real, integer, string, date or {values}), found "${type.slice(0, 40)}"`;
}
