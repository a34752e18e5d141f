import { defineNode, port, type ReportCheck } from '@causeway/sdk';
import { z } from 'zod';
import { columnChecks, columnExpectationSchema } from './column-expectations';
import { reportOf, stopOnFailure } from './report-of';

/**
 * `validate.expectations`: checks a table against per-column expectations (type, range, allowed
 * values, null rate, uniqueness) and row-count bounds. The report lists every check; the table passes
 * through unchanged. With `stopOnFailure`, a failed check fails the node (VALIDATION_FAILED).
 */
export const expectations = defineNode({
  type: 'validate.expectations',
  version: 1,
  category: 'validate',
  title: 'Expectations',
  description: 'Check column types, ranges, allowed values, null rates, uniqueness and the row count.',
  inputs: { table: port.table() },
  outputs: { table: port.table(), report: port.report() },
  config: z.object({
    columns: z.array(columnExpectationSchema).max(1000).default([]),
    rows: z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).default({}),
    stopOnFailure: z.boolean().default(false).describe('Fail the node (and stop what follows) when a check fails.'),
  }),
  infer: ({ inputs, config, issue }) => {
    if (inputs.table) {
      const names = new Set(inputs.table.columns.map((c) => c.name));
      config.columns.forEach((c, i) => {
        if (!names.has(c.name)) issue(`The table has no column "${c.name}".`, ['columns', i, 'name']);
      });
    }
    return { ...(inputs.table ? { table: inputs.table } : {}), report: {} };
  },
  run: ({ inputs, config }) => {
    const table = inputs.table;
    const checks: ReportCheck[] = [];
    const { min, max } = config.rows;
    if (min !== undefined || max !== undefined) {
      const n = table.numRows;
      const passed = (min === undefined || n >= min) && (max === undefined || n <= max);
      const bounds = `[${min ?? 0}, ${max ?? '∞'}]`;
      checks.push({
        name: 'row count',
        passed,
        message: `${n} rows${passed ? '' : `, outside ${bounds}`}`,
        details: { rows: n, min: min ?? null, max: max ?? null },
      });
    }
    for (const expectation of config.columns) {
      const index = table.schema.fields.findIndex((f) => f.name === expectation.name);
      checks.push(...columnChecks(expectation, index < 0 ? undefined : (table.getChildAt(index) ?? undefined)));
    }
    const report = reportOf(checks, 'Expectations');
    stopOnFailure(report, config.stopOnFailure);
    return { table, report };
  },
});
