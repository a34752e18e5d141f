import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const graph = {
  format: 'causeway.graph/1',
  id: 'people',
  name: 'People',
  nodes: [
    { id: 'load', type: 'source.csv', version: 1, position: [0, 0], config: { file: 'people.csv' } },
    { id: 'adults', type: 'transform.filter', version: 1, position: [200, 0], config: { where: 'age >= 18' } },
  ],
  edges: [{ from: 'load.table', to: 'adults.table' }],
};

const tests = `{
  "format": "causeway.tests/1",
  "cases": [
    {
      "name": "keeps adults",
      "replace": { "load": { "file": "fixtures/people.csv" } },
      "expect": [
        { "output": "adults.table", "rows": 2 },
        { "output": "adults.table", "golden": "golden/adults.csv" }
      ]
    }
  ]
}
`;

async function project(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'causeway-graph-tests-'));
  await writeFile(join(folder, 'people.json'), JSON.stringify(graph, null, 2));
  await writeFile(join(folder, 'people.tests.json'), tests);
  await writeFile(join(folder, 'people.csv'), 'name,age\nx,1\n');
  const fixtures = join(folder, 'fixtures');
  await mkdir(fixtures);
  await writeFile(join(fixtures, 'people.csv'), 'name,age\nann,30\nbo,12\ncy,45\n');
  return folder;
}

// `causeway test` on the real CLI: the shipped templates, goldens written and compared, and the exit
// codes, reporters and CI annotations of failing and invalid tests.
describe('causeway test', { timeout: 120_000 }, () => {
  it('passes every shipped template', async () => {
    const result = await runCli(['test', 'templates/']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ trains on the sample and passes its gate/);
    expect(result.stdout).toMatch(/\b0 failed, 0 invalid/);
  });

  it('writes goldens with --update, then fails with a diff when an output changes', async () => {
    const folder = await project();
    const missing = await runCli(['test'], { cwd: folder });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(
      /TESTS_GOLDEN_UNREADABLE golden: golden file "golden\/adults\.csv" cannot be read: .*run causeway test --update/,
    );
    expect((await runCli(['test', '--update'], { cwd: folder })).code).toBe(0);
    expect(await readFile(join(folder, 'golden/adults.csv'), 'utf8')).toBe('name,age\nann,30\ncy,45\n');
    expect((await runCli(['test', 'people.json'], { cwd: folder })).code).toBe(0);

    await writeFile(join(folder, 'fixtures/people.csv'), 'name,age\nann,31\nbo,12\ncy,45\n');
    const changed = await runCli(['test', '--reporter', 'junit'], { cwd: folder, env: { GITHUB_ACTIONS: 'true' } });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(
      /<testcase name="keeps adults" classname="people\.tests\.json" time="[\d.]+"><failure message="golden: adults\.table differs from golden\/adults\.csv">/,
    );
    expect(changed.stdout).toMatch(/row 1: age 31 ≠ 30/);
    expect(changed.stdout).toMatch(
      /^::error file=people\.tests\.json,line=4,title=keeps adults%3A TEST_FAILED::golden: adults\.table differs/m,
    );
  });

  it('exits 2 with file and line for a malformed file and for a case naming a missing port', async () => {
    const folder = await project();
    await writeFile(join(folder, 'people.tests.json'), tests.replace('"rows": 2 }', '"rows": 2 '));
    const malformed = await runCli(['test', '--reporter', 'json'], { cwd: folder, env: { GITHUB_ACTIONS: 'true' } });
    expect(malformed.code).toBe(2);
    const report = JSON.parse(malformed.stdout.slice(0, malformed.stdout.indexOf('\n::'))) as {
      files: { issues: { code: string; line: number }[] }[];
    };
    expect(report.files[0]?.issues[0]).toMatchObject({ code: 'TESTS_SCHEMA', line: 9 });
    expect(malformed.stdout).toMatch(/^::error file=people\.tests\.json,line=9,title=TESTS_SCHEMA::/m);

    await writeFile(
      join(folder, 'people.tests.json'),
      tests.replace('"output": "adults.table", "rows"', '"output": "adults.rows", "rows"'),
    );
    const wrongPort = await runCli(['test'], { cwd: folder });
    expect(wrongPort.code).toBe(2);
    expect(wrongPort.stdout).toMatch(
      /people\.tests\.json:8: TESTS_CASE_INVALID at cases\[0]\.expect\[0]\.output: node "adults" has no output "rows" \(its outputs are table\)/,
    );
  });

  it('passes the example of docs/testing-graphs.md against the churn template', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'causeway-graph-tests-doc-'));
    const doc = await readFile(join(repoRoot, 'docs/testing-graphs.md'), 'utf8');
    await writeFile(join(folder, 'churn-model.tests.json'), /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '');
    await cp(join(repoRoot, 'templates/churn-model.json'), join(folder, 'churn-model.json'));
    await cp(join(repoRoot, 'templates/churn-model.tests'), join(folder, 'churn-model.tests'), { recursive: true });
    const result = await runCli(['test'], { cwd: folder });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/3 passed, 0 failed, 0 invalid/);
  });

  it('exits 2 for paths that are not there', async () => {
    const result = await runCli(['test', 'no-such-folder']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('causeway test: "no-such-folder" does not exist.\n');
  });
});
