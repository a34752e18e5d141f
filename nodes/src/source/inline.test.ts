import { tableSchemaOf } from '@causeway/sdk';
import { inferNode, rowsOf, runNode } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineSource } from './inline';

const config = {
  columns: [
    { name: 'age', type: 'integer' as const },
    { name: 'score', type: 'number' as const },
    { name: 'name', type: 'string' as const },
    { name: 'city', type: 'category' as const },
    { name: 'member', type: 'boolean' as const },
    { name: 'joined', type: 'date' as const },
  ],
  rows: [
    [31, 0.5, 'a', 'NL', true, '2024-01-31'],
    [null, 2, 'b', 'BE', null, '2024-02-01T12:30:00Z'],
    [40, null, null, 'NL', false, null],
  ],
};

describe('source.inline', () => {
  it('builds a typed Arrow table from the config', async () => {
    const { outputs } = await runNode(inlineSource, { inputs: {}, config });
    expect(outputs.table.schema.fields.map((f) => String(f.type))).toEqual([
      'Int32',
      'Float64',
      'Utf8',
      'Dictionary<Int32, Utf8>',
      'Bool',
      'Date64<MILLISECOND>',
    ]);
    expect(rowsOf(outputs.table)).toEqual([
      { age: 31, score: 0.5, name: 'a', city: 'NL', member: true, joined: new Date('2024-01-31T00:00:00Z') },
      { age: null, score: 2, name: 'b', city: 'BE', member: null, joined: new Date('2024-02-01T12:30:00Z') },
      { age: 40, score: null, name: null, city: 'NL', member: false, joined: null },
    ]);
  });

  it('reads zone-less times as UTC', async () => {
    const { outputs } = await runNode(inlineSource, {
      inputs: {},
      config: { columns: [{ name: 'at', type: 'date' }], rows: [['2024-05-06T07:08'], ['2024-05-06T07:08:09+02:00']] },
    });
    expect(rowsOf(outputs.table)).toEqual([{ at: new Date('2024-05-06T07:08:00Z') }, { at: new Date('2024-05-06T05:08:09Z') }]);
  });

  it('infers the same schema the run produces', async () => {
    const inferred = inferNode(inlineSource, { config });
    const { outputs } = await runNode(inlineSource, { inputs: {}, config });
    expect(inferred.issues).toEqual([]);
    expect(inferred.outputs.table).toEqual(tableSchemaOf(outputs.table));
    expect(tableSchemaOf(outputs.table).columns.map((c) => c.nullable)).toEqual([true, true, true, false, true, true]);
  });

  it('points each bad cell and ragged row out by its path', async () => {
    const bad = {
      columns: [
        { name: 'n', type: 'integer' as const },
        { name: 'd', type: 'date' as const },
      ],
      rows: [[1.5, '2024-02-30'], [1], ['x', '2024-01-01'], [2, 'yesterday']],
    };
    const error = await runNode(inlineSource, { inputs: {}, config: bad }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    const issues = (error as { issues: { path: unknown[]; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual([
      ['config', 'rows', 0, 0],
      ['config', 'rows', 0, 1],
      ['config', 'rows', 1],
      ['config', 'rows', 2, 0],
      ['config', 'rows', 3, 1],
    ]);
    expect(issues[0]?.message).toBe('rows[0][0]: Column "n" wants a whole number that fits 32 bits; got 1.5.');
    expect(issues[2]?.message).toBe('rows[1]: Row 2 has 1 cell; the table has 2 columns.');
  });

  it('rejects duplicate column names and unknown types', () => {
    const dup = inferNode(inlineSource, {
      config: {
        columns: [
          { name: 'a', type: 'number' },
          { name: 'a', type: 'string' },
        ],
        rows: [],
      },
    });
    expect(dup.issues.map((i) => i.path)).toEqual([['config', 'columns', 1, 'name']]);
    const unknownType = inferNode(inlineSource, { config: { columns: [{ name: 'a', type: 'float' }], rows: [] }, fromVersion: 1 });
    expect(unknownType.issues.map((i) => i.path)).toEqual([['config', 'columns', 0, 'type']]);
  });

  it('round-trips any valid integer/string/boolean rows', async () => {
    const row = fc.tuple(fc.option(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 })), fc.option(fc.string()), fc.option(fc.boolean()));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 20 }), async (rows) => {
        const columns = [
          { name: 'i', type: 'integer' as const },
          { name: 's', type: 'category' as const },
          { name: 'b', type: 'boolean' as const },
        ];
        const { outputs } = await runNode(inlineSource, { inputs: {}, config: { columns, rows } });
        expect(rowsOf(outputs.table)).toEqual(rows.map(([i, s, b]) => ({ i, s, b })));
      }),
      { numRuns: 50 },
    );
  });
});
