import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { binColumn } from './bin';

const ages = tableOf({ age: [10, 20, null, 30, 40] });

describe('transform.bin', () => {
  it('writes equal-width bin numbers to a new column and outputs the edges', async () => {
    const { outputs } = await runNode(binColumn, {
      inputs: { table: ages, fitted: undefined },
      config: { column: 'age', method: 'equal_width', bins: 3, as: 'band' },
    });
    expect(rowsOf(outputs.table).map((r) => r.band)).toEqual([0, 1, null, 2, 2]);
    expect(outputs.fitted).toEqual({ kind: 'bin', column: 'age', as: 'band', edges: [10, 20, 30, 40] });
    const applied = await runNode(binColumn, {
      inputs: { table: tableOf({ age: [0, 25, 99] }), fitted: outputs.fitted },
      config: { column: 'age', method: 'quantile', bins: 9 },
    });
    expect(rowsOf(applied.outputs.table)).toEqual([
      { age: 0, band: 0 },
      { age: 25, band: 1 },
      { age: 99, band: 2 },
    ]);
  });

  it('rejects zero bins and infers an integer column, reporting a text or unknown column', async () => {
    await expect(
      runNode(binColumn, { inputs: { table: ages, fitted: undefined }, config: { column: 'age', method: 'quantile', bins: 0 } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    const input = {
      columns: [
        { name: 'age', type: 'integer' as const, nullable: false },
        { name: 'name', type: 'string' as const, nullable: false },
      ],
    };
    expect(
      inferNode(binColumn, { inputs: { table: input, fitted: undefined }, config: { column: 'age', method: 'quantile', bins: 4 } }).outputs
        .table?.columns,
    ).toEqual([{ name: 'age', type: 'integer', nullable: false }, input.columns[1]]);
    expect(
      inferNode(binColumn, { inputs: { table: input, fitted: undefined }, config: { column: 'name', method: 'quantile', bins: 4 } })
        .issues[0]?.message,
    ).toBe('Binning needs a number column; "name" is string.');
    expect(
      inferNode(binColumn, { inputs: { table: input, fitted: undefined }, config: { column: 'Age', method: 'quantile', bins: 4 } })
        .issues[0]?.message,
    ).toBe('Unknown column "Age"; did you mean "age"?');
  });
});
