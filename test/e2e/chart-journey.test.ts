import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Graph, graphFormat } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, dragConnection, screenshots, seededContext } from './editor-app';
import { addNode, inspect, pickColumn } from './journey-ui';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-chart-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

const graph: Graph = {
  format: graphFormat,
  id: 'chart-journey',
  name: 'Chart journey',
  nodes: [{ id: 'load', type: 'source.sample', version: 1, config: { dataset: 'housing' }, position: [0, 0] }],
  edges: [],
};

describe('a chart in the editor', () => {
  it('adds a chart after a sample source, picks its columns, runs, sees the chart and downloads it as SVG', async () => {
    const context = await seededContext(served.browser, graph);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    const errors = collectPageErrors(page);
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page.locator('[data-node-id="load"]').waitFor();

    const chart = await addNode(page, 'visualize.chart', 520, 160);
    await dragConnection(page, 'load.table', `${chart}.table`);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    const inspector = await inspect(page, chart);
    await inspector.getByLabel(/^Mark\b/).selectOption('boxplot');
    await pickColumn(inspector, 'X', 'neighbourhood');
    await pickColumn(inspector, 'Y', 'price');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await expect.poll(() => page.locator('.status').textContent()).toMatch(/No issues/);

    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('browser');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Run succeeded/);
    const port = page.locator(`[data-port="${chart}.chart"] button`);
    await port.focus();
    await port.press('Enter');
    const results = page.locator('.results');
    await results.getByRole('heading', { name: `${chart}.chart` }).waitFor();
    await expect.poll(() => results.locator('.chart canvas, .chart svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(screenshots, 'chart-boxplot.png') });

    const [saved] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'Download SVG' }).click()]);
    expect(saved.suggestedFilename()).toBe(`${chart}.chart.svg`);
    const svg = await readFile(await saved.path(), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('quartiles of 500 rows');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
