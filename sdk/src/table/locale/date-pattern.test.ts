import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../../ports/arrow-schema';
import { parseCsv } from '../csv/parse-csv';
import { parsed } from '../csv/parse-values';
import { compileDatePattern, type DatePattern, parseDatePattern } from './date-pattern';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function pattern(source: string): DatePattern {
  const compiled = compileDatePattern(source);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.value;
}

function read(text: string, source: string): number {
  const bytes = utf8(text);
  return parseDatePattern(bytes, 0, bytes.length, pattern(source));
}

describe('date patterns', () => {
  it.each([
    ['01/05/2024', 'MM/DD/YYYY', Date.UTC(2024, 0, 5)],
    ['31.01.2024', 'DD.MM.YYYY', Date.UTC(2024, 0, 31)],
    ['Jun 12 1998', 'MMM d yyyy', Date.UTC(1998, 5, 12)],
    ['jun 2 1998', 'MMM d yyyy', Date.UTC(1998, 5, 2)],
    ['2 September 2021', 'D MMMM YYYY', Date.UTC(2021, 8, 2)],
    ['1/5/2024', 'M/D/YYYY', Date.UTC(2024, 0, 5)],
    ['29.02.2000 13:45:07', 'DD.MM.YYYY HH:mm:ss', Date.UTC(2000, 1, 29, 13, 45, 7)],
    ['2024-01-05T09:30:00.250', "YYYY-MM-DD'T'HH:mm:ss.SSS", Date.UTC(2024, 0, 5, 9, 30, 0, 250)],
    [' 05.01.2024 ', 'DD.MM.YYYY', Date.UTC(2024, 0, 5)],
  ])('reads %s as %s', (text, source, ms) => {
    expect(read(text, source)).toBe(ms);
  });

  it('says whether a pattern gives a time of day', () => {
    read('01/05/2024', 'MM/DD/YYYY');
    expect(parsed.hasTime).toBe(false);
    read('01/05/2024 10:00', 'MM/DD/YYYY HH:mm');
    expect(parsed.hasTime).toBe(true);
  });

  it.each([
    ['1/5/2024', 'MM/DD/YYYY'],
    ['13/05/2024', 'MM/DD/YYYY'],
    ['02/30/2024', 'MM/DD/YYYY'],
    ['29.02.2023', 'DD.MM.YYYY'],
    ['31.01.2024x', 'DD.MM.YYYY'],
    ['31-01-2024', 'DD.MM.YYYY'],
    ['Jum 12 1998', 'MMM d yyyy'],
    ['01/05/24', 'MM/DD/YYYY'],
    ['01/05/2024 24:00', 'MM/DD/YYYY HH:mm'],
  ])('refuses %s under %s', (text, source) => {
    expect(read(text, source)).toBeNaN();
  });

  it.each([
    ['DD.MM.YYYY Q', '"Q" at character 12 is not a date field'],
    ['DD.MM', 'The pattern has no year.'],
    ['DD.MM.YYYY.MM', 'repeats the month'],
    ["YYYY-MM-DD'T", 'is not closed'],
    ['YYYY-MM-DD ss', 'Seconds need minutes'],
  ])('refuses the pattern %s, saying why', (source, message) => {
    const compiled = compileDatePattern(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toContain(message);
  });
});

describe('parseCsv with a date format', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../../test/fixtures/csv/us-dates.csv', import.meta.url)));

  it('keeps US dates and month names as text without a format', () => {
    const r = parseCsv(bytes);
    if (!r.ok) throw new Error('parse failed');
    expect(columnTypeOf(r.value.table.schema.fields[1]?.type)).not.toBe('date');
  });

  it('reads a column in the format and reads ISO dates besides', () => {
    const r = parseCsv(bytes, { dateFormat: 'MM/DD/YYYY' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const shipped = r.value.table.getChild('shipped');
    expect(columnTypeOf(r.value.table.schema.fields[1]?.type)).toBe('date');
    expect(shipped?.get(0)).toBe(Date.UTC(2024, 0, 5));
    expect(shipped?.get(2)).toBeNull();
    const iso = parseCsv(utf8('d\n2024-01-05\n01/06/2024\n'), { dateFormat: 'MM/DD/YYYY' });
    if (!iso.ok) throw new Error('parse failed');
    expect(iso.value.table.getChild('d')?.toArray()).toEqual([Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6)]);
  });

  it('fails a declared date column on a value not in the format, naming its line', () => {
    const r = parseCsv(bytes, { dateFormat: 'MMM d yyyy', types: { ordered: 'date' } });
    expect(r.ok).toBe(true);
    const bad = parseCsv(utf8('d\nJun 12 1998\n12.06.1998\n'), { dateFormat: 'MMM d yyyy', types: { d: 'date' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toEqual(['line', 3]);
  });

  it('refuses a bad pattern naming the field', () => {
    const r = parseCsv(bytes, { dateFormat: 'MM/QQ/YYYY' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['dateFormat']);
  });
});
