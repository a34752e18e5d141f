import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../errors/issue';
import { readArff } from './read-arff';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/arff/${name}`, import.meta.url)));

function read(name: string): Table {
  const r = readArff(fixture(name));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('; '));
  return r.value;
}

function errorOf(bytes: Uint8Array): string {
  const r = readArff(bytes);
  if (r.ok) throw new Error('read when it should have been refused');
  return r.issues.map(formatIssue).join('; ');
}

const rows = (t: Table) => t.toArray().map((r) => r.toJSON());
const types = (t: Table) => t.schema.fields.map((f) => String(f.type));

describe('readArff', () => {
  it('reads dense rows with nominal, real and integer attributes', () => {
    const t = read('dense.arff');
    expect(types(t)).toEqual(['Dictionary<Int32, Utf8>', 'Float64', 'Int32', 'Dictionary<Int32, Utf8>', 'Dictionary<Int32, Utf8>']);
    expect(rows(t)).toEqual([
      { outlook: 'sunny', temperature: 85, humidity: 85, windy: 'FALSE', play: 'no' },
      { outlook: 'overcast', temperature: 83.5, humidity: 86, windy: 'FALSE', play: 'yes' },
      { outlook: 'rainy', temperature: 70, humidity: 96, windy: 'TRUE', play: 'yes' },
    ]);
    // The dictionary holds every declared value in order, seen or not.
    expect(t.getChild('outlook')?.data[0]?.dictionary?.toArray()).toEqual(['sunny', 'overcast', 'rainy']);
  });

  it('reads sparse rows, leaving the other columns at Weka zero values', () => {
    expect(rows(read('sparse.arff'))).toEqual([
      { a: 1.5, b: 0, c: 'x', d: 'two words' },
      { a: 0, b: -2, c: 'y', d: '' },
      { a: 0, b: 0, c: 'x', d: '' },
      { a: 0.5, b: null, c: 'x', d: 'plain' },
    ]);
  });

  it('reads ? as missing in every type, but a quoted ? as text', () => {
    const t = read('missing.arff');
    expect(types(t)).toEqual(['Float64', 'Int32', 'Dictionary<Int32, Utf8>', 'Utf8', 'Date64<MILLISECOND>']);
    expect(rows(t)).toEqual([
      { n: null, i: 1, k: 'a', s: '?', t: Date.UTC(2024, 0, 5) },
      { n: 1.25, i: null, k: null, s: null, t: null },
    ]);
  });

  it('reads quoted names and values with escapes and trailing comments', () => {
    const t = read('quoted.arff');
    expect(t.schema.fields.map((f) => f.name)).toEqual(['first name', 'size class', "it's"]);
    expect(rows(t)).toEqual([
      { 'first name': "Ann O'Neil", 'size class': 'very small', "it's": 1 },
      { 'first name': 'tab\there, comma', 'size class': 'big "one"', "it's": 2 },
      { 'first name': 'plain', 'size class': 'plain', "it's": 3 },
    ]);
  });

  it('reads dates by ISO default and by SimpleDateFormat patterns', () => {
    const t = read('dates.arff');
    expect(types(t)).toEqual(['Timestamp<MILLISECOND, UTC>', 'Date64<MILLISECOND>', 'Timestamp<MILLISECOND, UTC>']);
    expect(rows(t)).toEqual([
      { iso: Date.UTC(2024, 2, 1, 12, 30, 5), day: Date.UTC(1998, 5, 12), stamp: Date.UTC(2001, 1, 3, 4, 5, 6) },
      { iso: null, day: Date.UTC(2024, 1, 29), stamp: null },
    ]);
  });

  it('integer attributes with a fraction become Float64', () => {
    const t = readArff(new TextEncoder().encode('@relation r\n@attribute i integer\n@data\n1\n2.5\n'));
    expect(t.ok && types(t.value)).toEqual(['Float64']);
  });

  it('reads CRLF lines after a byte-order mark, a list glued to its name, and an empty @data section', () => {
    const crlf = readArff(
      new TextEncoder().encode("\uFEFF@relation r\r\n@attribute x numeric\r\n@attribute c {a,b}\r\n@data\r\n1,b\r\n2,'a'\r\n"),
    );
    expect(crlf.ok && rows(crlf.value)).toEqual([
      { x: 1, c: 'b' },
      { x: 2, c: 'a' },
    ]);
    const glued = readArff(new TextEncoder().encode('@relation r\n@attribute class{a,b}\n@data\nb\n'));
    expect(glued.ok && rows(glued.value)).toEqual([{ class: 'b' }]);
    const empty = readArff(new TextEncoder().encode('@relation r\n@attribute x numeric\n@data\n'));
    expect(empty.ok && empty.value.numRows).toBe(0);
  });

  it('names the attribute and line of a value outside its nominal set', () => {
    expect(errorOf(fixture('bad-nominal.arff'))).toBe('INPUT_INVALID at line[6]: attribute "colour": "blue" is not one of {red, green}');
  });

  it('names the line and what was expected for a row that does not parse', () => {
    expect(errorOf(fixture('bad-row.arff'))).toBe('INPUT_INVALID at line[6]: expected 2 values, found 1');
    const text = (s: string) =>
      new TextEncoder().encode(`@relation r\n@attribute x numeric\n@attribute d date 'dd.MM.yyyy'\n@data\n${s}\n`);
    expect(errorOf(text('abc,01.01.2020'))).toBe('INPUT_INVALID at line[5]: attribute "x" expects a number, found "abc"');
    expect(errorOf(text('1,31.04.2020'))).toBe(
      'INPUT_INVALID at line[5]: attribute "d" expects a date like "dd.MM.yyyy", found "31.04.2020"',
    );
    expect(errorOf(text('1,01.01.2020,3'))).toBe('INPUT_INVALID at line[5]: expected 2 values, found more');
    expect(errorOf(text("'open,01.01.2020"))).toMatch(/^INPUT_INVALID at line\[5\]: a quoted value .* is not closed$/);
    expect(errorOf(text('{5 1}'))).toMatch(/^INPUT_INVALID at line\[5\]: expected "index value" in a sparse row with an index below 2/);
  });

  it('refuses a header that does not parse, naming the line', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(errorOf(bytes('@relation r\n@attribute x numbr\n@data\n'))).toBe(
      'INPUT_INVALID at line[2]: attribute "x": expected a type (numeric, real, integer, string, date or {values}), found "numbr"',
    );
    expect(errorOf(bytes('@relation r\n@attribute d date "yyyy-ww"\n@data\n'))).toMatch(/line\[2\]: .*uses "w"/);
    expect(errorOf(bytes('@relation r\nhello\n'))).toBe('INPUT_INVALID at line[2]: expected @relation, @attribute or @data, found "hello"');
    expect(errorOf(bytes('@relation r\n@attribute x numeric\n'))).toMatch(/ends before an @data line/);
  });
});
