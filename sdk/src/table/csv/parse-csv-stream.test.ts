import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../errors';
import type { CsvOptions } from './csv-options';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

// Null rows past the 64 KiB the reader takes in before its first scan, so what follows arrives in chunks.
const filler = 'NA;NA;NA;NA;NA\n'.repeat(4600);
const tail = [
  '1;"quoted; with ""quotes"" and\na line break";true;2024-01-05;12',
  '-5;"crlf\r\ninside";false;2024-02-29;13.5\r',
  '',
  '7;plain é and 😀;NA;2024-03-01T10:00:00Z;',
  '8;"ragged";true',
  '9;"closed"after;true;2024-03-02;1',
  '\r',
  '10;"ünïcödé ""x""";false;2024-03-03;-0.25',
  '11;x;true;2024-03-04;1e3',
  '12;"never closed;true;2024-03-05;2',
  '13;last;false;2024-03-06;3',
].join('\n');
const tricky = encode(`id;text;flag;day;amount\n${filler}${tail}`);
// The same, where the id column turns to text near the end: the stream is opened a second time.
const turning = encode(`id;text;flag;day;amount\n${filler}${tail}\nlate text;t;true;2024-03-07;4\n`);

async function* chunks(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut < from || cut > bytes.length) continue;
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

function summary(r: Awaited<ReturnType<typeof parseCsvStream>>) {
  if (!r.ok) return { issues: r.issues };
  const { table, badRows, badRowCount, dialect } = r.value;
  // The filler rows are all null: their count and null counts stand for them, the rest is compared cell by cell.
  return {
    fields: table.schema.fields.map(String),
    numRows: table.numRows,
    nullCounts: table.schema.fields.map((f) => table.getChild(f.name)?.nullCount),
    rows: table
      .slice(Math.max(0, table.numRows - 40))
      .toArray()
      .map((row) => JSON.stringify(row.toJSON())),
    badRows,
    badRowCount,
    dialect,
  };
}

async function sameAsWhole(bytes: Uint8Array, cuts: readonly number[], options: CsvOptions, windowBytes = 1): Promise<void> {
  const whole = summary(parseCsv(bytes, options));
  const streamed = summary(await parseCsvStream(() => chunks(bytes, cuts), { ...options, windowBytes }));
  expect(streamed).toEqual(whole);
}

describe('parseCsvStream', () => {
  it('reads the tricky file with its bad rows on the right lines', async () => {
    const r = await parseCsvStream(() => chunks(tricky, [70_000, 70_010]), { onBadRow: 'skip', windowBytes: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const lineOf = (text: string) =>
      `id;text;flag;day;amount\n${filler}${tail}`.slice(0, `id;text;flag;day;amount\n${filler}${tail}`.indexOf(text)).split('\n').length;
    expect(r.value.badRows.map((b) => [b.line, b.reason])).toEqual([
      [lineOf('8;"ragged"'), 'ragged'],
      [lineOf('9;"closed"'), 'malformed-quote'],
      [lineOf('12;"never'), 'unterminated-quote'],
    ]);
    const rows = r.value.table.toArray().slice(4600);
    expect(rows.map((row) => row.toJSON().text)).toEqual([
      'quoted; with "quotes" and\na line break',
      'crlf\r\ninside',
      'plain é and 😀',
      'ünïcödé "x"',
      'x',
      'last',
    ]);
  });

  it('gives the whole-buffer result with a chunk boundary at every byte of the tricky part', async () => {
    const from = tricky.length - encode(tail).length - 2;
    for (let cut = from; cut <= tricky.length; cut++) {
      await sameAsWhole(tricky, [cut], { onBadRow: 'skip' });
    }
    for (let cut = 0; cut < 40; cut++) await sameAsWhole(tricky, [cut, 66_000 + cut], { onBadRow: 'skip' });
  }, 120_000);

  it('gives the whole-buffer result for random chunkings, window sizes and bad-row modes (property)', async () => {
    const tailStart = tricky.length - encode(tail).length;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(tricky, turning),
        fc.array(fc.integer({ min: tailStart - 50, max: turning.length }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom<'fail' | 'skip'>('fail', 'skip'),
        fc.boolean(),
        async (bytes, cuts, windowBytes, onBadRow, typed) => {
          const options: CsvOptions = typed ? { onBadRow, types: { flag: 'boolean' }, nullTokens: ['NA', ''] } : { onBadRow };
          await sameAsWhole(bytes, cuts, options, windowBytes);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('reads byte by byte', async () => {
    const cuts = Array.from({ length: tricky.length }, (_, i) => i);
    await sameAsWhole(tricky, cuts, { onBadRow: 'skip' });
  });

  it('copies each chunk before asking for the next, so a source may reuse one buffer', async () => {
    async function* reused(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
      const buffer = new Uint8Array(size);
      for (let from = 0; from < bytes.length; from += size) {
        const chunk = bytes.subarray(from, from + size);
        buffer.set(chunk);
        yield buffer.subarray(0, chunk.length);
        buffer.fill(0x3b);
      }
    }
    for (const options of [{ onBadRow: 'skip' as const }, {}]) {
      const whole = summary(parseCsv(turning, options));
      expect(summary(await parseCsvStream(() => reused(turning, 997), { ...options, windowBytes: 4096 }))).toEqual(whole);
      expect(summary(await parseCsvStream(reused(turning, 997), options))).toEqual(whole);
    }
  });

  it('opens the stream again only when a column turns to text after numbers', async () => {
    let opened = 0;
    const open = (bytes: Uint8Array) => () => {
      opened++;
      return chunks(bytes, [70_000]);
    };
    const plain = await parseCsvStream(open(tricky), { onBadRow: 'skip' });
    expect(plain.ok).toBe(true);
    expect(opened).toBe(1);
    opened = 0;
    const late = await parseCsvStream(open(turning), { onBadRow: 'skip' });
    expect(opened).toBe(2);
    if (late.ok) expect(String(late.value.table.schema.fields[0]?.type)).toMatch(/Utf8/);
  });

  it('fails on invalid UTF-8 cut across chunks with its line, and on the first bad row with its line', async () => {
    const bad = encode(`a,b\n1,x\n2,y\n3,`);
    const invalid = new Uint8Array([...bad, 0xc3, 0x28, 10]);
    for (let cut = 0; cut <= invalid.length; cut++) await sameAsWhole(invalid, [cut], {});
    const r = await parseCsvStream(() => chunks(tricky, [70_000]), { windowBytes: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^Line 4608 has 3 fields, expected 5\./);
  });

  it('hands on a UserError of the source and reports other stream failures as invalid input', async () => {
    const missing = () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new UserError('FILE_UNKNOWN', 'No file "x.csv".')),
      }),
    });
    await expect(parseCsvStream(missing)).rejects.toThrow(/No file "x.csv"/);
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield tricky.subarray(0, 80_000);
      throw new Error('connection reset');
    }
    const r = await parseCsvStream(() => broken(), { windowBytes: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/connection reset/);
  });

  it('reads UTF-16 and empty streams as a whole parse does', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('a,b\n1,2\n', (ch) => [ch.charCodeAt(0), 0]).flat()]);
    for (let cut = 0; cut <= utf16.length; cut++) await sameAsWhole(utf16, [cut], {});
    await sameAsWhole(encode('\n\r\n'), [1], {});
    await sameAsWhole(new Uint8Array(0), [], {});
  });
});
