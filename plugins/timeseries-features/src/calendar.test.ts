import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar } from './calendar';

const allParts = ['year', 'quarter', 'month', 'dayOfMonth', 'dayOfYear', 'dayOfWeek', 'weekend', 'hour'] as const;

describe('calendar', () => {
  it('writes calendar parts of known dates (UTC)', async () => {
    const table = tableOf({
      at: [new Date('2024-02-29T23:30:00Z'), new Date('2023-12-31T00:00:00Z'), null, new Date('1969-12-31T12:00:00Z')],
    });
    const { outputs } = await runNode(calendar, { inputs: { table }, config: { column: 'at', parts: [...allParts] } });
    const rows = rowsOf(outputs.table).map(({ at: _at, ...parts }) => parts);
    expect(rows).toEqual([
      // 2024-02-29 was a Thursday, day 60 of a leap year.
      {
        at_year: 2024,
        at_quarter: 1,
        at_month: 2,
        at_day_of_month: 29,
        at_day_of_year: 60,
        at_day_of_week: 4,
        at_weekend: false,
        at_hour: 23,
      },
      // 2023-12-31 was a Sunday.
      {
        at_year: 2023,
        at_quarter: 4,
        at_month: 12,
        at_day_of_month: 31,
        at_day_of_year: 365,
        at_day_of_week: 7,
        at_weekend: true,
        at_hour: 0,
      },
      {
        at_year: null,
        at_quarter: null,
        at_month: null,
        at_day_of_month: null,
        at_day_of_year: null,
        at_day_of_week: null,
        at_weekend: null,
        at_hour: null,
      },
      // 1969-12-31 was a Wednesday.
      {
        at_year: 1969,
        at_quarter: 4,
        at_month: 12,
        at_day_of_month: 31,
        at_day_of_year: 365,
        at_day_of_week: 3,
        at_weekend: false,
        at_hour: 12,
      },
    ]);
  });

  it('agrees with Date’s UTC getters across four centuries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date('1800-01-01Z'), max: new Date('2200-12-31Z'), noInvalidDate: true }), {
          minLength: 1,
          maxLength: 50,
        }),
        async (dates) => {
          const { outputs } = await runNode(calendar, {
            inputs: { table: tableOf({ d: dates }) },
            config: { column: 'd', parts: [...allParts] },
          });
          rowsOf(outputs.table).forEach((row, i) => {
            const date = dates[i] as Date;
            const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
            expect(row).toMatchObject({
              d_year: date.getUTCFullYear(),
              d_month: date.getUTCMonth() + 1,
              d_quarter: Math.floor(date.getUTCMonth() / 3) + 1,
              d_day_of_month: date.getUTCDate(),
              d_day_of_year:
                Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - startOfYear) / 86_400_000) + 1,
              d_day_of_week: date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
              d_weekend: date.getUTCDay() === 0 || date.getUTCDay() === 6,
              d_hour: date.getUTCHours(),
            });
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a column that is not a date, at design time and when running', async () => {
    const { issues } = inferNode(calendar, {
      inputs: { table: { columns: [{ name: 'n', type: 'number', nullable: false }] } },
      config: { column: 'n' },
    });
    expect(issues[0]).toMatchObject({ path: ['config', 'column'], message: 'Column "n" holds number values; it must be a date.' });
    await expect(runNode(calendar, { inputs: { table: tableOf({ n: [1] }) }, config: { column: 'n' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    });
    const ok = inferNode(calendar, {
      inputs: { table: { columns: [{ name: 'd', type: 'date', nullable: false }] } },
      config: { column: 'd' },
    });
    expect(ok.outputs.table?.columns).toEqual([
      { name: 'd', type: 'date', nullable: false },
      { name: 'd_day_of_week', type: 'integer', nullable: true },
      { name: 'd_month', type: 'integer', nullable: true },
      { name: 'd_quarter', type: 'integer', nullable: true },
      { name: 'd_weekend', type: 'boolean', nullable: true },
    ]);
  });
});
