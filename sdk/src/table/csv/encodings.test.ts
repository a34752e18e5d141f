import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/csv/${name}`, import.meta.url)));
const rowsOf = (table: Table) => table.toArray().map((row) => ({ ...row.toJSON() }));

function tableOf(r: ReturnType<typeof parseCsv>): Table {
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r.issues)}`);
  return r.value.table;
}

describe('parseCsv with a declared encoding', () => {
  it('reads Latin-1, together with a decimal comma', () => {
    expect(rowsOf(tableOf(parseCsv(fixture('latin1.csv'), { encoding: 'latin1', decimal: ',' })))).toEqual([
      { name: 'Zoë', city: 'Zürich', price: 1.5 },
      { name: 'Renée', city: 'Besançon', price: 2 },
    ]);
  });

  it('fails the same Latin-1 file read as UTF-8, naming the line', () => {
    const r = parseCsv(fixture('latin1.csv'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['line', 2]);
  });

  it('reads Windows-1252 characters that Latin-1 does not have', () => {
    expect(rowsOf(tableOf(parseCsv(fixture('windows-1252.csv'), { encoding: 'windows-1252' })))).toEqual([
      { item: '€ note', price: 5 },
      { item: 'œuvre “x”', price: 7 },
    ]);
    // Byte for byte, 0x80 is a control character in ISO-8859-1, not the euro sign.
    const latin = tableOf(parseCsv(fixture('windows-1252.csv'), { encoding: 'latin1' }));
    expect(latin.getChild('item')?.get(0)).toBe('\u0080 note');
  });

  it('reads UTF-16 LE declared without a byte-order mark, and with one', () => {
    expect(rowsOf(tableOf(parseCsv(fixture('utf16le-no-bom.csv'), { encoding: 'utf-16le' })))).toEqual([{ name: 'Zoë', city: 'Zürich' }]);
    expect(rowsOf(tableOf(parseCsv(fixture('utf16le.csv'), { encoding: 'utf-16le' })))[0]).toEqual({ name: 'Zoë', city: 'Zürich' });
  });

  it('reads a declared encoding from a stream as from a buffer', async () => {
    const bytes = fixture('windows-1252.csv');
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    };
    expect(rowsOf(tableOf(await parseCsvStream(chunks, { encoding: 'windows-1252' })))[1]).toEqual({ item: 'œuvre “x”', price: 7 });
  });

  it('refuses an unknown encoding naming the field', () => {
    const r = parseCsv(fixture('latin1.csv'), { encoding: 'ebcdic' as 'latin1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['encoding']);
  });
});
