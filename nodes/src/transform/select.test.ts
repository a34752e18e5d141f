import { UserError } from '@causeway/sdk';
import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { selectColumns } from './select';

const people = tableOf({ age: [31, null, 40], name: ['a', 'b', null], city: ['NL', 'BE', 'NL'] }, { city: 'category' });

describe('transform.select', () => {
  it('selects, renames and reorders columns', async () => {
    const { outputs } = await runNode(selectColumns, {
      inputs: { table: people },
      config: { columns: [{ name: 'city', as: 'country' }, { name: 'age' }] },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { country: 'NL', age: 31 },
      { country: 'BE', age: null },
      { country: 'NL', age: 40 },
    ]);
    expect(outputs.table.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['country', 'Dictionary<Int32, Utf8>', false],
      ['age', 'Int32', true],
    ]);
  });

  it('shares the column data instead of copying it', async () => {
    const { outputs } = await runNode(selectColumns, { inputs: { table: people }, config: { columns: [{ name: 'age', as: 'years' }] } });
    const before = people.getChild('age')?.data[0];
    const after = outputs.table.getChild('years')?.data[0];
    expect(after).toBe(before);
    expect(after?.values.buffer).toBe(before?.values.buffer);
  });

  it('keeps every batch of a multi-batch table', async () => {
    const twice = people.concat(people);
    const { outputs } = await runNode(selectColumns, { inputs: { table: twice }, config: { columns: [{ name: 'name' }] } });
    expect(outputs.table.batches).toHaveLength(2);
    expect(rowsOf(outputs.table).map((r) => r.name)).toEqual(['a', 'b', null, 'a', 'b', null]);
    // The result is a well-formed table: it survives Arrow IPC.
    expect(rowsOf(tableFromIPC(tableToIPC(outputs.table)))).toEqual(rowsOf(outputs.table));
  });

  it('fails with SCHEMA_INVALID and a suggestion when a column is missing at run time', async () => {
    const error = await runNode(selectColumns, {
      inputs: { table: people },
      config: { columns: [{ name: 'age' }, { name: 'nmae' }] },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'SCHEMA_INVALID', message: 'Unknown column "nmae"; did you mean "name"?' });
    expect((error as UserError).issues[0]?.path).toEqual(['config', 'columns', 1, 'name']);
  });

  it('rejects an empty selection and duplicate output names with their paths', async () => {
    await expect(runNode(selectColumns, { inputs: { table: people }, config: { columns: [] } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'columns'] }],
    });
    const error = await runNode(selectColumns, {
      inputs: { table: people },
      config: { columns: [{ name: 'age' }, { name: 'name', as: 'age' }] },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'columns', 1, 'as'], message: 'columns[1].as: "age" appears twice in the output.' }],
    });
  });

  it('infers the output schema and reports unknown columns on the config field', () => {
    const input = {
      columns: [
        { name: 'age', type: 'integer' as const, nullable: true },
        { name: 'name', type: 'string' as const, nullable: false },
      ],
    };
    const good = inferNode(selectColumns, {
      inputs: { table: input },
      config: { columns: [{ name: 'name', as: 'who' }, { name: 'age' }] },
    });
    expect(good).toEqual({
      outputs: {
        table: {
          columns: [
            { name: 'who', type: 'string', nullable: false },
            { name: 'age', type: 'integer', nullable: true },
          ],
        },
      },
      issues: [],
    });
    const bad = inferNode(selectColumns, { inputs: { table: input }, config: { columns: [{ name: 'Agee' }] } });
    expect(bad.issues).toEqual([
      { code: 'SCHEMA_INVALID', path: ['config', 'columns', 0, 'name'], message: 'Unknown column "Agee"; did you mean "age"?' },
    ]);
    expect(inferNode(selectColumns, { config: { columns: [{ name: 'age' }] } }).outputs).toEqual({});
  });
});
