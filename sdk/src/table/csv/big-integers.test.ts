import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

const utf8 = (text: string) => new TextEncoder().encode(text);

function read(text: string, options: Parameters<typeof parseCsv>[1] = {}) {
  const r = parseCsv(utf8(text), { header: true, ...options });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.table;
}

const column = (table: Table, name: string) => {
  const vector = table.getChild(name);
  return { type: String(vector?.type), values: Array.from({ length: vector?.length ?? 0 }, (_, i) => vector?.get(i) as unknown) };
};

describe('integers beyond 2^53 are never rounded', () => {
  it('are read as Int64, exactly', () => {
    const ids = ['9007199254740993', '-9223372036854775808', '9223372036854775807', '42'];
    expect(column(read(`id\n${ids.join('\n')}\n`), 'id')).toEqual({ type: 'Int64', values: ids.map(BigInt) });
  });

  it('a column of doubles and Int32 moves to Int64 while every value is whole', () => {
    expect(column(read('id\n1\n3000000000\nNA\n9007199254740993\n'), 'id')).toEqual({
      type: 'Int64',
      values: [1n, 3000000000n, null, 9007199254740993n],
    });
  });

  it('beyond Int64, or beside a fraction, they stay exact text', () => {
    expect(column(read('id\n1\n92233720368547758070\n'), 'id').values).toEqual(['1', '92233720368547758070']);
    expect(column(read('x\n1.5\n9007199254740993\n'), 'x').values).toEqual(['1.5', '9007199254740993']);
    expect(column(read('x\n9007199254740993\n1.5\n'), 'x').values).toEqual(['9007199254740993', '1.5']);
  });

  it('integers up to 2^53 still infer as before: Int32, then Float64', () => {
    expect(column(read('a\n1\n2\n'), 'a').type).toBe('Int32');
    expect(column(read('a\n1\n3000000000\n'), 'a')).toEqual({ type: 'Float64', values: [1, 3000000000] });
  });

  it('a column declared integer holds them as Int64, and names the range when even that is too small', () => {
    expect(column(read('id\n1\n3000000000\n9007199254740993\n', { types: { id: 'integer' } }), 'id')).toEqual({
      type: 'Int64',
      values: [1n, 3000000000n, 9007199254740993n],
    });
    const r = parseCsv(utf8('id\n1\n92233720368547758070\n'), { header: true, types: { id: 'integer' } });
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'Line 3: 92233720368547758070 in column "id" is beyond the 64-bit integer range; declare the column as string to keep it exactly.',
    ]);
  });

  it('the stream reader gives the same table', async () => {
    const text = `id,x\n${Array.from({ length: 50 }, (_, i) => `${9007199254740993n + BigInt(i)},${i}`).join('\n')}\n`;
    const bytes = utf8(text);
    const streamed = await parseCsvStream(
      async function* () {
        for (let at = 0; at < bytes.length; at += 100) yield bytes.subarray(at, at + 100);
      },
      { windowBytes: 128 },
    );
    if (!streamed.ok) throw new Error('expected a table');
    expect(column(streamed.value.table, 'id')).toEqual(column(read(text), 'id'));
    expect(column(streamed.value.table, 'id').values[49]).toBe(9007199254741042n);
  });
});
