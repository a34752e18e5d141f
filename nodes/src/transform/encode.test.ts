import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { encodeStateSchema } from '../shared/encode-state';
import { encodeCategories } from './encode';

const train = tableOf({ id: [1, 2, 3], plan: ['pro', null, 'basic'] }, { plan: 'category' });

describe('transform.encode', () => {
  it('one-hot encodes with a column per sorted category, nulls as zeros, and outputs the state', async () => {
    const { outputs } = await runNode(encodeCategories, {
      inputs: { table: train, fitted: undefined },
      config: { columns: ['plan'], method: 'one_hot' },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { id: 1, 'plan=basic': 0, 'plan=pro': 1 },
      { id: 2, 'plan=basic': 0, 'plan=pro': 0 },
      { id: 3, 'plan=basic': 1, 'plan=pro': 0 },
    ]);
    expect(outputs.fitted).toEqual({
      kind: 'encode',
      method: 'one_hot',
      unknown: 'error',
      columns: [{ column: 'plan', categories: ['basic', 'pro'] }],
    });
    expect(encodeStateSchema.safeParse(outputs.fitted).success).toBe(true);
  });

  it('applies a fitted state: unknown categories fail or encode as null, as the applying node says', async () => {
    const test = tableOf({ plan: ['basic', 'gold'] });
    const strict = (
      await runNode(encodeCategories, { inputs: { table: train, fitted: undefined }, config: { columns: ['plan'], method: 'ordinal' } })
    ).outputs.fitted;
    const { outputs } = await runNode(encodeCategories, {
      inputs: { table: test, fitted: strict },
      config: { columns: ['plan'], method: 'ordinal', unknown: 'ignore' },
    });
    expect(rowsOf(outputs.table)).toEqual([{ plan: 0 }, { plan: null }]);
    expect(outputs.fitted.unknown).toBe('ignore');
    const lenient = (
      await runNode(encodeCategories, {
        inputs: { table: train, fitted: undefined },
        config: { columns: ['plan'], method: 'ordinal', unknown: 'ignore' },
      })
    ).outputs.fitted;
    await expect(
      runNode(encodeCategories, { inputs: { table: test, fitted: lenient }, config: { columns: ['plan'], method: 'ordinal' } }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('"gold"') });
  });

  it('infers ordinal columns, leaves one-hot output unknown, and reports unknown columns', () => {
    const input = { columns: [{ name: 'plan', type: 'category' as const, nullable: false }] };
    expect(
      inferNode(encodeCategories, { inputs: { table: input, fitted: undefined }, config: { columns: ['plan'], method: 'ordinal' } }),
    ).toEqual({
      outputs: { table: { columns: [{ name: 'plan', type: 'number', nullable: false }] } },
      issues: [],
    });
    expect(
      inferNode(encodeCategories, { inputs: { table: input, fitted: undefined }, config: { columns: ['plan'], method: 'one_hot' } })
        .outputs,
    ).toEqual({});
    expect(
      inferNode(encodeCategories, { inputs: { table: input, fitted: undefined }, config: { columns: ['plna'], method: 'ordinal' } })
        .issues[0]?.message,
    ).toBe('Unknown column "plna"; did you mean "plan"?');
  });

  it('rejects a config without columns or with a column twice', async () => {
    await expect(
      runNode(encodeCategories, { inputs: { table: train, fitted: undefined }, config: { columns: [], method: 'ordinal' } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(
      runNode(encodeCategories, { inputs: { table: train, fitted: undefined }, config: { columns: ['plan', 'plan'], method: 'ordinal' } }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: ['config', 'columns', 1] }] });
  });
});
