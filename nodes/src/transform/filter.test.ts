import { UserError } from '@causeway/sdk';
import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { filterRows } from './filter';

const people = tableOf({ age: [31, null, 40, 25], country: ['NL', 'BE', 'NL', null] }, { country: 'category' });
const schema = {
  columns: [
    { name: 'age', type: 'integer' as const, nullable: true },
    { name: 'country', type: 'category' as const, nullable: true },
  ],
};

describe('transform.filter', () => {
  it('keeps rows where the expression is true, dropping false and null rows', async () => {
    const { outputs, progress } = await runNode(filterRows, {
      inputs: { table: people },
      config: { where: 'age > 30 or country == "NL"' },
    });
    expect(rowsOf(outputs.table)).toEqual([
      { age: 31, country: 'NL' },
      { age: 40, country: 'NL' },
    ]);
    expect(progress.length).toBeGreaterThan(0);
    const nulls = await runNode(filterRows, { inputs: { table: people }, config: { where: 'age is null or country is null' } });
    expect(rowsOf(nulls.outputs.table)).toEqual([
      { age: null, country: 'BE' },
      { age: 25, country: null },
    ]);
  });

  it('fails with the expression issue on the field, with position and suggestion', async () => {
    const error = await runNode(filterRows, { inputs: { table: people }, config: { where: 'agee > 30' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).issues[0]).toMatchObject({ code: 'EXPRESSION_INVALID', path: ['config', 'where'] });
    expect((error as UserError).issues[0]?.message).toMatch(/agee.*column 1.*did you mean 'age'/);
    await expect(runNode(filterRows, { inputs: { table: people }, config: { where: 'age + 1' } })).rejects.toMatchObject({
      code: 'EXPRESSION_INVALID',
      issues: [{ path: ['config', 'where'], message: 'The expression gives integer, but boolean is needed.' }],
    });
    await expect(runNode(filterRows, { inputs: { table: people }, config: { where: '' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('honours a cancelled signal', async () => {
    const controller = new AbortController();
    controller.abort(new UserError('RUN_CANCELLED', 'stop'));
    await expect(
      runNode(filterRows, { inputs: { table: people }, config: { where: 'age > 1' }, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
  });

  it('infers the input schema and reports expression errors on the where field', () => {
    expect(inferNode(filterRows, { inputs: { table: schema }, config: { where: 'age > 30' } })).toEqual({
      outputs: { table: schema },
      issues: [],
    });
    const bad = inferNode(filterRows, { inputs: { table: schema }, config: { where: 'agee > 30' } });
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]?.path).toEqual(['config', 'where']);
    expect(bad.issues[0]?.message).toContain("did you mean 'age'");
    const typed = inferNode(filterRows, { inputs: { table: schema }, config: { where: 'country' } });
    expect(typed.issues[0]?.message).toBe('The expression gives category, but boolean is needed.');
    expect([...bad.issues, ...typed.issues].map((i) => i.code)).toEqual(['EXPRESSION_INVALID', 'EXPRESSION_INVALID']);
  });

  it('reports a syntax error before the input schema is known', () => {
    const { outputs, issues } = inferNode(filterRows, { config: { where: 'temp_max >' } });
    expect(outputs).toEqual({});
    expect(issues).toEqual([{ code: 'EXPRESSION_INVALID', path: ['config', 'where'], message: expect.stringMatching(/at column \d+$/) }]);
    expect(inferNode(filterRows, { config: { where: 'temp_max > 3' } }).issues).toEqual([]);
  });
});
