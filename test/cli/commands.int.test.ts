import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinRegistry } from '@causeway/nodes';
import { describe, expect, it } from 'vitest';
import { expectedDir, graphsDir, runCli } from './run-cli';

// Each test spawns the real, built CLI, which takes a second or more on a busy machine.
const slow = { timeout: 60_000 };

describe('causeway validate', slow, () => {
  it('prints each issue with its path and exits 1 for a broken graph', async () => {
    const result = await runCli(['validate', join(graphsDir, 'broken.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(await readFile(join(expectedDir, 'broken.validate.txt'), 'utf8'));
    expect(result.stderr).toMatch(/broken\.json: 5 issues\n$/);
  });

  it('reports an expression syntax error although the input columns are unknown (a CSV without types)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'causeway-validate-'));
    try {
      const graph = {
        format: 'causeway.graph/1',
        id: 'syntax',
        name: 'syntax',
        nodes: [
          { id: 'load', type: 'source.csv', version: 1, config: { file: 'weather.csv' }, position: [0, 0] },
          { id: 'hot', type: 'transform.filter', version: 1, config: { where: 'temp_max >' }, position: [300, 0] },
        ],
        edges: [{ from: 'load.table', to: 'hot.table' }],
      };
      await writeFile(join(dir, 'syntax.json'), JSON.stringify(graph));
      const result = await runCli(['validate', 'syntax.json'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^EXPRESSION_INVALID at nodes\[1\]\.config\.where \(node "hot"\): .* at column \d+\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 for a valid graph', async () => {
    const result = await runCli(['validate', 'inline-select.json'], { cwd: graphsDir });
    expect(result).toEqual({ code: 0, stdout: 'inline-select.json: valid (2 nodes, 1 edge)\n', stderr: '' });
  });
});

describe('causeway nodes', slow, () => {
  it('lists every node type as JSON with ports and config schema', async () => {
    const result = await runCli(['nodes', '--json']);
    expect(result.code).toBe(0);
    const listing = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const registered = createBuiltinRegistry()
      .list()
      .map((d) => d.type);
    expect(listing.map((n) => n.type)).toEqual(registered);
    expect(registered).toContain('transform.select');
    const select = listing.find((n) => n.type === 'transform.select');
    expect(select).toMatchObject({
      version: 1,
      category: 'transform',
      title: 'Select columns',
      inputs: { table: { kind: 'table', optional: false, multiple: false } },
      outputs: { table: { kind: 'table', optional: false, multiple: false } },
      config: { type: 'object', required: ['columns'] },
    });
  });

  it('prints a readable table without --json', async () => {
    const result = await runCli(['nodes']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+VERSION\s+CATEGORY\s+TITLE\s+INPUTS\s+OUTPUTS\s+CONFIG$/);
    expect(lines.find((l) => l.startsWith('transform.select'))).toMatch(/Select columns\s+table:table\s+table:table\s+columns$/);
  });
});

describe('causeway usage', slow, () => {
  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('causeway run <graph.json> [--out DIR] [--png] [--concurrency N]');
  });

  it('refuses an unknown command with one line and exit 2', async () => {
    const result = await runCli(['frob']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'causeway: unknown command "frob"; see causeway --help.\n' });
  });
});
