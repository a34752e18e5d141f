import type { Table } from 'apache-arrow';
import { compileScalarExpression } from '../expr/compile-expression';
import { evaluateScalar } from '../expr/evaluate-scalar';
import { tableSchemaOf } from '../ports/arrow-schema';
import { isArrowTable } from '../ports/port';
import type { MetricsValue, ReportValue } from '../ports/values';
import { compareTables, type ExpectedRows, rowsOfValues } from './compare-tables';
import type { PreparedAssertion } from './prepare-case';

/**
 * One check that did not hold: what it was about and, for a table, the diff.
 *
 * @example
 * const failure: CheckFailure = { check: 'rows', message: 'split.test has 240 rows, expected 250' };
 */
export interface CheckFailure {
  /** `TESTS_GOLDEN_UNREADABLE` for a golden file that cannot be read; otherwise absent (a `TEST_FAILED`). */
  code?: 'TESTS_GOLDEN_UNREADABLE';
  check: string;
  message: string;
  diff?: string[];
}

/** What a golden file holds, or why it could not be read (`undefined` with `--update` and no file yet). */
export type GoldenRead = { ok: true; rows: ExpectedRows } | { ok: false; message: string };

/** What checking one assertion needs besides the run's outputs. */
export interface AssertionContext {
  outputs: ReadonlyMap<string, Record<string, unknown>>;
  readGolden: (name: string, actual: Table) => Promise<GoldenRead>;
  /** With `--update`, the golden is not compared but rewritten from this table. */
  update?: (name: string, table: Table) => void;
}

/**
 * Checks one assertion of a case against the outputs of its run; returns what did not hold.
 *
 * @example
 * const failures = await checkAssertion(prepared, { outputs: result.outputs, readGolden });
 */
export async function checkAssertion(prepared: PreparedAssertion, context: AssertionContext): Promise<CheckFailure[]> {
  const { assertion } = prepared;
  const value = context.outputs.get(prepared.node)?.[prepared.port];
  if (value === undefined) return [{ check: 'output', message: `${assertion.output} produced no value` }];
  const failures: CheckFailure[] = [];
  if (prepared.kind === 'metrics' && assertion.metrics !== undefined) {
    const failure = checkMetrics(assertion.metrics, (value as MetricsValue).values);
    if (failure) failures.push(failure);
  }
  if (!isArrowTable(value)) return failures;
  const { rows } = assertion;
  if (rows !== undefined) {
    const n = value.numRows;
    const ok =
      typeof rows === 'number' ? n === rows : (rows.min === undefined || n >= rows.min) && (rows.max === undefined || n <= rows.max);
    const wanted = typeof rows === 'number' ? `${rows}` : `in [${rows.min ?? 0}, ${rows.max ?? '∞'}]`;
    if (!ok) failures.push({ check: 'rows', message: `${assertion.output} has ${n} rows, expected ${wanted}` });
  }
  if (assertion.schema !== undefined) {
    const have = tableSchemaOf(value).columns.map((c) => `${c.name}:${c.type}`);
    const want = assertion.schema.map((c, i) => `${c.name}:${c.type ?? tableSchemaOf(value).columns[i]?.type ?? '?'}`);
    if (have.join(',') !== want.join(','))
      failures.push({ check: 'schema', message: `${assertion.output} has columns ${have.join(', ')}; expected ${want.join(', ')}` });
  }
  if (assertion.values !== undefined) {
    const { columns, rows: expected } = assertion.values;
    const present = columns.filter((c) => value.schema.fields.some((f) => f.name === c));
    const diff = compareTables(value.select(present), rowsOfValues(columns, expected), assertion.tolerance);
    if (!diff.equal) failures.push({ check: 'values', message: `${assertion.output} differs from the expected values`, diff: diff.lines });
  }
  if (assertion.golden !== undefined) {
    if (context.update) context.update(assertion.golden, value);
    else {
      const golden = await context.readGolden(assertion.golden, value);
      if (!golden.ok) failures.push({ code: 'TESTS_GOLDEN_UNREADABLE', check: 'golden', message: golden.message });
      else {
        const diff = compareTables(value, golden.rows, assertion.tolerance);
        if (!diff.equal)
          failures.push({ check: 'golden', message: `${assertion.output} differs from ${assertion.golden}`, diff: diff.lines });
      }
    }
  }
  if (prepared.expectationsNode !== undefined) {
    const report = context.outputs.get(prepared.expectationsNode)?.report as ReportValue | undefined;
    const failed = report?.checks.filter((c) => !c.passed) ?? [];
    if (!report) failures.push({ check: 'expectations', message: `the expectations on ${assertion.output} did not run` });
    else if (failed.length > 0)
      failures.push({
        check: 'expectations',
        message: `${failed.length} expectation${failed.length === 1 ? '' : 's'} on ${assertion.output} failed`,
        diff: failed.map((c) => `${c.name}: ${c.message}`),
      });
  }
  return failures;
}

function checkMetrics(text: string, values: Readonly<Record<string, number>>): CheckFailure | undefined {
  const types = Object.fromEntries(Object.keys(values).map((name) => [name, 'number' as const]));
  const compiled = compileScalarExpression(text, types);
  if (!compiled.ok) return { check: 'metrics', message: `"${text}": ${compiled.issues.map((i) => i.message).join('; ')}` };
  const result = evaluateScalar(compiled.value, values);
  if (result.ok && result.value === true) return undefined;
  const used = Object.keys(values).filter((name) =>
    new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(text),
  );
  const shown = used.map((name) => `${name} = ${Number((values[name] as number).toPrecision(6))}`).join(', ');
  const reason = result.ok ? 'does not hold' : result.issues.map((i) => i.message).join('; ');
  return { check: 'metrics', message: `${text} ${reason}${shown ? ` (${shown})` : ''}` };
}
