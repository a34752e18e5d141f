import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowsOf } from '@causeway/sdk/testkit';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedDir, graphsDir, runCli } from './run-cli';

const scratch = await mkdtemp(join(tmpdir(), 'causeway-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function expectGolden(graph: string, out: string): Promise<void> {
  const expected = (await readdir(join(expectedDir, graph))).sort();
  expect(expected.length).toBeGreaterThan(0);
  for (const name of expected) {
    expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(expectedDir, graph, name), 'utf8'));
  }
}

// Each test spawns the real CLI (the build in server/dist), which takes a second or more on a busy machine.
describe('causeway run', { timeout: 60_000 }, () => {
  it('runs inline → select and writes every output as CSV and Arrow', async () => {
    const out = join(scratch, 'inline');
    const result = await runCli(['run', join(graphsDir, 'inline-select.json'), '--out', out, '--concurrency', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ {2}done {4}people in \d+ ms {2}\(table: 4 rows × 6 columns\)$/m);
    expect(result.stderr).toMatch(/^ {2}done {4}pick in \d+ ms {2}\(table: 4 rows × 4 columns\)$/m);
    expect(result.stderr).toMatch(/^run succeeded in \d+ ms$/m);
    expect((await readdir(out)).sort()).toEqual(['people.table.arrow', 'people.table.csv', 'pick.table.arrow', 'pick.table.csv']);
    await expectGolden('inline-select', out);
    const arrow = tableFromIPC(await readFile(join(out, 'pick.table.arrow')));
    expect(arrow.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['who', 'Utf8'],
      ['id', 'Int32'],
      ['joined', 'Date64<MILLISECOND>'],
      ['score', 'Float64'],
    ]);
    expect(rowsOf(arrow)[2]).toEqual({ who: '=HYPERLINK("http://x")', id: 3, joined: null, score: null });
  });

  it('runs csv → select, reading the CSV beside the graph from any working directory', async () => {
    const out = join(scratch, 'csv');
    const result = await runCli(['run', 'csv-select.json', '--out', out], { cwd: graphsDir });
    expect(result.code).toBe(0);
    await expectGolden('csv-select', out);
    const arrow = tableFromIPC(await readFile(join(out, 'load.table.arrow')));
    expect(arrow.numRows).toBe(4);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'city', 'age', 'signup']);
  });

  it('refuses a file outside the graph folder', async () => {
    const result = await runCli(['run', join(graphsDir, 'escape.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed {2}load after \d+ ms: FILE_UNKNOWN: .*"\.\.\/csv\/secret\.csv" is outside the graph's folder/);
    expect(result.stderr).toMatch(/^run failed in \d+ ms$/m);
  });

  it('prints one line per issue for an invalid graph, without a stack trace', async () => {
    const result = await runCli(['run', join(graphsDir, 'broken.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NODE_TYPE_UNKNOWN at nodes[3].type (node "mystery"): Unknown node type "transform.mystery".');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('reports text that is not JSON and a missing file as one line each', async () => {
    const syntax = await runCli(['run', join(graphsDir, 'not-json.json')]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr.trim().split('\n')).toHaveLength(1);
    expect(syntax.stderr).toMatch(/^GRAPH_JSON_SYNTAX at \(root\): .*line 2/);
    const missing = await runCli(['run', 'no-such-graph.json'], { cwd: scratch });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'FILE_UNKNOWN at (root): Cannot read "no-such-graph.json": no such file.\n' });
  });
});
