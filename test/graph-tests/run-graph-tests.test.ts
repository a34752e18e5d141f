import { createBuiltinRegistry } from '@causeway/nodes';
import { defineNode, type GraphTests, parseGraphTests, pinAsExpected, port, runGraphTests, writeCsv, z } from '@causeway/sdk';
import { graphOf, memoryFiles, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';

// A node that turns a table into metrics, so metric checks run without a model.
const countMetrics = defineNode({
  type: 'test.count-metrics',
  version: 1,
  category: 'validate',
  title: 'Count',
  description: 'Rows as a metric.',
  inputs: { table: port.table() },
  outputs: { metrics: port.metrics() },
  config: z.object({}),
  infer: () => ({ metrics: { names: ['rows'] } }),
  run: ({ inputs }) => ({ metrics: { values: { rows: inputs.table.numRows } } }),
});
const registry = createBuiltinRegistry().add(countMetrics);

const graph = graphOf({
  id: 'people',
  nodes: [
    { id: 'load', type: 'source.csv', config: { file: 'people.csv' } },
    { id: 'adults', type: 'transform.filter', config: { where: 'age >= 18' } },
    { id: 'count', type: 'test.count-metrics' },
  ],
  edges: ['load.table -> adults.table', 'adults.table -> count.table'],
});

const fixture = {
  columns: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'integer' },
  ],
  rows: [
    ['ann', 30],
    ['bo', 12],
    ['cy', 45],
  ],
};

const adultsCsv = writeCsv(tableOf({ name: ['ann', 'cy'], age: [30, 45] }, { age: 'integer' }));

function tests(cases: unknown[]): GraphTests {
  const parsed = parseGraphTests(JSON.stringify({ format: 'causeway.tests/1', cases }));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.value;
}

const run = (cases: unknown[], files: Record<string, string> = {}, update = false) =>
  runGraphTests(graph, tests(cases), { registry, files: memoryFiles(files), update });

describe('runGraphTests', () => {
  it('replaces a source with inline rows and checks rows, schema, values, metrics and a golden', async () => {
    const [result] = await run(
      [
        {
          name: 'adults',
          replace: { load: fixture },
          expect: [
            { output: 'adults.table', rows: 2, schema: [{ name: 'name', type: 'string' }, { name: 'age' }] },
            { output: 'adults.table', values: { columns: ['name'], rows: [['ann'], ['cy']] } },
            { output: 'count.metrics', metrics: 'rows = 2' },
            { output: 'adults.table', golden: 'adults.csv' },
          ],
        },
      ],
      { 'adults.csv': adultsCsv },
    );
    expect(result).toMatchObject({ status: 'passed', failures: [], issues: [] });
  });

  it('reports what differs: a count, a value diff, a metric with its value, a golden diff', async () => {
    const golden = adultsCsv.replace('45', '46');
    const [result] = await run(
      [
        {
          name: 'adults',
          replace: { 'load.table': fixture },
          expect: [
            { output: 'adults.table', rows: 3 },
            {
              output: 'adults.table',
              values: {
                columns: ['name', 'age'],
                rows: [
                  ['ann', 30],
                  ['cy', 44],
                ],
              },
              tolerance: { age: 0.5 },
            },
            { output: 'count.metrics', metrics: 'rows >= 5' },
            { output: 'adults.table', golden: 'adults.csv', tolerance: 0.5 },
          ],
        },
      ],
      { 'adults.csv': golden },
    );
    expect(result?.status).toBe('failed');
    expect(result?.failures).toEqual([
      { check: 'rows', message: 'adults.table has 2 rows, expected 3' },
      {
        check: 'values',
        message: 'adults.table differs from the expected values',
        diff: ['row 2: age 45 ≠ 44', '1 of 2 rows differ, by column: age 1'],
      },
      { check: 'metrics', message: 'rows >= 5 does not hold (rows = 2)' },
      {
        check: 'golden',
        message: 'adults.table differs from adults.csv',
        diff: ['row 2: age 45 ≠ 46', '1 of 2 rows differ, by column: age 1'],
      },
    ]);
  });

  it('checks the expectations language of validate.expectations', async () => {
    const [result] = await run([
      {
        name: 'ages',
        replace: { load: fixture },
        expect: [{ output: 'load.table', expectations: { columns: [{ name: 'age', min: 18 }], rows: { min: 1 } } }],
      },
    ]);
    expect(result?.status).toBe('failed');
    expect(result?.failures[0]).toMatchObject({ check: 'expectations', diff: ['age range: 1 rows outside [18, ∞], e.g. 12'] });
  });

  it('says which golden cannot be read and why, and collects the table with update', async () => {
    const cases = [{ name: 'adults', replace: { load: fixture }, expect: [{ output: 'adults.table', golden: 'adults.csv' }] }];
    const [missing] = await run(cases);
    expect(missing?.failures[0]?.code).toBe('TESTS_GOLDEN_UNREADABLE');
    expect(missing?.failures[0]?.message).toMatch(/^golden file "adults\.csv" cannot be read: .*run causeway test --update/);
    const [broken] = await run(cases, { 'adults.csv': 'name,age\n"unterminated' });
    expect(broken?.failures[0]?.message).toMatch(/^golden file "adults\.csv" cannot be read: /);
    const [updated] = await run(cases, {}, true);
    expect(updated?.status).toBe('passed');
    expect(updated?.goldens.get('adults.csv')?.numRows).toBe(2);
  });

  it('refuses a case naming a node, port or config that does not exist, without running it', async () => {
    const results = await run([
      { name: 'node', replace: { lode: fixture }, expect: [] },
      { name: 'port', replace: { load: fixture }, expect: [{ output: 'adults.tabel', rows: 1 }] },
      { name: 'config', replace: { load: fixture }, config: { adults: { wher: 'age > 1' } }, expect: [] },
      { name: 'kind', replace: { load: fixture }, expect: [{ output: 'count.metrics', rows: 1 }] },
      { name: 'expectations', replace: { load: fixture }, expect: [{ output: 'load.table', expectations: { colums: [] } }] },
      { name: 'key', replace: { 'load.table.x': fixture }, expect: [] },
    ]);
    expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(results.map((r) => r.issues[0]?.path)).toEqual([
      ['cases', 0, 'replace', 'lode'],
      ['cases', 1, 'expect', 0, 'output'],
      ['cases', 2, 'config', 'adults', 'wher'],
      ['cases', 3, 'expect', 0, 'rows'],
      ['cases', 4, 'expect', 0, 'expectations', 'colums'],
      ['cases', 5, 'replace', 'load.table.x'],
    ]);
    expect(results[0]?.issues[0]?.message).toMatch(/the graph has no node "lode"/);
    expect(results[1]?.issues[0]?.message).toMatch(/node "adults" has no output "tabel" \(its outputs are table\)/);
  });

  it('expects a failure with its code and node', async () => {
    const cases = (code: string) => [
      { name: 'fails', replace: { load: fixture }, config: { adults: { where: 'age / 0 > name' } }, fails: { code }, expect: [] },
    ];
    const [invalid] = await run(cases('EXPRESSION_INVALID'));
    expect(invalid?.status).toBe('invalid');
    const [wanted] = await run([{ name: 'no file', fails: { code: 'FILE_UNKNOWN', node: 'load' }, expect: [] }]);
    expect(wanted).toMatchObject({ status: 'passed' });
    const [other] = await run([{ name: 'no file', fails: { code: 'FILE_UNKNOWN', node: 'adults' }, expect: [] }]);
    expect(other?.failures[0]?.message).toMatch(/^expected the run to fail with FILE_UNKNOWN at node "adults"; got FILE_UNKNOWN at "load"/);
  });
});

describe('pinAsExpected', () => {
  it('pins an output so that the same run passes and a changed one fails', async () => {
    const adults = tableOf({ name: ['ann', 'cy'], age: [30, 45] }, { age: 'integer' });
    const pinned = pinAsExpected('adults.table', adults);
    expect(pinned).toEqual({
      output: 'adults.table',
      rows: 2,
      schema: [
        { name: 'name', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      values: {
        columns: ['name', 'age'],
        rows: [
          ['ann', 30],
          ['cy', 45],
        ],
      },
    });
    const [same] = await run([{ name: 'pinned', replace: { load: fixture }, expect: [pinned] }]);
    expect(same?.status).toBe('passed');
    const older = { ...fixture, rows: fixture.rows.map((row) => [row[0], Number(row[1]) + 1]) };
    const [changed] = await run([{ name: 'pinned', replace: { load: older }, expect: [pinned] }]);
    expect(changed?.failures[0]?.diff?.[0]).toBe('row 1: age 31 ≠ 30');
  });
});
