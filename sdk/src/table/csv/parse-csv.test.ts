import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../../ports/arrow-schema';
import { parseCsv } from './parse-csv';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/csv/${name}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((row) => ({ ...row.toJSON() }));
}

function typesOf(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, columnTypeOf(f.type)]));
}

function parsed(bytes: Uint8Array, options?: Parameters<typeof parseCsv>[1]) {
  const r = parseCsv(bytes, options);
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

function failure(bytes: Uint8Array, options?: Parameters<typeof parseCsv>[1]) {
  const r = parseCsv(bytes, options);
  if (r.ok) throw new Error('expected a failure');
  return r.issues;
}

describe('parseCsv on the corpus', () => {
  it('reads quoted fields with delimiters, doubled quotes and empty strings', () => {
    const { table } = parsed(fixture('quotes.csv'));
    expect(rowsOf(table)).toEqual([
      { id: 1, name: 'Smith, Ada', note: 'She said "hi"' },
      { id: 2, name: 'Bo', note: 'plain' },
      { id: 3, name: '', note: null },
    ]);
  });

  it('keeps line breaks inside quoted fields', () => {
    expect(rowsOf(parsed(fixture('embedded-newlines.csv')).table)).toEqual([
      { id: 1, text: 'line one\nline two' },
      { id: 2, text: 'a\r\nb' },
      { id: 3, text: 'single' },
    ]);
  });

  it('skips a UTF-8 byte-order mark', () => {
    const { table } = parsed(fixture('bom.csv'));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['name', 'city']);
    expect(rowsOf(table)).toEqual([
      { name: 'Zoë', city: 'Zürich' },
      { name: 'Åsa', city: 'Malmö' },
    ]);
  });

  it.each(['utf16le.csv', 'utf16be.csv'])('transcodes %s', (name) => {
    expect(rowsOf(parsed(fixture(name)).table)).toEqual([
      { name: 'Zoë', city: 'Zürich' },
      { name: '€uro, 𝄞', city: 'Malmö' },
    ]);
  });

  it('fails on invalid UTF-8, naming the line', () => {
    const issues = failure(fixture('invalid-utf8.csv'));
    expect(issues).toEqual([expect.objectContaining({ code: 'INPUT_INVALID', path: ['line', 3] })]);
    expect(issues[0]?.message).toMatch(/Line 3 is not valid UTF-8/);
  });

  it('fails on an empty file', () => {
    expect(failure(fixture('empty.csv'))).toEqual([
      expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringMatching(/empty/) }),
    ]);
    expect(failure(utf8('\n\r\n'))[0]?.code).toBe('INPUT_INVALID');
  });

  it('reads a header-only file as a table with columns and no rows', () => {
    const { table } = parsed(fixture('header-only.csv'));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['name', 'age', 'city']);
  });

  it('accepts CRLF and LF in one file', () => {
    expect(rowsOf(parsed(fixture('mixed-endings.csv')).table)).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'z' },
    ]);
  });

  it('strips the CR of CRLF but keeps a CR before a delimiter, in category columns too', () => {
    const { table } = parsed(utf8('a,b\r\nx\r,y\r\nx\r,y\r\nz,w\r\nz,w'));
    expect(typesOf(table)).toEqual({ a: 'category', b: 'category' });
    expect(rowsOf(table)).toEqual([
      { a: 'x\r', b: 'y' },
      { a: 'x\r', b: 'y' },
      { a: 'z', b: 'w' },
      { a: 'z', b: 'w' },
    ]);
  });

  it('detects semicolon, tab and pipe delimiters', () => {
    const semi = parsed(fixture('semicolon.csv'));
    expect(semi.dialect).toEqual({ delimiter: ';', header: true });
    expect(rowsOf(semi.table)[1]).toEqual({ name: 'Pear; ripe', price: '2,25', date: Date.UTC(2024, 0, 3) });
    const tab = parsed(fixture('tab.tsv'));
    expect(tab.dialect.delimiter).toBe('\t');
    expect(rowsOf(tab.table)).toEqual([
      { name: 'Ada', age: 36, active: true },
      { name: 'Bo', age: null, active: false },
    ]);
    expect(parsed(fixture('pipe.csv')).dialect.delimiter).toBe('|');
  });

  it('fails on a ragged row with its line, or skips and lists ragged rows', () => {
    expect(failure(fixture('ragged.csv'))).toEqual([
      { code: 'INPUT_INVALID', path: ['line', 3], message: 'Line 3 has 2 fields, expected 3.' },
    ]);
    const skipped = parsed(fixture('ragged.csv'), { onBadRow: 'skip' });
    expect(rowsOf(skipped.table)).toEqual([
      { a: 1, b: 2, c: 3 },
      { a: 6, b: 7, c: 8 },
      { a: 13, b: 14, c: 15 },
    ]);
    expect(skipped.badRows.map((b) => [b.line, b.reason])).toEqual([
      [3, 'ragged'],
      [5, 'ragged'],
    ]);
    expect(skipped.badRowCount).toBe(2);
  });

  it('caps the list of bad rows but keeps the count', () => {
    const text = `a,b\n${'1\n'.repeat(500)}2,3\n`;
    const r = parsed(utf8(text), { onBadRow: 'skip', maxBadRows: 10 });
    expect(r.badRows).toHaveLength(10);
    expect(r.badRows[9]?.line).toBe(11);
    expect(r.badRowCount).toBe(500);
    expect(rowsOf(r.table)).toEqual([{ a: 2, b: 3 }]);
  });

  it('reports an unterminated quote on its line and resumes on the next line', () => {
    expect(failure(fixture('unterminated-quote.csv'))).toEqual([
      expect.objectContaining({ path: ['line', 3], message: expect.stringMatching(/never closed/) }),
    ]);
    const r = parsed(fixture('unterminated-quote.csv'), { onBadRow: 'skip' });
    expect(rowsOf(r.table)).toEqual([
      { a: 1, b: 'ok' },
      { a: 3, b: 'fine' },
    ]);
  });

  it('rejects text after a closing quote as a bad row', () => {
    expect(failure(utf8('a,b\n1,"x"y\n'))[0]?.message).toMatch(/^Line 2: text follows a closing quote/);
  });

  it('infers integer, number, boolean, date, timestamp, string and category columns', () => {
    const { table } = parsed(fixture('types.csv'));
    expect(typesOf(table)).toEqual({
      int: 'integer',
      big: 'number',
      float: 'number',
      bool: 'boolean',
      date: 'date',
      time: 'date',
      text: 'string',
      cat: 'category',
    });
    expect(String(table.schema.fields.find((f) => f.name === 'int')?.type)).toBe('Int32');
    expect(String(table.schema.fields.find((f) => f.name === 'time')?.type)).toBe('Timestamp<MILLISECOND, UTC>');
    expect(rowsOf(table)).toEqual([
      {
        int: 1,
        big: 3e9,
        float: 1.5,
        bool: true,
        date: Date.UTC(2024, 0, 2),
        time: Date.UTC(2024, 0, 2, 3, 4, 5),
        text: 'hello',
        cat: 'x',
      },
      {
        int: -2,
        big: 1,
        float: 2,
        bool: false,
        date: Date.UTC(2024, 1, 29),
        time: Date.UTC(2024, 0, 2, 3, 4, 5, 250),
        text: 'wor,ld',
        cat: 'y',
      },
      { int: null, big: null, float: null, bool: null, date: null, time: null, text: null, cat: 'x' },
      { int: 4, big: 5, float: 1000, bool: true, date: Date.UTC(1999, 11, 31), time: Date.UTC(2024, 0, 2, 3, 4), text: '', cat: 'x' },
    ]);
    expect(table.schema.fields.find((f) => f.name === 'cat')?.nullable).toBe(false);
  });

  it('widens a column when a later value does not fit (integer → number → string)', () => {
    const { table } = parsed(fixture('widen.csv'));
    expect(typesOf(table)).toEqual({ n: 'integer', m: 'string' });
    expect(rowsOf(table).map((r) => r.m)).toEqual(['1', '2.5', 'x']);
    const numbers = parsed(utf8(`v\n${Array.from({ length: 3000 }, (_, i) => i).join('\n')}\n0.5\n`)).table;
    expect(typesOf(numbers)).toEqual({ v: 'number' });
    expect(numbers.getChild('v')?.get(2999)).toBe(2999);
    expect(numbers.getChild('v')?.get(3000)).toBe(0.5);
  });

  it('turns a text column with many distinct values from a category into strings', () => {
    const many = parsed(utf8(`k\n${Array.from({ length: 2000 }, (_, i) => `key${i}`).join('\n')}\n`)).table;
    expect(typesOf(many)).toEqual({ k: 'string' });
    expect(many.getChild('k')?.get(1999)).toBe('key1999');
    const few = parsed(utf8(`k\n${Array.from({ length: 2000 }, (_, i) => `key${i % 7}`).join('\n')}\n`)).table;
    expect(typesOf(few)).toEqual({ k: 'category' });
    expect(few.getChild('k')?.get(1999)).toBe('key4');
  });

  it('applies type overrides, and a value that does not convert is a bad row', () => {
    const text = utf8('age,name\n36,Ada\n4x,Bo\n41,Cy\n');
    expect(typesOf(parsed(utf8('age\n1\n2\n'), { types: { age: 'number' } }).table)).toEqual({ age: 'number' });
    expect(failure(text, { types: { age: 'integer' } })).toEqual([
      { code: 'INPUT_INVALID', path: ['line', 3], message: 'Line 3: "4x" in column "age" is not a valid integer.' },
    ]);
    const skipped = parsed(text, { types: { age: 'integer', name: 'category' }, onBadRow: 'skip' });
    expect(rowsOf(skipped.table)).toEqual([
      { age: 36, name: 'Ada' },
      { age: 41, name: 'Cy' },
    ]);
    expect(typesOf(skipped.table)).toEqual({ age: 'integer', name: 'category' });
    expect(failure(text, { types: { nope: 'number' } })).toEqual([
      expect.objectContaining({ code: 'CONFIG_INVALID', path: ['types', 'nope'] }),
    ]);
  });

  it('honours custom null tokens, and quoted tokens stay text', () => {
    const r = parsed(utf8('a,b\n-999,"NA"\n5,NA\n'), { nullTokens: ['-999', 'NA'] });
    expect(rowsOf(r.table)).toEqual([
      { a: null, b: 'NA' },
      { a: 5, b: null },
    ]);
  });

  it('lets the delimiter and header be overridden', () => {
    const r = parsed(utf8('a,b\n1,2\n'), { header: false, delimiter: ';' });
    expect(rowsOf(r.table)).toEqual([{ column1: 'a,b' }, { column1: '1,2' }]);
    expect(failure(utf8('a\n'), { delimiter: '""' })[0]?.code).toBe('CONFIG_INVALID');
  });

  it('names headerless columns and de-duplicates header names', () => {
    expect(parsed(utf8('1,2\n3,4\n')).table.schema.fields.map((f) => f.name)).toEqual(['column1', 'column2']);
    expect(parsed(utf8('a,a,\nx,y,z\n'), { header: true }).table.schema.fields.map((f) => f.name)).toEqual(['a', 'a_2', 'column3']);
  });

  it('reads a 10 MB field and rejects one above maxFieldBytes', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const { table } = parsed(utf8(`id,blob\n1,"${big}"\n2,small\n`));
    expect(String(table.getChild('blob')?.get(0)).length).toBe(big.length);
    expect(table.getChild('blob')?.get(1)).toBe('small');
    expect(failure(utf8(`id,blob\n1,${'y'.repeat(2000)}\n`), { maxFieldBytes: 1000 })[0]?.message).toMatch(/^Line 2: a field is larger/);
  });

  it('refuses more columns than maxColumns', () => {
    expect(failure(utf8('a,b,c\n1,2,3\n'), { maxColumns: 2 })[0]?.message).toMatch(/3 columns, more than the limit of 2/);
  });

  it('treats a lone-CR file as having line breaks', () => {
    expect(rowsOf(parsed(utf8('a,b\r1,2\r3,4\r')).table)).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
  });
});

describe('parseCsv header detection with a trailing delimiter, empty or repeated names', () => {
  it('reads the header, renames as with header: true, keeps the columns typed, and says so in notes', () => {
    const text = 'a,a,,b,\n1,2,3,4,\n5,6,7,8,\n';
    const detected = parsed(utf8(text));
    const declared = parsed(utf8(text), { header: true });
    expect(detected.table.schema.fields.map((f) => f.name)).toEqual(['a', 'a_2', 'column3', 'b', 'column5']);
    expect(typesOf(detected.table)).toEqual(typesOf(declared.table));
    expect(typesOf(detected.table).a).toBe('integer');
    expect(rowsOf(detected.table)).toEqual(rowsOf(declared.table));
    expect(detected.notes).toEqual([
      'The first row was detected as the header.',
      'Column names changed: "a" (column 2) is repeated, read as "a_2"; column 3 has no name, read as "column3"; column 5 has no name, read as "column5".',
    ]);
    expect(declared.notes).toHaveLength(1);
    expect(parsed(utf8('1,2\n3,4\n')).notes).toEqual([
      'No header was detected: the first row is data, and the columns are named column1 to column2.',
    ]);
  });
});
