import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { imputeStateSchema } from '../shared/impute-state';
import { imputeNulls } from './impute';

const train = tableOf({ age: [20, null, 40, 60], plan: ['pro', null, 'basic', 'pro'] }, { plan: 'category' });
const schema = {
  columns: [
    { name: 'age', type: 'integer' as const, nullable: true },
    { name: 'plan', type: 'category' as const, nullable: true },
  ],
};

describe('transform.impute', () => {
  it('fits fill values, fills nulls and outputs a JSON state the port accepts', async () => {
    const { outputs } = await runNode(imputeNulls, {
      inputs: { table: train, fitted: undefined },
      config: { columns: ['age'], strategy: 'median' },
    });
    expect(rowsOf(outputs.table).map((r) => r.age)).toEqual([20, 40, 40, 60]);
    expect(outputs.fitted).toEqual({ kind: 'impute', columns: [{ column: 'age', strategy: 'median', fill: 40 }] });
    expect(imputeStateSchema.parse(JSON.parse(JSON.stringify(outputs.fitted)))).toEqual(outputs.fitted);
    const frequent = await runNode(imputeNulls, {
      inputs: { table: train, fitted: undefined },
      config: { columns: ['plan', 'age'], strategy: 'most_frequent' },
    });
    expect(rowsOf(frequent.outputs.table)[1]).toEqual({ age: 20, plan: 'pro' });
  });

  it('applies a state fitted elsewhere instead of fitting', async () => {
    const fitted = (
      await runNode(imputeNulls, { inputs: { table: train, fitted: undefined }, config: { columns: ['age'], strategy: 'mean' } })
    ).outputs.fitted;
    const test = tableOf({ age: [null, 5] });
    const { outputs } = await runNode(imputeNulls, { inputs: { table: test, fitted }, config: { columns: ['age'], strategy: 'median' } });
    expect(rowsOf(outputs.table)).toEqual([{ age: 40 }, { age: 5 }]);
    expect(outputs.fitted).toBe(fitted);
    await expect(
      runNode(imputeNulls, { inputs: { table: tableOf({ years: [1] }), fitted }, config: { columns: ['age'], strategy: 'mean' } }),
    ).rejects.toMatchObject({ code: 'SCHEMA_INVALID', issues: [{ path: ['config', 'columns'] }] });
  });

  it('rejects a constant strategy without a value and a fill of the wrong type', async () => {
    await expect(
      runNode(imputeNulls, { inputs: { table: train, fitted: undefined }, config: { columns: ['age'], strategy: 'constant' } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'value'] }],
    });
    const constant = await runNode(imputeNulls, {
      inputs: { table: train, fitted: undefined },
      config: { columns: ['plan'], strategy: 'constant', value: 'none' },
    });
    expect(rowsOf(constant.outputs.table).map((r) => r.plan)).toEqual(['pro', 'none', 'basic', 'pro']);
    const infer = inferNode(imputeNulls, {
      inputs: { table: schema, fitted: undefined },
      config: { columns: ['plan'], strategy: 'constant', value: 3 },
    });
    expect(infer.issues).toEqual([{ code: 'SCHEMA_INVALID', path: ['config', 'value'], message: 'Cannot fill "plan" (category) with 3.' }]);
  });

  it('infers filled columns, and reports unknown columns and a mean of text', () => {
    expect(
      inferNode(imputeNulls, { inputs: { table: schema, fitted: undefined }, config: { columns: ['age'], strategy: 'mean' } }).outputs
        .table,
    ).toEqual({
      columns: [
        { name: 'age', type: 'number', nullable: false },
        { name: 'plan', type: 'category', nullable: true },
      ],
    });
    const bad = inferNode(imputeNulls, {
      inputs: { table: schema, fitted: undefined },
      config: { columns: ['agg', 'plan'], strategy: 'mean' },
    });
    expect(bad.outputs).toEqual({});
    expect(bad.issues.map((i) => [i.path, i.message])).toEqual([
      [['config', 'columns', 0], 'Unknown column "agg"; did you mean "age"?'],
      [['config', 'columns', 1], 'The mean of "plan" needs a number column; it is category.'],
    ]);
  });
});
