import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

// `causeway lint` on the real CLI: the templates are clean; an ungated deploy is an error on its line,
// which a flag or the config file can turn down; a bad config is a usage error.
describe('causeway lint', { timeout: 120_000 }, () => {
  it('passes the templates and flags an ungated deploy on its line, unless turned off', async () => {
    expect(await runCli(['lint', 'templates/'])).toMatchObject({ code: 0, stdout: '' });
    const folder = await mkdtemp(join(tmpdir(), 'causeway-lint-'));
    const graph = JSON.parse(await readFile(join(repoRoot, 'templates/housing-regression-deploy.json'), 'utf8')) as {
      edges: { from: string; to: string }[];
    };
    graph.edges = graph.edges
      .map((e) => (e.from === 'gate.model' ? { from: 'train.model', to: e.to } : e))
      .filter((e) => e.from !== 'gate.report');
    await writeFile(join(folder, 'housing.json'), JSON.stringify(graph, null, 2));
    const flagged = await runCli(['lint', '.'], { cwd: folder, env: { GITHUB_ACTIONS: 'true' } });
    expect(flagged.code).toBe(1);
    expect(flagged.stdout).toMatch(/^housing\.json:\d+: error GL003 ungated-deploy: "register" deploys a model that passes no gate/m);
    expect(flagged.stdout).toMatch(/^::error file=housing\.json,line=\d+,title=GL003 ungated-deploy::/m);
    expect((await runCli(['lint', '--rule', 'ungated-deploy=warn'], { cwd: folder })).code).toBe(0);
    await writeFile(join(folder, 'causeway-lint.json'), JSON.stringify({ rules: { GL003: 'off' } }));
    expect(await runCli(['lint'], { cwd: folder })).toMatchObject({ code: 0, stdout: '' });
    await writeFile(join(folder, 'causeway-lint.json'), JSON.stringify({ rules: { GL042: 'off' } }));
    const bad = await runCli(['lint'], { cwd: folder });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^causeway lint: unknown lint rule "GL042"/);
  });
});
