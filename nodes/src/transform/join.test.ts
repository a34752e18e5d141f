import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { joinRows } from './join';

const orders = tableOf({ id: [1, 2, 3, 4], customer: ['a', 'b', 'z', null], amount: [10, 20, 30, 40] });
const customers = tableOf({ customer: ['a', 'b', 'c', null], id: [100, 200, 300, 400] });
const on = [{ left: 'customer', right: 'customer' }];

describe('transform.join', () => {
  it('inner and left joins: one shared key column, clashing names suffixed, nulls never match', async () => {
    const inner = await runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on } });
    expect(rowsOf(inner.outputs.table)).toEqual([
      { id: 1, customer: 'a', amount: 10, id_right: 100 },
      { id: 2, customer: 'b', amount: 20, id_right: 200 },
    ]);
    const left = await runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on, how: 'left', suffix: '_c' } });
    expect(rowsOf(left.outputs.table).map((r) => [r.id, r.id_c])).toEqual([
      [1, 100],
      [2, 200],
      [3, null],
      [4, null],
    ]);
  });

  it('right and full joins coalesce the shared key; multi-key joins match every pair', async () => {
    const full = await runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on, how: 'full' } });
    expect(rowsOf(full.outputs.table).map((r) => [r.customer, r.id, r.id_right])).toEqual([
      ['a', 1, 100],
      ['b', 2, 200],
      ['z', 3, null],
      [null, 4, null],
      ['c', null, 300],
      [null, null, 400],
    ]);
    const right = await runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on, how: 'right' } });
    expect(right.outputs.table.numRows).toBe(4);
    const two = await runNode(joinRows, {
      inputs: { left: tableOf({ a: [1, 1, 2], b: ['x', 'y', 'x'] }), right: tableOf({ a2: [1, 2], b2: ['y', 'y'], v: [7, 8] }) },
      config: {
        on: [
          { left: 'a', right: 'a2' },
          { left: 'b', right: 'b2' },
        ],
      },
    });
    expect(rowsOf(two.outputs.table)).toEqual([{ a: 1, b: 'y', a2: 1, b2: 'y', v: 7 }]);
  });

  it('infers the joined schema the way the kernel names and fills columns', async () => {
    const left = {
      columns: [
        { name: 'id', type: 'integer' as const, nullable: false },
        { name: 'customer', type: 'string' as const, nullable: false },
      ],
    };
    const right = {
      columns: [
        { name: 'customer', type: 'string' as const, nullable: false },
        { name: 'id', type: 'integer' as const, nullable: false },
      ],
    };
    for (const how of ['inner', 'left', 'right', 'full'] as const) {
      const inferred = inferNode(joinRows, { inputs: { left, right }, config: { on, how } });
      expect(inferred.issues).toEqual([]);
      const l = tableOf({ id: [1, 2], customer: ['a', 'b'] });
      const r = tableOf({ customer: ['a', 'c'], id: [5, 6] });
      const ran = await runNode(joinRows, { inputs: { left: l, right: r }, config: { on, how } });
      const actual = ran.outputs.table.schema.fields.map((f) => [f.name, f.nullable]);
      expect(
        inferred.outputs.table?.columns.map((c) => [c.name, c.nullable]),
        how,
      ).toEqual(actual);
    }
  });

  it('reports unknown keys on their side with a suggestion, and keys that can never match', async () => {
    const left = { columns: [{ name: 'customer', type: 'string' as const, nullable: false }] };
    const right = { columns: [{ name: 'cust_id', type: 'integer' as const, nullable: false }] };
    const bad = inferNode(joinRows, { inputs: { left, right }, config: { on: [{ left: 'custmer', right: 'cust_id' }] } });
    expect(bad.issues).toEqual([
      { code: 'SCHEMA_INVALID', path: ['config', 'on', 0, 'left'], message: 'Unknown column "custmer"; did you mean "customer"?' },
    ]);
    const mismatch = inferNode(joinRows, { inputs: { left, right }, config: { on: [{ left: 'customer', right: 'cust_id' }] } });
    expect(mismatch.issues[0]?.message).toBe('Cannot join "customer" (string) with "cust_id" (integer): their values never match.');
    await expect(
      runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on: [{ left: 'customer', right: 'customr' }] } }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'on', 0, 'right'], message: 'Right table: Unknown column "customr"; did you mean "customer"?' }],
    });
    await expect(runNode(joinRows, { inputs: { left: orders, right: customers }, config: { on: [] } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
