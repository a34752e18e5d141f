import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { unpivotColumns } from './unpivot';

const scores = tableOf({ student: ['ann', 'bob'], math: [7, null], art: [8.5, 6] });

describe('transform.unpivot', () => {
  it('gives one row per folded column, keeping nulls and unifying types', async () => {
    const { outputs } = await runNode(unpivotColumns, {
      inputs: { table: scores },
      config: { index: ['student'], columns: ['math', 'art'], names: 'subject', values: 'score' },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { student: 'ann', subject: 'math', score: 7 },
      { student: 'ann', subject: 'art', score: 8.5 },
      { student: 'bob', subject: 'math', score: null },
      { student: 'bob', subject: 'art', score: 6 },
    ]);
  });

  it('infers the long schema, and reports unknown or unmixable columns and clashing names', async () => {
    const schema = {
      columns: [
        { name: 'student', type: 'string' as const, nullable: false },
        { name: 'math', type: 'integer' as const, nullable: true },
        { name: 'art', type: 'number' as const, nullable: false },
      ],
    };
    expect(
      inferNode(unpivotColumns, { inputs: { table: schema }, config: { index: ['student'], columns: ['math', 'art'] } }).outputs.table,
    ).toEqual({
      columns: [
        { name: 'student', type: 'string', nullable: false },
        { name: 'variable', type: 'category', nullable: false },
        { name: 'value', type: 'number', nullable: true },
      ],
    });
    expect(inferNode(unpivotColumns, { inputs: { table: schema }, config: { columns: ['student', 'art'] } }).issues[0]?.message).toBe(
      'The folded columns mix types that cannot share a column: string, number.',
    );
    expect(inferNode(unpivotColumns, { inputs: { table: schema }, config: { columns: ['mth'] } }).issues[0]?.message).toBe(
      'Unknown column "mth"; did you mean "math"?',
    );
    await expect(
      runNode(unpivotColumns, { inputs: { table: scores }, config: { index: ['student'], columns: ['math'], names: 'student' } }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: ['config', 'names'] }] });
  });
});
