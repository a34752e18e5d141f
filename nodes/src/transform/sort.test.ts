import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { sortRows } from './sort';

const people = tableOf({ city: ['b', 'a', 'b', null, 'a'], age: [30, null, 40, 20, 50], id: [1, 2, 3, 4, 5] });

describe('transform.sort', () => {
  it('sorts by several keys, nulls last by default, stable', async () => {
    const { outputs } = await runNode(sortRows, {
      inputs: { table: people },
      config: { keys: [{ column: 'city' }, { column: 'age', descending: true }] },
    });
    expect(rowsOf(outputs.table).map((r) => r.id)).toEqual([5, 2, 3, 1, 4]);
    const first = await runNode(sortRows, { inputs: { table: people }, config: { keys: [{ column: 'age', nullsFirst: true }] } });
    expect(rowsOf(first.outputs.table).map((r) => r.id)).toEqual([2, 4, 1, 3, 5]);
  });

  it('needs a key, and reports an unknown key column with its path at design and run time', async () => {
    await expect(runNode(sortRows, { inputs: { table: people }, config: { keys: [] } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(
      runNode(sortRows, { inputs: { table: people }, config: { keys: [{ column: 'age' }, { column: 'cty' }] } }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'keys', 1, 'column'], message: 'Unknown column "cty"; did you mean "city"?' }],
    });
    const schema = { columns: [{ name: 'city', type: 'string' as const, nullable: true }] };
    expect(inferNode(sortRows, { inputs: { table: schema }, config: { keys: [{ column: 'city' }] } })).toEqual({
      outputs: { table: schema },
      issues: [],
    });
    expect(inferNode(sortRows, { inputs: { table: schema }, config: { keys: [{ column: 'cty' }] } }).issues[0]?.path).toEqual([
      'config',
      'keys',
      0,
      'column',
    ]);
  });
});
