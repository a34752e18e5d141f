import { z } from 'zod';
import { endpointPattern, idPattern } from '../graph/schema';
import { type ColumnType, columnTypes } from '../ports/table-schema';

/**
 * The format string of a tests file; the file sits beside its graph as `<graph>.tests.json`.
 *
 * @example
 * JSON.stringify({ format: graphTestsFormat, cases: [] });
 */
export const graphTestsFormat = 'causeway.tests/1';

const id = z.string().regex(idPattern, 'a node id is a letter or _ followed by up to 63 letters, digits, _ or -');
const endpoint = z.string().regex(endpointPattern, 'an output is written "node.port"');
const fileName = z.string().min(1).max(1000);
const columnType = z.enum(columnTypes as [ColumnType, ...ColumnType[]]);

/** A table that stands in for a node's output: rows typed inline, or a CSV or Arrow file beside the tests. */
export const fixtureSchema = z
  .strictObject({
    columns: z
      .array(z.strictObject({ name: z.string().min(1).max(200), type: columnType }))
      .min(1)
      .max(100)
      .optional(),
    rows: z.array(z.array(z.unknown()).max(100)).max(10_000).optional(),
    file: fileName.optional().describe('A .csv or .arrow file, relative to the tests file.'),
  })
  .superRefine((value, ctx) => {
    const inline = value.columns !== undefined || value.rows !== undefined;
    if (inline === (value.file !== undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give either "columns" and "rows", or "file"' });
    else if (inline && (value.columns === undefined || value.rows === undefined))
      ctx.addIssue({ code: 'custom', path: [value.columns === undefined ? 'columns' : 'rows'], message: 'required with inline rows' });
  });

const bounds = z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() });

/** Checks on one output; every field but `output` is optional, and at least one check is given. */
export const assertionSchema = z
  .strictObject({
    output: endpoint.describe('The output checked, "node.port".'),
    rows: z
      .union([z.number().int().min(0), bounds])
      .optional()
      .describe('Exact row count, or { min, max }.'),
    schema: z
      .array(z.strictObject({ name: z.string().min(1), type: columnType.optional() }))
      .max(1000)
      .optional()
      .describe('The columns, in order, with their types.'),
    values: z
      .strictObject({ columns: z.array(z.string().min(1)).min(1).max(1000), rows: z.array(z.array(z.unknown())).max(10_000) })
      .optional()
      .describe('The exact table (those columns, in this row order).'),
    golden: fileName.optional().describe('A .csv or .arrow file holding the expected table; `causeway test --update` writes it.'),
    tolerance: z
      .union([z.number().min(0), z.record(z.string().min(1), z.number().min(0))])
      .optional()
      .describe('Largest absolute difference allowed between numbers, for all columns or per column.'),
    metrics: z.string().min(1).max(10_000).optional().describe('A condition over the metric names, e.g. "auc >= 0.8".'),
    expectations: z.record(z.string(), z.unknown()).optional().describe('The config of a validate.expectations node: { columns, rows }.'),
  })
  .refine(
    (a) => [a.rows, a.schema, a.values, a.golden, a.metrics, a.expectations].some((check) => check !== undefined),
    'give at least one check: rows, schema, values, golden, metrics or expectations',
  );

/** One test case: fixtures in place of nodes, config overrides, and checks on outputs. */
export const testCaseSchema = z.strictObject({
  name: z.string().min(1).max(200),
  replace: z
    .record(z.string(), fixtureSchema)
    .optional()
    .describe('Outputs replaced by fixture tables: "node" (its only table output) or "node.port".'),
  config: z.record(id, z.record(z.string(), z.unknown())).optional().describe('Config fields to override, by node id.'),
  expect: z.array(assertionSchema).max(1000).default([]),
  fails: z
    .strictObject({ code: z.string().min(1).max(100), node: id.optional() })
    .optional()
    .describe('The run must fail with this error code (at this node).'),
});

/**
 * A `<graph>.tests.json` file.
 *
 * @example
 * const r = graphTestsSchema.safeParse(JSON.parse(text));
 */
export const graphTestsSchema = z.strictObject({
  format: z.literal(graphTestsFormat),
  cases: z.array(testCaseSchema).min(1).max(1000),
});

/**
 * A parsed tests file.
 *
 * @example
 * const tests: GraphTests = { format: 'causeway.tests/1', cases: [{ name: 'loads', expect: [{ output: 'load.table', rows: 3 }] }] };
 */
export type GraphTests = z.output<typeof graphTestsSchema>;
/**
 * One case of a tests file.
 *
 * @example
 * const testCase: TestCase = { name: 'gate blocks', config: { gate: { expression: 'auc >= 0.99' } }, expect: [], fails: { code: 'MODEL_GATE_BLOCKED' } };
 */
export type TestCase = z.output<typeof testCaseSchema>;
/**
 * Checks on one output.
 *
 * @example
 * const assertion: Assertion = { output: 'evaluate.metrics', metrics: 'auc >= 0.8' };
 */
export type Assertion = z.output<typeof assertionSchema>;
/**
 * A fixture table.
 *
 * @example
 * const fixture: Fixture = { columns: [{ name: 'x', type: 'number' }], rows: [[1], [2]] };
 */
export type Fixture = z.output<typeof fixtureSchema>;
