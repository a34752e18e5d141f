import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { scaleStateSchema } from '../shared/scale-state';
import { scaleColumns } from './scale';

const train = tableOf({ x: [1, 2, null, 3], name: ['a', 'b', 'c', 'd'] });

describe('transform.scale', () => {
  it('standardizes with the population std, keeping nulls, and outputs offset and scale', async () => {
    const { outputs } = await runNode(scaleColumns, {
      inputs: { table: train, fitted: undefined },
      config: { columns: ['x'], method: 'standard' },
    });
    const std = Math.sqrt(2 / 3);
    const xs = rowsOf(outputs.table).map((r) => r.x as number | null);
    expect(xs[0]).toBeCloseTo(-1 / std, 12);
    expect(xs[1]).toBe(0);
    expect(xs[2]).toBeNull();
    expect(xs[3]).toBeCloseTo(1 / std, 12);
    expect(outputs.fitted.columns[0]?.offset).toBe(2);
    expect(outputs.fitted.columns[0]?.scale).toBeCloseTo(1 / std, 12);
    expect(scaleStateSchema.safeParse(outputs.fitted).success).toBe(true);
  });

  it('applies min-max scaling fitted on another table', async () => {
    const fitted = (
      await runNode(scaleColumns, { inputs: { table: train, fitted: undefined }, config: { columns: ['x'], method: 'min_max' } })
    ).outputs.fitted;
    expect(fitted).toEqual({ kind: 'scale', method: 'min_max', columns: [{ column: 'x', offset: 1, scale: 0.5 }] });
    const { outputs } = await runNode(scaleColumns, {
      inputs: { table: tableOf({ x: [5, null] }), fitted },
      config: { columns: ['x'], method: 'robust' },
    });
    expect(rowsOf(outputs.table)).toEqual([{ x: 2 }, { x: null }]);
  });

  it('infers number columns and reports unknown or text columns', () => {
    const input = {
      columns: [
        { name: 'x', type: 'integer' as const, nullable: true },
        { name: 'name', type: 'string' as const, nullable: false },
      ],
    };
    expect(
      inferNode(scaleColumns, { inputs: { table: input, fitted: undefined }, config: { columns: ['x'], method: 'robust' } }).outputs.table
        ?.columns[0],
    ).toEqual({
      name: 'x',
      type: 'number',
      nullable: true,
    });
    const bad = inferNode(scaleColumns, {
      inputs: { table: input, fitted: undefined },
      config: { columns: ['xx', 'name'], method: 'robust' },
    });
    expect(bad.issues.map((i) => i.message)).toEqual([
      'Unknown column "xx"; did you mean "x"?',
      'Scaling needs number columns; "name" is string.',
    ]);
  });
});
