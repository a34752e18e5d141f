import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const scratch = await mkdtemp(join(tmpdir(), 'causeway-chart-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function graph(chart: Record<string, unknown>) {
  return {
    format: 'causeway.graph/1',
    id: 'visitors-chart',
    name: 'Visitors by day',
    nodes: [
      { id: 'load', type: 'source.sample', version: 1, position: [0, 0], config: { dataset: 'visitors' } },
      { id: 'plot', type: 'visualize.chart', version: 1, position: [200, 0], config: chart },
    ],
    edges: [{ from: 'load.table', to: 'plot.table' }],
  };
}

describe('causeway run with a chart', { timeout: 60_000 }, () => {
  it('writes the chart as JSON and SVG, and PNG with --png', async () => {
    const file = join(scratch, 'chart.json');
    await writeFile(file, JSON.stringify(graph({ mark: 'line', x: 'date', y: 'visitors', aggregate: 'sum' })));
    const out = join(scratch, 'out');
    const result = await runCli(['run', file, '--out', out, '--png']);
    expect(result.stderr).toMatch(/^run succeeded in \d+ ms$/m);
    expect(result.code).toBe(0);
    expect((await readdir(out)).filter((f) => f.startsWith('plot.')).sort()).toEqual([
      'plot.chart.json',
      'plot.chart.png',
      'plot.chart.svg',
    ]);
    const spec = JSON.parse(await readFile(join(out, 'plot.chart.json'), 'utf8')) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(731);
    const svg = await readFile(join(out, 'plot.chart.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('sum of visitors');
    const png = await readFile(join(out, 'plot.chart.png'));
    expect([...png.subarray(0, 4)]).toEqual([137, 80, 78, 71]);

    const plain = join(scratch, 'plain');
    expect((await runCli(['run', file, '--out', plain])).code).toBe(0);
    expect((await readdir(plain)).filter((f) => f.startsWith('plot.')).sort()).toEqual(['plot.chart.json', 'plot.chart.svg']);
  });

  it('refuses --png without --out', async () => {
    const file = join(scratch, 'chart.json');
    const result = await runCli(['run', file, '--png']);
    expect(result).toMatchObject({ code: 2, stderr: 'causeway run: --png writes chart images into --out DIR; give --out too.\n' });
  });

  it('validate names the field of a chart encoding whose column is missing', async () => {
    const file = join(scratch, 'bad.json');
    await writeFile(file, JSON.stringify(graph({ mark: 'point', x: 'date', y: 'visits' })));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('SCHEMA_INVALID at nodes[1].config.y (node "plot"): Unknown column "visits"; did you mean "visitors"?');
  });
});
