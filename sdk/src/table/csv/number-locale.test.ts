import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../../ports/arrow-schema';
import { localNumber } from '../locale/locale-number';
import { resolveTextLocale, type TextLocale } from '../locale/text-locale';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';
import { parseNumber } from './parse-values';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/csv/${name}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const rowsOf = (table: Table) => table.toArray().map((row) => ({ ...row.toJSON() }));
const typesOf = (table: Table) => Object.fromEntries(table.schema.fields.map((f) => [f.name, columnTypeOf(f.type)]));

function numberIn(text: string, locale: TextLocale): number {
  const resolved = resolveTextLocale(locale);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  const bytes = utf8(text);
  const out = new Uint8Array(bytes.length);
  const n = localNumber(bytes, 0, bytes.length, resolved.value, out);
  return n < 0 ? Number.NaN : parseNumber(out, 0, n);
}

describe('numbers in a locale', () => {
  const german: TextLocale = { decimal: ',', thousands: '.' };
  it.each([
    ['1.234,5', 1234.5],
    ['-2,5', -2.5],
    ['1.234.567', 1234567],
    ['0,75', 0.75],
    [' 12 ', 12],
    ['1,5e3', 1500],
  ])('reads %s with decimal comma and thousands dot', (text, value) => {
    expect(numberIn(text, german)).toBe(value);
  });

  it.each(['1.5', '1.23', '1.2345', '.123', '1..234', '1.234.5', '1,2,3', '1.234,5.6', '12.34,5', '1.'])(
    'refuses %s: not a number with decimal comma and thousands dot',
    (text) => {
      expect(numberIn(text, german)).toBeNaN();
    },
  );

  it('reads a no-break space and an apostrophe as thousands separators', () => {
    expect(numberIn('1\u00a0234,5', { decimal: ',', thousands: '\u00a0' })).toBe(1234.5);
    expect(numberIn("1'234'567.25", { thousands: "'" })).toBe(1234567.25);
  });

  it('refuses a separator equal to the decimal mark, and unknown separators, naming the field', () => {
    const same = resolveTextLocale({ decimal: ',', thousands: ',' }, ['config']);
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.issues[0]?.path).toEqual(['config', 'thousands']);
    const odd = resolveTextLocale({ thousands: 'x' });
    expect(odd.ok).toBe(false);
  });
});

describe('parseCsv with a number locale', () => {
  it('reads decimal commas and thousands dots, and detects the semicolon', () => {
    const { table, dialect } = expectTable(parseCsv(fixture('decimal-comma.csv'), { decimal: ',', thousands: '.' }));
    expect(dialect.delimiter).toBe(';');
    expect(typesOf(table)).toMatchObject({ price: 'number', qty: 'integer' });
    expect(rowsOf(table)).toEqual([
      { name: 'Apfel', price: 1234.5, qty: 1000 },
      { name: 'Birne', price: 0.75, qty: 12 },
      { name: 'Kiwi', price: -2.5, qty: 3456789 },
    ]);
  });

  it('keeps the same file as text without the locale: never silently mis-parsed', () => {
    const { table } = expectTable(parseCsv(fixture('decimal-comma.csv')));
    expect(typesOf(table).price).not.toBe('number');
    expect(table.getChild('price')?.get(0)).toBe('1.234,5');
  });

  it('reads quoted thousands commas with a decimal point', () => {
    const { table } = expectTable(parseCsv(fixture('thousands-comma.csv'), { thousands: ',' }));
    expect(typesOf(table)).toMatchObject({ population: 'integer', area: 'number' });
    expect(table.getChild('population')?.toArray()).toEqual(Int32Array.from([513275, 342669, 139926]));
    expect(table.getChild('area')?.get(2)).toBe(49.51);
  });

  it('leaves a column with a badly grouped number as text', () => {
    const { table } = expectTable(parseCsv(utf8('a;b\n1.234;x\n12.34;y\n'), { decimal: ',', thousands: '.' }));
    expect(typesOf(table).a).not.toBe('integer');
    expect(table.getChild('a')?.get(1)).toBe('12.34');
  });

  it('fails a declared number column on a value of the other notation, naming column and line', () => {
    const r = parseCsv(utf8('a;b\n1,5;x\n2.5;y\n'), { decimal: ',', types: { a: 'number', b: 'string' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.path).toEqual(['line', 3]);
      expect(r.issues[0]?.message).toContain('a');
    }
  });

  it('refuses a thousands separator equal to the decimal mark, naming the field', () => {
    const r = parseCsv(utf8('a\n1\n'), { decimal: ',', thousands: ',' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['thousands']);
  });

  it('reads the same table streamed in small chunks', async () => {
    const bytes = fixture('decimal-comma.csv');
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    };
    const r = await parseCsvStream(chunks, { decimal: ',', thousands: '.' });
    expect(rowsOf(expectTable(r).table)).toEqual(rowsOf(expectTable(parseCsv(bytes, { decimal: ',', thousands: '.' })).table));
  });
});

function expectTable<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r.issues)}`);
  return r.value;
}
