import { readParquet } from '@causeway/sdk';
import { DateMillisecond, Dictionary, Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableFile, tableOfPages } from './table-file';

const table = new Table({
  city: vectorFromArray(['Oslo', 'Bergen', 'Oslo', 'Tromsø'], new Dictionary(new Utf8(), new Int32())),
  temp: vectorFromArray([1.5, -2, 3, 4]),
  day: vectorFromArray(
    [new Date(Date.UTC(2012, 0, 1)), new Date(Date.UTC(2012, 0, 2)), null, new Date(Date.UTC(2012, 1, 29))],
    new DateMillisecond(),
  ),
});

describe('tableFile', () => {
  it('writes CSV with dates as ISO text, never epoch milliseconds', () => {
    const csv = new TextDecoder().decode(tableFile(table, 'csv'));
    expect(csv).toBe('city,temp,day\nOslo,1.5,2012-01-01\nBergen,-2,2012-01-02\nOslo,3,\nTromsø,4,2012-02-29\n');
  });

  it('writes Parquet that reads back to the same values', async () => {
    const read = await readParquet(tableFile(table, 'parquet'));
    if (!read.ok) throw new Error(read.issues[0]?.message);
    expect(read.value.getChild('city')?.toArray()).toEqual(['Oslo', 'Bergen', 'Oslo', 'Tromsø']);
    expect([...(read.value.getChild('temp')?.toArray() ?? [])]).toEqual([1.5, -2, 3, 4]);
    expect(read.value.getChild('day')?.get(3)).toBe(Date.UTC(2012, 1, 29));
  });

  it('joins pages sent one by one (each with its own dictionary) back into the whole table', () => {
    const pages = [tableToIPC(table.slice(0, 3), 'stream'), tableToIPC(table.slice(3, 4), 'stream')];
    expect(new TextDecoder().decode(tableFile(tableOfPages(pages), 'csv'))).toBe(new TextDecoder().decode(tableFile(table, 'csv')));
  });
});
