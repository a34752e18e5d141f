import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { castColumns } from './cast';

const raw = tableOf({ age: ['31', '', null, ' 40 '], joined: ['2024-01-31', null, '2024-02-29', ''], score: [1, 0, null, 1] });

describe('transform.cast', () => {
  it('converts text to numbers and dates, empty text to null, and numbers to booleans', async () => {
    const { outputs } = await runNode(castColumns, {
      inputs: { table: raw },
      config: {
        columns: [
          { column: 'age', type: 'integer' },
          { column: 'joined', type: 'date' },
          { column: 'score', type: 'boolean' },
        ],
      },
    });
    expect(outputs.table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['age', 'Int32'],
      ['joined', 'Date64<MILLISECOND>'],
      ['score', 'Bool'],
    ]);
    expect(rowsOf(outputs.table)).toEqual([
      { age: 31, joined: new Date('2024-01-31'), score: true },
      { age: null, joined: null, score: false },
      { age: null, joined: new Date('2024-02-29'), score: null },
      { age: 40, joined: null, score: true },
    ]);
  });

  it('reads numbers written with a decimal comma and thousands dots when told so', async () => {
    const local = tableOf({ price: ['1.234,5', '0,75', '', '-2.000'] });
    const { outputs } = await runNode(castColumns, {
      inputs: { table: local },
      config: { columns: [{ column: 'price', type: 'number' }], decimal: ',', thousands: '.' },
    });
    expect(rowsOf(outputs.table).map((r) => r.price)).toEqual([1234.5, 0.75, null, -2000]);
  });

  it('fails a number in the other notation under a locale, naming its row', async () => {
    const local = tableOf({ price: ['1,5', '2.5'] });
    await expect(
      runNode(castColumns, { inputs: { table: local }, config: { columns: [{ column: 'price', type: 'number' }], decimal: ',' } }),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      issues: [{ path: ['config', 'columns', 0, 'type'], message: 'Column "price": row 2: "2.5" is not a number' }],
    });
  });

  it('reads dates in a given format and names the format when one does not convert', async () => {
    const local = tableOf({ d: ['01/05/2024', '2024-02-01', ''] });
    const config = { columns: [{ column: 'd', type: 'date' as const }], dateFormat: 'MM/DD/YYYY' };
    const { outputs } = await runNode(castColumns, { inputs: { table: local }, config });
    expect(rowsOf(outputs.table).map((r) => r.d)).toEqual([new Date('2024-01-05'), new Date('2024-02-01'), null]);
    await expect(runNode(castColumns, { inputs: { table: tableOf({ d: ['01/05/2024', '31/01/2024'] }) }, config })).rejects.toMatchObject({
      issues: [{ message: 'Column "d": row 2: "31/01/2024" is not a date in the form MM/DD/YYYY or ISO 8601' }],
    });
    expect(castColumns.config.safeParse({ ...config, dateFormat: 'MM/DD/YYYQ' }).error?.issues[0]?.path).toEqual(['dateFormat']);
  });

  it('refuses a thousands separator equal to the decimal mark, naming the field', () => {
    const r = castColumns.config.safeParse({ columns: [{ column: 'a', type: 'number' }], decimal: ',', thousands: ',' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['thousands']);
  });

  it('fails naming the column and row of a value that does not convert', async () => {
    const bad = tableOf({ age: ['31', 'forty'] });
    await expect(
      runNode(castColumns, { inputs: { table: bad }, config: { columns: [{ column: 'age', type: 'number' }] } }),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      issues: [{ path: ['config', 'columns', 0, 'type'], message: 'Column "age": row 2: "forty" is not a number' }],
    });
    await expect(
      runNode(castColumns, {
        inputs: { table: raw },
        config: {
          columns: [
            { column: 'age', type: 'number' },
            { column: 'age', type: 'date' },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: ['config', 'columns', 1, 'column'] }] });
  });

  it('infers the new types and reports an unknown column with a suggestion', () => {
    const input = {
      columns: [
        { name: 'age', type: 'string' as const, nullable: false },
        { name: 'n', type: 'number' as const, nullable: false },
      ],
    };
    expect(
      inferNode(castColumns, {
        inputs: { table: input },
        config: {
          columns: [
            { column: 'age', type: 'integer' },
            { column: 'n', type: 'string' },
          ],
        },
      }).outputs,
    ).toEqual({
      table: {
        columns: [
          { name: 'age', type: 'integer', nullable: true },
          { name: 'n', type: 'string', nullable: false },
        ],
      },
    });
    const bad = inferNode(castColumns, { inputs: { table: input }, config: { columns: [{ column: 'agge', type: 'integer' }] } });
    expect(bad).toEqual({
      outputs: {},
      issues: [{ code: 'SCHEMA_INVALID', path: ['config', 'columns', 0, 'column'], message: 'Unknown column "agge"; did you mean "age"?' }],
    });
  });
});
