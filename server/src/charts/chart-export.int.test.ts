import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from '../runs/runs-test-app';

const chartGraph = testGraph(
  'charted',
  [
    { id: 'load', type: 'source.sample', config: { dataset: 'housing' } },
    { id: 'plot', type: 'visualize.chart', config: { mark: 'point', x: 'area_m2', y: 'price', color: 'neighbourhood', maxPoints: 100 } },
  ],
  ['load.table -> plot.table'],
);
const badGraph = testGraph(
  'bad-chart',
  [
    { id: 'load', type: 'source.sample', config: { dataset: 'housing' } },
    { id: 'plot', type: 'visualize.chart', config: { mark: 'point', x: 'area_m2', y: 'prize' } },
  ],
  ['load.table -> plot.table'],
);

async function runToEnd(t: RunsTestApp, graphId: string): Promise<number> {
  const started = await t.call('POST', '/api/runs', { graphId });
  expect(started.status).toBe(201);
  const { id } = (await started.json()) as { id: number };
  await readEvents(await t.call('GET', `/api/runs/${id}/events`));
  return id;
}

describe.each(['pglite', 'postgres'] as const)('chart export through the API on %s', (kind) => {
  let t: RunsTestApp;
  let runId: number;

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    expect((await t.call('POST', '/api/graphs', { graph: chartGraph })).status).toBe(201);
    runId = await runToEnd(t, 'charted');
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  test('a chart output downloads as SVG and PNG; the SVG draws the sampled points and says it sampled', async () => {
    const svg = await t.call('GET', `/api/runs/${runId}/outputs/plot/chart/image`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-disposition')).toBe('attachment; filename="plot.chart.svg"');
    const text = await svg.text();
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('sampled 100 of 500 rows');
    // the points are the paths of the symbol mark (the legend draws its own)
    const points = /<g class="mark-symbol role-mark marks"[^>]*>(.*?)<\/g>/s.exec(text)?.[1] ?? '';
    expect(points.match(/<path /g)?.length).toBe(100);

    const png = await t.call('GET', `/api/runs/${runId}/outputs/plot/chart/image?format=png&scale=1`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const width = new DataView(bytes.buffer, bytes.byteOffset).getUint32(16);
    const wide = await t.call('GET', `/api/runs/${runId}/outputs/plot/chart/image?format=png&scale=2`);
    expect(new DataView(await wide.arrayBuffer()).getUint32(16)).toBe(width * 2);
  });

  test('the image needs a token, a chart output and a known format', async () => {
    const anonymous = await t.app.request(`/api/runs/${runId}/outputs/plot/chart/image`);
    expect(anonymous.status).toBe(401);
    const table = await t.call('GET', `/api/runs/${runId}/outputs/load/table/image`);
    expect(table.status).toBe(404);
    expect(await table.json()).toMatchObject({
      code: 'NOT_FOUND',
      message: `Output "load.table" of run ${runId} is a table, not a chart.`,
    });
    expect((await t.call('GET', `/api/runs/${runId}/outputs/plot/chart/image?format=gif`)).status).toBe(400);
  });

  test('a chart of a missing column fails its run, naming the column and the field', async () => {
    expect((await t.call('POST', '/api/graphs', { graph: badGraph })).status).toBe(201);
    const id = await runToEnd(t, 'bad-chart');
    const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string; nodes: { nodeId: string }[] };
    expect(run.status).toBe('failed');
    const plot = JSON.stringify(run.nodes.find((n) => n.nodeId === 'plot'));
    expect(plot).toContain('Unknown column \\"prize\\"; did you mean \\"price\\"?');
    expect(plot).toContain('SCHEMA_INVALID');
  });
});
