import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { unionRows } from './union';

describe('transform.union', () => {
  it('stacks tables by column name, filling missing columns with nulls and widening integers', async () => {
    const jan = tableOf({ id: [1, 2], amount: [10, null] });
    const feb = tableOf({ amount: [2.5], note: ['late'] });
    const { outputs } = await runNode(unionRows, { inputs: { tables: [jan, feb] }, config: {} });
    expect(rowsOf(outputs.table)).toEqual([
      { id: 1, amount: 10, note: null },
      { id: 2, amount: null, note: null },
      { id: null, amount: 2.5, note: 'late' },
    ]);
    expect(String(outputs.table.getChild('amount')?.type)).toBe('Float64');
  });

  it('infers the stacked schema and reports types that cannot be stacked', async () => {
    const a = { columns: [{ name: 'x', type: 'integer' as const, nullable: false }] };
    const b = {
      columns: [
        { name: 'x', type: 'number' as const, nullable: false },
        { name: 'y', type: 'string' as const, nullable: false },
      ],
    };
    expect(inferNode(unionRows, { inputs: { tables: [a, b] }, config: {} }).outputs.table).toEqual({
      columns: [
        { name: 'x', type: 'number', nullable: false },
        { name: 'y', type: 'string', nullable: true },
      ],
    });
    const c = { columns: [{ name: 'x', type: 'string' as const, nullable: false }] };
    expect(inferNode(unionRows, { inputs: { tables: [a, c] }, config: {} }).issues[0]?.message).toBe(
      'Columns mix types that cannot be stacked: "x" (integer, string).',
    );
    await expect(
      runNode(unionRows, { inputs: { tables: [tableOf({ x: [1] }), tableOf({ x: ['a'] })] }, config: {} }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    });
  });
});
