import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { splitRows } from './split';

const ids = Array.from({ length: 100 }, (_, i) => i);
const rows = tableOf({ id: ids, churned: ids.map((i) => (i % 4 === 0 ? 'yes' : i % 10 === 1 ? null : 'no')) });

describe('transform.split', () => {
  it('splits every row into exactly one set, in order, the same for the same seed', async () => {
    const config = { test: 0.2, seed: 7 };
    const { outputs } = await runNode(splitRows, { inputs: { table: rows }, config });
    const train = rowsOf(outputs.train).map((r) => r.id as number);
    const test = rowsOf(outputs.test).map((r) => r.id as number);
    expect(test).toHaveLength(20);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(ids);
    expect(train).toEqual([...train].sort((a, b) => a - b));
    const again = await runNode(splitRows, { inputs: { table: rows }, config });
    expect(rowsOf(again.outputs.test)).toEqual(rowsOf(outputs.test));
    const other = await runNode(splitRows, { inputs: { table: rows }, config: { test: 0.2, seed: 8 } });
    expect(rowsOf(other.outputs.test)).not.toEqual(rowsOf(outputs.test));
  });

  it('keeps the proportion of each value (nulls too) when stratified', async () => {
    const { outputs } = await runNode(splitRows, { inputs: { table: rows }, config: { test: 0.2, seed: 3, stratify: 'churned' } });
    const count = (values: unknown[], v: unknown) => values.filter((x) => x === v).length;
    const test = rowsOf(outputs.test).map((r) => r.churned);
    expect([count(test, 'yes'), count(test, 'no'), count(test, null)]).toEqual([5, 13, 2]);
  });

  it('rejects test fractions outside (0, 1) and reports an unknown stratify column', async () => {
    await expect(runNode(splitRows, { inputs: { table: rows }, config: { test: 1, seed: 1 } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'test'] }],
    });
    await expect(runNode(splitRows, { inputs: { table: rows }, config: { test: 0.5, seed: 1, stratify: 'churn' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'stratify'], message: 'Unknown column "churn"; did you mean "churned"?' }],
    });
    const schema = { columns: [{ name: 'churned', type: 'string' as const, nullable: true }] };
    expect(inferNode(splitRows, { inputs: { table: schema }, config: { test: 0.5, seed: 1 } }).outputs).toEqual({
      train: schema,
      test: schema,
    });
    expect(inferNode(splitRows, { inputs: { table: schema }, config: { test: 0.5, seed: 1, stratify: 'Churned' } }).issues).toHaveLength(1);
  });
});
