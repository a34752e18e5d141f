import type { Table } from 'apache-arrow';
import { runGraph } from '../engine/run-graph';
import type { RunOptions } from '../engine/run-options';
import type { Issue } from '../errors/issue';
import type { Graph } from '../graph/schema';
import type { FileStore } from '../node/context';
import { type CheckFailure, checkAssertion } from './check-assertion';
import { createLimit, type Limit } from './limit';
import { prepareCase } from './prepare-case';
import { readGolden } from './read-golden';
import type { GraphTests, TestCase } from './schema';

/**
 * What became of one case: `invalid` when it could not be prepared (a wrong name), never run.
 *
 * @example
 * const failed = results.filter((r: CaseResult) => r.status === 'failed').map((r) => r.name);
 */
export interface CaseResult {
  name: string;
  index: number;
  status: 'passed' | 'failed' | 'invalid';
  durationMs: number;
  /** Why the case is invalid: issues with paths into the tests file. */
  issues: Issue[];
  failures: CheckFailure[];
  /** With `update`, the goldens to write: file name → the table the run produced. */
  goldens: Map<string, Table>;
}

/**
 * Options of {@link runGraphTests}: those of a run (registry, stores, clients), and how to test.
 *
 * @example
 * const options: GraphTestsOptions = { registry, files: memoryFiles({ 'golden.csv': text }), parallel: 4 };
 */
export interface GraphTestsOptions extends Omit<RunOptions, 'onEvent' | 'targets' | 'files'> {
  /** Files beside the graph and its tests: fixtures and goldens are read here. */
  files: FileStore;
  /** Collect the tables for goldens instead of comparing them (`causeway test --update`). */
  update?: boolean;
  /** How many cases run at once (default 2), or a limit shared with other tests files. */
  parallel?: number | Limit;
  /** Called as each case finishes, for a live reporter. */
  onCase?: (result: CaseResult) => void;
}

/**
 * Runs every case of a tests file against its graph, a few at a time: each case's graph is prepared
 * (fixtures, overrides, expectations), validated, run by the engine and its outputs checked. A case
 * with a wrong name is `invalid` without running; a failing check is `failed` with what differed.
 * Engine-level, so the browser runs it as the CLI does.
 *
 * @example
 * const results = await runGraphTests(graph, tests, { registry, files });
 * const failed = results.filter((r) => r.status !== 'passed');
 */
export async function runGraphTests(graph: Graph, tests: GraphTests, options: GraphTestsOptions): Promise<CaseResult[]> {
  const limit = typeof options.parallel === 'function' ? options.parallel : createLimit(Math.max(1, options.parallel ?? 2));
  return Promise.all(
    tests.cases.map((testCase, index) =>
      limit(async () => {
        const result = await runCase(graph, testCase, index, options);
        options.onCase?.(result);
        return result;
      }),
    ),
  );
}

async function runCase(graph: Graph, testCase: TestCase, index: number, options: GraphTestsOptions): Promise<CaseResult> {
  const started = (options.now ?? Date.now)();
  const result: CaseResult = { name: testCase.name, index, status: 'passed', durationMs: 0, issues: [], failures: [], goldens: new Map() };
  const done = (): CaseResult => {
    result.durationMs = (options.now ?? Date.now)() - started;
    if (result.status === 'passed' && result.failures.length > 0) result.status = 'failed';
    return result;
  };
  const prepared = prepareCase(graph, testCase, index, options.registry);
  if (!prepared.ok) {
    result.status = 'invalid';
    result.issues = prepared.issues;
    return done();
  }
  const { update, parallel, onCase, ...runOptions } = options;
  const run = await runGraph(prepared.value.graph, runOptions);
  if (run.status === 'invalid' || run.status === 'cancelled') {
    result.status = run.status === 'invalid' ? 'invalid' : 'failed';
    result.issues = run.issues;
    if (run.status === 'cancelled') result.failures.push({ check: 'run', message: 'the run was cancelled' });
    return done();
  }
  const errors = run.errors.filter((error) => error.code !== 'UPSTREAM_FAILED');
  const { fails } = testCase;
  if (fails) {
    const hit = errors.some((error) => error.code === fails.code && (fails.node === undefined || error.nodeId === fails.node));
    const at = fails.node === undefined ? '' : ` at node "${fails.node}"`;
    if (!hit) {
      const got = errors.length === 0 ? 'the run succeeded' : `got ${errors.map((e) => `${e.code} at "${e.nodeId}"`).join(', ')}`;
      result.failures.push({ check: 'fails', message: `expected the run to fail with ${fails.code}${at}; ${got}` });
    }
  } else {
    for (const error of errors) result.failures.push({ check: 'run', message: `${error.code}: ${error.message}` });
  }
  const context = {
    outputs: run.outputs,
    readGolden: (name: string, actual: Table) => readGolden(options.files, name, actual, options.signal),
    ...(update ? { update: (name: string, table: Table) => result.goldens.set(name, table) } : {}),
  };
  for (const assertion of prepared.value.assertions) {
    // A run that failed as expected still has its upstream outputs to check; the rest say why they are missing.
    const produced = run.outputs.get(assertion.node)?.[assertion.port] !== undefined;
    if (!produced && errors.length > 0 && !fails) continue;
    result.failures.push(...(await checkAssertion(assertion, context)));
  }
  return done();
}
