import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { dateParts } from './date-parts';

const events = tableOf({ at: ['2024-02-29T23:30:00Z', null, '2023-01-01T00:00:00Z'] }, { at: 'date' });

describe('transform.date-parts', () => {
  it('adds integer parts in UTC, null for null dates', async () => {
    const { outputs } = await runNode(dateParts, {
      inputs: { table: events },
      config: { column: 'at', parts: ['year', 'month', 'day', 'weekday', 'hour'] },
    });
    expect(rowsOf(outputs.table).map(({ at: _, ...parts }) => parts)).toEqual([
      { at_year: 2024, at_month: 2, at_day: 29, at_weekday: 4, at_hour: 23 },
      { at_year: null, at_month: null, at_day: null, at_weekday: null, at_hour: null },
      { at_year: 2023, at_month: 1, at_day: 1, at_weekday: 7, at_hour: 0 },
    ]);
    const prefixed = await runNode(dateParts, { inputs: { table: events }, config: { column: 'at', parts: ['year'], prefix: '' } });
    expect(prefixed.outputs.table.schema.fields.map((f) => f.name)).toEqual(['at', 'year']);
  });

  it('infers integer columns and reports a column that is not a date or not there', async () => {
    const schema = {
      columns: [
        { name: 'at', type: 'date' as const, nullable: true },
        { name: 'name', type: 'string' as const, nullable: false },
      ],
    };
    expect(
      inferNode(dateParts, { inputs: { table: schema }, config: { column: 'at', parts: ['month'] } }).outputs.table?.columns[2],
    ).toEqual({
      name: 'at_month',
      type: 'integer',
      nullable: true,
    });
    expect(inferNode(dateParts, { inputs: { table: schema }, config: { column: 'name', parts: ['month'] } }).issues[0]?.message).toBe(
      '"name" is string, not a date; cast it first.',
    );
    expect(inferNode(dateParts, { inputs: { table: schema }, config: { column: 'aat', parts: ['month'] } }).issues[0]?.message).toBe(
      'Unknown column "aat"; did you mean "at"?',
    );
    await expect(
      runNode(dateParts, { inputs: { table: events }, config: { column: 'at', parts: ['year', 'year'] } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
