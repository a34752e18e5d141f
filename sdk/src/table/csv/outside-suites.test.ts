import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

/*
 * Cases from suites the project did not write, rewritten by hand as whole files:
 * - Papa Parse's core parser tests (tests/test-cases.js, https://github.com/mholt/PapaParse, MIT licence,
 *   Copyright (c) 2015 Matthew Holt);
 * - csv-spectrum (https://github.com/max-mapper/csv-spectrum, BSD-2-Clause).
 * Read without a header (`header: false`) and as text, so cells compare as the suites give them.
 */
const cases: { source: string; name: string; input: string; rows: string[][] }[] = [
  {
    source: 'papaparse',
    name: 'Two rows, just \\r',
    input: 'A,b,c\rd,E,f',
    rows: [
      ['A', 'b', 'c'],
      ['d', 'E', 'f'],
    ],
  },
  {
    source: 'papaparse',
    name: 'Two rows, \\r\\n',
    input: 'A,b,c\r\nd,E,f',
    rows: [
      ['A', 'b', 'c'],
      ['d', 'E', 'f'],
    ],
  },
  { source: 'papaparse', name: 'Quoted field with \\r\\n', input: 'A,"B\r\nB",C', rows: [['A', 'B\r\nB', 'C']] },
  { source: 'papaparse', name: 'Quoted field with \\r', input: 'A,"B\rB",C', rows: [['A', 'B\rB', 'C']] },
  { source: 'papaparse', name: 'Quoted field with \\n', input: 'A,"B\nB",C', rows: [['A', 'B\nB', 'C']] },
  {
    source: 'papaparse',
    name: 'Quoted fields with line breaks, lines ending in \\r',
    input: 'A,"B\rB","C\r\rC"\rd,e,f\r',
    rows: [
      ['A', 'B\rB', 'C\r\rC'],
      ['d', 'e', 'f'],
    ],
  },
  { source: 'papaparse', name: 'Quoted field with escaped quotes and \\r', input: 'A,"B""\rB""",C\r', rows: [['A', 'B"\rB"', 'C']] },
  {
    source: 'csv-spectrum',
    name: 'newlines_crlf, lines ending in \\r',
    input: 'a,b,c\r1,2,3\r"Once upon \ra time",5,6\r7,8,9\r',
    rows: [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['Once upon \ra time', '5', '6'],
      ['7', '8', '9'],
    ],
  },
  {
    source: 'csv-spectrum',
    name: 'quotes_and_newlines, lines ending in \\r',
    input: 'a,b\r1,"ha \r""ha"" \rha"\r3,4\r',
    rows: [
      ['a', 'b'],
      ['1', 'ha \r"ha" \rha'],
      ['3', '4'],
    ],
  },
];

const cellsOf = (table: Table): string[][] =>
  table.toArray().map((row) => Object.values(row.toJSON()).map((v) => (v === null ? '' : String(v))));

function textTypes(columns: number): Record<string, 'string'> {
  return Object.fromEntries(Array.from({ length: columns }, (_, i) => [`column${i + 1}`, 'string' as const]));
}

describe('CSV cases from Papa Parse and csv-spectrum', () => {
  for (const c of cases) {
    it(`${c.source}: ${c.name}`, async () => {
      const bytes = new TextEncoder().encode(c.input);
      const options = { header: false, delimiter: ',', nullTokens: [], types: textTypes(c.rows[0]?.length ?? 0) };
      const whole = parseCsv(bytes, options);
      if (!whole.ok) throw new Error(JSON.stringify(whole.issues));
      expect(cellsOf(whole.value.table)).toEqual(c.rows);
      const streamed = await parseCsvStream(async function* () {
        yield bytes;
      }, options);
      if (!streamed.ok) throw new Error(JSON.stringify(streamed.issues));
      expect(cellsOf(streamed.value.table)).toEqual(c.rows);
    });
  }
});
