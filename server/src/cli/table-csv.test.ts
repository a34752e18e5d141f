import { tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { tableCsv } from './table-csv';

describe('tableCsv', () => {
  it('quotes, escapes formula prefixes, writes nulls empty and dates ISO', () => {
    const table = tableOf(
      {
        text: ['plain', 'a,b', 'say "hi"', '=1+1', '+1', '-1', '@x', '\tx', 'line\nbreak', null],
        n: [1, -2.5, null, 0, 1e21, 3, 4, 5, 6, 7],
        d: ['2024-01-31', '2024-01-31T10:00:00Z', null, null, null, null, null, null, null, null],
      },
      { d: 'date' },
    );
    expect(tableCsv(table).split('\r\n')).toEqual([
      'text,n,d',
      'plain,1,2024-01-31',
      '"a,b",-2.5,2024-01-31T10:00:00.000Z',
      '"say ""hi""",,',
      "'=1+1,0,",
      "'+1,1e+21,",
      "'-1,3,",
      "'@x,4,",
      "'\tx,5,",
      '"line\nbreak",6,',
      ',7,',
      '',
    ]);
  });
});
