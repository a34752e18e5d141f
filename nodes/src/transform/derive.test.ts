import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { deriveColumns } from './derive';

const bills = tableOf({ monthly: [10, null, 2.5], 'tenure months': [12, 3, null] });
const schema = {
  columns: [
    { name: 'monthly', type: 'number' as const, nullable: true },
    { name: 'tenure months', type: 'integer' as const, nullable: true },
  ],
};

describe('transform.derive', () => {
  it('adds columns in order, each seeing the ones before, and replaces a column in place', async () => {
    const { outputs } = await runNode(deriveColumns, {
      inputs: { table: bills },
      config: {
        columns: [
          { name: 'yearly', expression: 'monthly * 12' },
          { name: 'total', expression: 'yearly / 12 * `tenure months`' },
          { name: 'monthly', expression: 'coalesce(monthly, 0)' },
        ],
      },
    });
    expect(outputs.table.schema.fields.map((f) => f.name)).toEqual(['monthly', 'tenure months', 'yearly', 'total']);
    expect(rowsOf(outputs.table)).toEqual([
      { monthly: 10, 'tenure months': 12, yearly: 120, total: 120 },
      { monthly: 0, 'tenure months': 3, yearly: null, total: null },
      { monthly: 2.5, 'tenure months': null, yearly: 30, total: null },
    ]);
  });

  it('infers types and nullability, and puts expression errors on their entry', () => {
    const good = inferNode(deriveColumns, {
      inputs: { table: schema },
      config: {
        columns: [
          { name: 'n', expression: 'length(to_string(monthly))' },
          { name: 'flag', expression: 'n > 2 and true' },
        ],
      },
    });
    expect(good).toEqual({
      outputs: {
        table: {
          columns: [...schema.columns, { name: 'n', type: 'integer', nullable: true }, { name: 'flag', type: 'boolean', nullable: true }],
        },
      },
      issues: [],
    });
    const bad = inferNode(deriveColumns, {
      inputs: { table: schema },
      config: {
        columns: [
          { name: 'a', expression: 'montly + 1' },
          { name: 'b', expression: 'a * 2' },
        ],
      },
    });
    expect(bad.outputs).toEqual({});
    expect(bad.issues[0]?.path).toEqual(['config', 'columns', 0, 'expression']);
    expect(bad.issues[0]?.message).toContain("did you mean 'monthly'");
    expect(bad.issues[0]?.code).toBe('EXPRESSION_INVALID');
    const unknownInput = inferNode(deriveColumns, { config: { columns: [{ name: 'y', expression: 'year(date' }] } });
    expect(unknownInput.issues.map((i) => [i.code, i.path])).toEqual([['EXPRESSION_INVALID', ['config', 'columns', 0, 'expression']]]);
  });

  it('rejects an empty list and fails at run time on an unknown column, on its field', async () => {
    await expect(runNode(deriveColumns, { inputs: { table: bills }, config: { columns: [] } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(
      runNode(deriveColumns, { inputs: { table: bills }, config: { columns: [{ name: 'x', expression: 'tenure + 1' }] } }),
    ).rejects.toMatchObject({ code: 'EXPRESSION_INVALID', issues: [{ path: ['config', 'columns', 0, 'expression'] }] });
  });
});
