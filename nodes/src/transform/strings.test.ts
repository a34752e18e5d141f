import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { stringFunctions } from './strings';

const names = tableOf({ name: ['  Ada Lovelace ', null, 'grace "G" `hopper`'], city: ['Delft', 'Gent', null] }, { city: 'category' });

describe('transform.strings', () => {
  it('applies text functions in order, nulls staying null, literals with quotes and backticks intact', async () => {
    const { outputs } = await runNode(stringFunctions, {
      inputs: { table: names },
      config: {
        ops: [
          { fn: 'trim', column: 'name' },
          { fn: 'upper', column: 'name', as: 'loud' },
          { fn: 'length', column: 'name' },
          { fn: 'contains', column: 'name', part: '"G" `' },
          { fn: 'replace', column: 'name', from: ' ', to: '_' },
          { fn: 'lower', column: 'city' },
        ],
      },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { name: 'Ada_Lovelace', city: 'delft', loud: 'ADA LOVELACE', name_length: 12, name_contains: false },
      { name: null, city: 'gent', loud: null, name_length: null, name_contains: null },
      { name: 'grace_"G"_`hopper`', city: null, loud: 'GRACE "G" `HOPPER`', name_length: 18, name_contains: true },
    ]);
  });

  it('splits on a separator and keeps the piece asked for', async () => {
    const { outputs } = await runNode(stringFunctions, {
      inputs: { table: names },
      config: {
        ops: [
          { fn: 'trim', column: 'name' },
          { fn: 'split', column: 'name', separator: ' ', part: 1, as: 'first' },
          { fn: 'split', column: 'name', separator: ' ', part: -1, as: 'last' },
          { fn: 'split', column: 'name', separator: ' ', part: 5, as: 'none' },
        ],
      },
    });
    expect(rowsOf(outputs.table).map(({ first, last, none }) => ({ first, last, none }))).toEqual([
      { first: 'Ada', last: 'Lovelace', none: '' },
      { first: null, last: null, none: null },
      { first: 'grace', last: '`hopper`', none: '' },
    ]);
    await expect(
      runNode(stringFunctions, { inputs: { table: names }, config: { ops: [{ fn: 'split', column: 'name', separator: ' ', part: 0 }] } }),
    ).rejects.toThrow(/pieces count from 1/);
  });

  it('infers result types and reports unknown or non-text columns', async () => {
    const schema = {
      columns: [
        { name: 'name', type: 'string' as const, nullable: false },
        { name: 'age', type: 'integer' as const, nullable: false },
      ],
    };
    const good = inferNode(stringFunctions, {
      inputs: { table: schema },
      config: {
        ops: [
          { fn: 'length', column: 'name', as: 'n' },
          { fn: 'contains', column: 'name', part: 'x' },
        ],
      },
    });
    expect(good.outputs.table?.columns.slice(2)).toEqual([
      { name: 'n', type: 'integer', nullable: false },
      { name: 'name_contains', type: 'boolean', nullable: false },
    ]);
    expect(inferNode(stringFunctions, { inputs: { table: schema }, config: { ops: [{ fn: 'trim', column: 'nmae' }] } }).issues).toEqual([
      { code: 'SCHEMA_INVALID', path: ['config', 'ops', 0, 'column'], message: 'Unknown column "nmae"; did you mean "name"?' },
    ]);
    expect(
      inferNode(stringFunctions, { inputs: { table: schema }, config: { ops: [{ fn: 'trim', column: 'age' }] } }).issues[0]?.message,
    ).toBe('trim needs a text column; "age" is integer.');
    await expect(
      runNode(stringFunctions, { inputs: { table: names }, config: { ops: [{ fn: 'contains', column: 'name', part: '' }] } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(
      runNode(stringFunctions, { inputs: { table: names }, config: { ops: [{ fn: 'upper', column: 'nam' }] } }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'ops', 0, 'column'] }],
    });
  });
});
