import { UserError } from '@causeway/sdk';
import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectations } from './expectations';

const people = tableOf(
  { id: [1, 2, 3, 3], age: [31, -2, 140, null], country: ['NL', 'BE', 'XX', 'NL'], score: [0.5, 0.7, null, null] },
  { country: 'category' },
);

describe('validate.expectations', () => {
  it('passes a table that meets every expectation and passes it through', async () => {
    const { outputs } = await runNode(expectations, {
      inputs: { table: people },
      config: {
        rows: { min: 1, max: 10 },
        columns: [
          { name: 'age', type: 'integer', min: -5, max: 200, maxNullRate: 0.25 },
          { name: 'country', type: 'category', allowed: ['NL', 'BE', 'XX'] },
          { name: 'score', type: 'number', maxNullRate: 0.5 },
        ],
      },
    });
    expect(outputs.table).toBe(people);
    expect(outputs.report.passed).toBe(true);
    expect(outputs.report.checks).toHaveLength(8);
    expect(outputs.report.summary).toBe('Expectations: all 8 checks passed.');
  });

  it('reports each failed expectation with counts and examples', async () => {
    const { outputs } = await runNode(expectations, {
      inputs: { table: people },
      config: {
        rows: { min: 5 },
        columns: [
          { name: 'id', unique: true, type: 'string' },
          { name: 'age', min: 0, max: 120, maxNullRate: 0.1 },
          { name: 'country', allowed: ['NL', 'BE'] },
          { name: 'missing', type: 'number' },
        ],
      },
    });
    const byName = Object.fromEntries(outputs.report.checks.map((c) => [c.name, c]));
    expect(outputs.report.passed).toBe(false);
    expect(byName['row count']?.message).toBe('4 rows, outside [5, ∞]');
    expect(byName['id unique']).toMatchObject({ passed: false, details: { duplicates: 1, samples: [3] } });
    expect(byName['id type']).toMatchObject({ passed: false, message: 'is integer, expected string' });
    expect(byName['age range']).toMatchObject({ passed: false, details: { below: 1, above: 1, samples: [-2, 140] } });
    expect(byName['age null rate']?.passed).toBe(false);
    expect(byName['country allowed values']).toMatchObject({ passed: false, details: { rows: 1, unexpected: { XX: 1 } } });
    expect(byName['missing exists']?.passed).toBe(false);
    expect(outputs.report.summary).toMatch(/^Expectations: 7 of 7 checks failed: row count \(4 rows, outside \[5, ∞\]\); id type/);
  });

  it('fails the node when asked to stop on failure', async () => {
    const run = runNode(expectations, {
      inputs: { table: people },
      config: { columns: [{ name: 'id', unique: true }], stopOnFailure: true },
    });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('id unique (1 repeated rows, e.g. 3)'),
    });
  });

  it('flags an unknown column at design time on its field', () => {
    const schema = { columns: [{ name: 'age', type: 'integer' as const, nullable: true }] };
    const inferred = inferNode(expectations, { inputs: { table: schema }, config: { columns: [{ name: 'agee' }] } });
    expect(inferred.issues.map((i) => i.path)).toEqual([['config', 'columns', 0, 'name']]);
  });

  it('range and null-rate verdicts agree with a direct count (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { minLength: 1, maxLength: 40 }),
        async (values) => {
          const table = tableOf({ x: values }, { x: 'number' });
          const { outputs } = await runNode(expectations, {
            inputs: { table },
            config: { columns: [{ name: 'x', min: 0, max: 10, maxNullRate: 0.2 }] },
          });
          const [range, nulls] = outputs.report.checks;
          const outside = values.filter((v) => v !== null && (v < 0 || v > 10)).length;
          expect(range?.passed).toBe(outside === 0);
          expect(nulls?.passed).toBe(values.filter((v) => v === null).length / values.length <= 0.2);
        },
      ),
      { numRuns: 50 },
    );
  });
});
