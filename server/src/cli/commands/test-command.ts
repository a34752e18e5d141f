import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createLimit, goldenBytes, type Limit, parseGraphTests, runGraphTests, type TestsIssue } from '@causeway/sdk';
import { hostServices } from '../../host-services';
import { type CliIo, exitCodes } from '../cli-io';
import { envSecrets } from '../env-secrets';
import { folderFiles } from '../folder-files';
import { helpText } from '../help-text';
import { loadGraph } from '../load-graph';
import { parseCommandArgs } from '../parse-command-args';
import { prepareCliRun } from '../prepare-cli-run';
import { UsageError } from '../usage-error';
import { findTestsFiles, graphOfTests } from './find-tests-files';
import {
  githubAnnotations,
  jsonReport,
  junitReport,
  prettyReport,
  type Reporter,
  reporters,
  type TestsFileOutcome,
  tally,
} from './test-report';

const options = {
  update: { type: 'boolean' },
  reporter: { type: 'string' },
  jobs: { type: 'string' },
  plugin: { type: 'string', multiple: true },
} as const;

function jobsOf(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism());
  const value = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= 64)) throw new UsageError(`causeway test: --jobs must be a whole number from 1 to 64, not "${text}".`);
  return value;
}

/**
 * `causeway test [graphs or folders…] [--update] [--reporter pretty|json|junit] [--jobs N] [--plugin PATH]…`:
 * runs the cases of every tests file found, at most N at once. Exit 0 when all pass, 1 when a case
 * fails, 2 when a file or case is invalid (or the command line is wrong).
 */
export async function testCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const { values, positionals } = parseCommandArgs('test', args, options, 'any');
  const reporter = (values.reporter ?? 'pretty') as Reporter;
  if (!reporters.includes(reporter))
    throw new UsageError(`causeway test: --reporter must be one of ${reporters.join(', ')}, not "${values.reporter}".`);
  const limit = createLimit(jobsOf(values.jobs));
  const started = performance.now();
  const files = await findTestsFiles(positionals, cwd);
  if (files.length === 0) throw new UsageError(`causeway test: no *.tests.json under ${positionals.join(', ') || '.'}.`);
  const run = { plugins: values.plugin ?? [], update: values.update === true, limit, cwd, io };
  const outcomes = await Promise.all(files.map((file) => testFile(file, run)));
  const ms = performance.now() - started;
  const report =
    reporter === 'json' ? jsonReport(outcomes, ms) : reporter === 'junit' ? junitReport(outcomes, ms) : prettyReport(outcomes, ms);
  io.stdout(report);
  if (io.env.GITHUB_ACTIONS === 'true') io.stdout(githubAnnotations(outcomes));
  const { failed, invalid } = tally(outcomes);
  return invalid > 0 ? exitCodes.usage : failed > 0 ? exitCodes.failed : exitCodes.ok;
}

interface TestRun {
  plugins: readonly string[];
  update: boolean;
  limit: Limit;
  cwd: string;
  io: CliIo;
}

async function testFile(path: string, run: TestRun): Promise<TestsFileOutcome> {
  const file = relative(run.cwd, path) || path;
  const outcome: TestsFileOutcome = { file, issues: [], cases: [], text: '' };
  const stop = (issues: TestsIssue[]) => {
    outcome.issues = issues;
    return outcome;
  };
  try {
    outcome.text = await readFile(path, 'utf8');
  } catch (error) {
    return stop([{ code: 'TESTS_SCHEMA', path: [], message: `cannot read ${file}: ${(error as Error).message}`, line: 1 }]);
  }
  const tests = parseGraphTests(outcome.text);
  if (!tests.ok) return stop(tests.issues);
  const graphFile = graphOfTests(path);
  const loaded = await loadGraph(graphFile, run.cwd);
  if (!loaded.ok)
    return stop(loaded.issues.map((issue) => ({ ...issue, message: `${relative(run.cwd, graphFile)}: ${issue.message}`, line: 1 })));
  const setup = await prepareCliRun(loaded.value.graph, run.plugins, run.cwd, run.io);
  if (!setup.ok) return stop(setup.issues.map((issue) => ({ ...issue, line: 1 })));
  const folder = dirname(path);
  try {
    outcome.cases = await runGraphTests(setup.value.graph, tests.value, {
      registry: setup.value.registry,
      files: folderFiles(folder),
      secrets: envSecrets(run.io.env),
      ...hostServices(run.io.env),
      signal: run.io.signal,
      parallel: run.limit,
      update: run.update,
    });
  } finally {
    setup.value.close();
  }
  if (run.update) await writeGoldens(folder, outcome);
  return outcome;
}

async function writeGoldens(folder: string, outcome: TestsFileOutcome): Promise<void> {
  for (const result of outcome.cases) {
    for (const [name, table] of result.goldens) {
      const target = resolve(folder, name);
      const rel = relative(folder, target);
      if (isAbsolute(name) || rel.startsWith(`..${sep}`) || rel === '..') {
        result.status = 'invalid';
        result.issues.push({
          code: 'TESTS_CASE_INVALID',
          path: ['cases', result.index],
          message: `golden "${name}" is outside the tests' folder`,
        });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, goldenBytes(name, table));
    }
  }
}
