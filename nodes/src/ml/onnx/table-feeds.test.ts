import { readColumn } from '@causeway/sdk';
import { tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { tableFeeds } from './table-feeds';

const table = tableOf({ a: [1.5, null, 3.25, 4, 5], b: [10, 20, 30, 40, 50], c: [0.1, 0.2, 0.3, 0.4, 0.5] });

describe('tableFeeds', () => {
  it('converts batch after batch (nulls as NaN), each batch holding only its own rows', () => {
    const feeds = tableFeeds(
      table,
      [
        { name: 'a', type: 'float32', dims: [null, 1] },
        { name: 'b', type: 'int32', dims: [null, 1] },
      ],
      {},
    );
    const first = feeds.batch(0, 3);
    expect(Array.from(first.a?.data as Float32Array)).toEqual([1.5, Number.NaN, 3.25]);
    expect(first.a?.dims).toEqual([3, 1]);
    expect(Array.from(first.b?.data as Int32Array)).toEqual([10, 20, 30]);
    const second = feeds.batch(3, 5);
    expect(Array.from(second.a?.data as Float32Array)).toEqual([4, 5]);
    expect(Array.from(second.b?.data as Int32Array)).toEqual([40, 50]);
    expect(second.b?.dims).toEqual([2, 1]);
  });

  it('feeds a float64 column without nulls to a float64 input without copying it', () => {
    const feeds = tableFeeds(table, [{ name: 'c', type: 'float64', dims: [null, 1] }], {});
    const data = feeds.batch(1, 4).c?.data as Float64Array;
    const column = readColumn(table.getChild('c') as never);
    expect(Array.from(data)).toEqual([0.2, 0.3, 0.4]);
    expect(data.buffer).toBe((column as { values: Float64Array }).values.buffer);
  });

  it('assembles a wide [N, F] input row-major from the chosen columns', () => {
    const feeds = tableFeeds(table, [{ name: 'float_input', type: 'float32', dims: [null, 2] }], { columns: ['b', 'a'] });
    expect(Array.from(feeds.batch(0, 2).float_input?.data as Float32Array)).toEqual([10, 1.5, 20, Number.NaN]);
    expect(Array.from(feeds.batch(2, 3).float_input?.data as Float32Array)).toEqual([30, 3.25]);
  });

  it('names the column and row of a null fed to an integer input', () => {
    const feeds = tableFeeds(table, [{ name: 'a', type: 'int64', dims: [null, 1] }], {});
    expect(Array.from(feeds.batch(0, 1).a?.data as BigInt64Array)).toEqual([1n]);
    expect(() => feeds.batch(0, 3)).toThrow(/column "a" at row 2/);
  });
});
