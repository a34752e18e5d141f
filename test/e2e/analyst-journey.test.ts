import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragConnection, screenshots } from './editor-app';
import { addItem, addNode, fill, inspect, pickColumn, pickColumns } from './journey-ui';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-journey-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

/** A year of daily sales for three shops, made here: a date column, a number, text, and one bad row the filter drops. */
function salesCsv(): string {
  const lines = ['day,shop,temp,sales'];
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < 366; d++) {
    const day = new Date(start + d * 86_400_000);
    const weekday = day.getUTCDay();
    const temp = Math.round((10 + 12 * Math.sin(((d - 100) / 366) * 2 * Math.PI)) * 10) / 10;
    for (const [shop, base] of [
      ['north', 100],
      ['south', 160],
      ['harbour', 60],
    ] as const) {
      const sales = base + (weekday === 6 ? 40 : 0) + Math.round(temp * 2) + ((d * 7 + base) % 13);
      lines.push(`${day.toISOString().slice(0, 10)},${shop},${temp},${d === 40 && shop === 'north' ? -1 : sales}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The first rows' cells (6 columns × 6 rows) of the predictions' grid. */
const comparedCells = 36;

/** What a finished run shows: predictions (row count and first rows) and the evaluation's metrics. */
async function outputsShown(page: Page): Promise<{ rows: string; cells: string[]; metrics: string }> {
  const open = async (endpoint: string) => {
    const port = page.locator(`[data-port="${endpoint}"] button`);
    await port.focus();
    await port.press('Enter');
    await page.locator('.results').getByRole('heading', { name: endpoint }).waitFor();
  };
  await open('predict.table');
  // The grid draws rows as they scroll into its window, so compare a fixed first stretch of cells.
  await expect.poll(() => page.locator('.data-table .tbody [role="gridcell"]').count()).toBeGreaterThanOrEqual(comparedCells);
  const rows = (await page.getByTestId('row-count').textContent()) ?? '';
  const cells = (await page.locator('.data-table .tbody [role="gridcell"]').allTextContents()).slice(0, comparedCells);
  await open('evaluate.metrics');
  const metrics = (await page.locator('.results .metric-tiles').textContent()) ?? '';
  return { rows, cells, metrics };
}

describe('an analyst’s own CSV, from upload to an evaluated model, in the browser and on the server', () => {
  it('uploads the file, builds the graph through the UI with columns known before any run, and both runs agree', async () => {
    const { server, browser, adminToken, dataDir } = served;
    const page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}?token=${adminToken}`);
    await page.locator('.palette-item').first().waitFor();

    // Add data… with a server: the file goes to the server's store and a CSV source reads it.
    const csv = salesCsv();
    await page.getByLabel('Data files').setInputFiles({ name: 'shop-sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-node-id]').first().waitFor();
    const source = (await page.locator('[data-node-id]').first().getAttribute('data-node-id')) as string;
    await expect.poll(() => readFile(join(dataDir, 'files', 'shop-sales.csv'), 'utf8').catch(() => '')).toBe(csv);

    const filter = await addNode(page, 'transform.filter', 420, 80);
    const derive = await addNode(page, 'transform.derive', 720, 80);
    const aggregate = await addNode(page, 'transform.aggregate', 1020, 80);
    const split = await addNode(page, 'transform.split', 120, 560);
    const forest = await addNode(page, 'model.random-forest', 420, 560);
    const predict = await addNode(page, 'model.predict', 720, 560);
    const evaluate = await addNode(page, 'model.evaluate', 1020, 560);
    for (const [index, [from, to]] of (
      [
        [`${source}.table`, `${filter}.table`],
        [`${filter}.table`, `${derive}.table`],
        [`${derive}.table`, `${aggregate}.table`],
        [`${aggregate}.table`, `${split}.table`],
        [`${split}.train`, `${forest}.table`],
        [`${split}.test`, `${predict}.table`],
        [`${forest}.model`, `${predict}.model`],
        [`${predict}.table`, `${evaluate}.table`],
      ] as const
    ).entries()) {
      await dragConnection(page, from, to);
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(index + 1);
    }

    // A syntax error shows before any run, then the fixed filter is clean.
    let inspector = await inspect(page, filter);
    await fill(inspector, 'Where', 'sales >');
    await expect.poll(() => inspector.getByText(/at column \d+/).count()).toBeGreaterThan(0);
    await fill(inspector, 'Where', 'sales >= 0');
    await expect.poll(() => inspector.getByText(/at column \d+/).count()).toBe(0);

    inspector = await inspect(page, derive);
    let item = await addItem(inspector, 'columns');
    await fill(item, 'Name', 'month');
    await fill(item, 'Expression', 'month(day)');
    item = await addItem(inspector, 'columns');
    await fill(item, 'Name', 'weekday');
    await fill(item, 'Expression', 'weekday(day)');

    // The aggregate's key picker offers the uploaded file's columns and the derived ones, before any run.
    inspector = await inspect(page, aggregate);
    await pickColumns(inspector, ['shop', 'month', 'weekday']);
    item = await addItem(inspector, 'aggregates');
    await item.getByLabel(/^Op\b/).selectOption('mean');
    await pickColumn(item, 'Column', 'sales');
    await fill(item, 'As', 'avg_sales');
    item = await addItem(inspector, 'aggregates');
    await item.getByLabel(/^Op\b/).selectOption('mean');
    await pickColumn(item, 'Column', 'temp');
    await fill(item, 'As', 'avg_temp');

    inspector = await inspect(page, split);
    await fill(inspector, 'Test', '0.25');
    await fill(inspector, 'Seed', '11');
    inspector = await inspect(page, forest);
    await pickColumn(inspector, 'Target', 'avg_sales');
    await fill(inspector, 'Trees', '20');
    inspector = await inspect(page, evaluate);
    await pickColumn(inspector, 'Target', 'avg_sales');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await expect.poll(() => page.locator('.status').textContent()).toMatch(/No issues/);
    await page.screenshot({ path: resolve(screenshots, 'journey-built.png') });

    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('browser');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Run (succeeded|failed)/);
    await page.screenshot({ path: resolve(screenshots, 'journey-browser-run.png') });
    for (const id of [source, filter, derive, aggregate, split, forest])
      expect(await page.locator(`[data-node-id="${id}"] .badge`).textContent(), id).toMatch(/^done/);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Run succeeded/);
    const inBrowser = await outputsShown(page);
    expect(inBrowser.rows).toMatch(/^\d+ rows × \d+ columns$/);

    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('server');
    const browserStatus = await page.getByTestId('run-status').textContent();
    await page.getByRole('button', { name: '▶ Run' }).click();
    // The browser run's status stays until the server run starts reporting.
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).not.toBe(browserStatus);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Run (succeeded|failed)/);
    await page.screenshot({ path: resolve(screenshots, 'journey-server-run.png') });
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Run succeeded/);
    expect(await outputsShown(page)).toEqual(inBrowser);
    await page.close();
  }, 400_000);
});
