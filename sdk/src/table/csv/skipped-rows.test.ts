import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../../ports/arrow-schema';
import type { CsvOptions } from './csv-options';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

const typesOf = (table: Table) => Object.fromEntries(table.schema.fields.map((f) => [f.name, columnTypeOf(f.type)]));
const rowsOf = (table: Table) => table.toArray().map((row) => ({ ...row.toJSON() }));

async function both(text: string, options: CsvOptions) {
  const bytes = new TextEncoder().encode(text);
  const whole = parseCsv(bytes, options);
  // Small windows, so the bad row and the rows after it arrive in different windows.
  const streamed = await parseCsvStream(
    async function* () {
      for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
    },
    { ...options, windowBytes: 8 },
  );
  if (!whole.ok || !streamed.ok) throw new Error('expected tables');
  return [whole.value, streamed.value];
}

describe('with onBadRow: "skip", a skipped row never influences a column type', () => {
  const cases: { name: string; text: string; types: Record<string, string>; rows: Record<string, unknown>[] }[] = [
    {
      name: 'a ragged first row whose text would have made the column text',
      text: 'a,b\nx,1,extra\n1,2\n3,4\n',
      types: { a: 'integer', b: 'integer' },
      rows: [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
    },
    {
      name: 'a ragged row in the middle that would have turned integers into text',
      text: 'a,b\n1,2\nx,5,9\n3,4\n',
      types: { a: 'integer', b: 'integer' },
      rows: [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
    },
    {
      name: 'a ragged row that would have widened integers to numbers',
      text: 'a,b\n1,2\n2.5\n3,4\n',
      types: { a: 'integer', b: 'integer' },
      rows: [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
    },
    {
      name: 'a ragged row whose time of day would have made dates timestamps',
      text: 'd,n\n2024-01-01,1\n2024-01-02T10:00,2,3\n2024-01-03,3\n',
      types: { d: 'date', n: 'integer' },
      rows: [
        { d: Date.UTC(2024, 0, 1), n: 1 },
        { d: Date.UTC(2024, 0, 3), n: 3 },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      for (const out of await both(c.text, { onBadRow: 'skip', header: true })) {
        expect(typesOf(out.table)).toEqual(c.types);
        expect(rowsOf(out.table)).toEqual(c.rows);
        expect(out.badRowCount).toBe(1);
        expect(out.badRows.map((r) => r.reason)).toEqual(['ragged']);
        expect(out.table.schema.fields.some((f) => String(f.type).startsWith('Timestamp'))).toBe(false);
      }
    });
  }

  it('a good row still widens a column after a skipped one', async () => {
    for (const out of await both('a,b\n1,2\nx,5,9\ny,4\n', { onBadRow: 'skip', header: true })) {
      expect(typesOf(out.table).a).not.toBe('integer');
      expect(rowsOf(out.table).map((r) => r.a)).toEqual(['1', 'y']);
      expect(out.badRows.map((r) => r.line)).toEqual([3]);
    }
  });
});
