import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Graph, graphFormat, readParquet } from '@causeway/sdk';
import * as ort from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshots, seededContext } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-downloads-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

// A sample with a date column, and a model trained in the browser on the churn sample.
const graph: Graph = {
  format: graphFormat,
  id: 'downloads',
  name: 'Downloads',
  nodes: [
    { id: 'days', type: 'source.sample', version: 1, config: { dataset: 'visitors' }, position: [0, 300] },
    { id: 'load', type: 'source.sample', version: 1, config: { dataset: 'churn' }, position: [0, 0] },
    {
      id: 'features',
      type: 'transform.select',
      version: 1,
      config: { columns: ['tenure_months', 'monthly_charges', 'contract', 'support_calls', 'churned'].map((name) => ({ name })) },
      position: [240, 0],
    },
    { id: 'train', type: 'model.logistic-regression', version: 1, config: { target: 'churned' }, position: [480, 0] },
  ],
  edges: [
    { from: 'load.table', to: 'features.table' },
    { from: 'features.table', to: 'train.table' },
  ],
};

/** Clicks a download button and answers the saved file's name and bytes. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: saved.suggestedFilename(), bytes: await readFile(await saved.path()) };
}

describe('downloads and names', () => {
  it('a browser run downloads a table as CSV (dates as ISO text) and Parquet, and its model as ONNX that onnxruntime-node scores', async () => {
    const context = await seededContext(served.browser, graph);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page.locator('[data-node-id="train"]').waitFor();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Run succeeded/);

    await page.locator('[data-port="days.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(/rows/);
    const csv = await download(page, 'Download CSV');
    expect(csv.name).toBe('days.table.csv');
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('date,visitors,temperature_c,promotion');
    expect(lines[1]).toMatch(/^2023-01-01,500,3\.1,false$/);
    const parquet = await download(page, 'Download Parquet');
    expect(parquet.name).toBe('days.table.parquet');
    const read = await readParquet(new Uint8Array(parquet.bytes));
    if (!read.ok) throw new Error(read.issues[0]?.message);
    expect(read.value.numRows).toBe(lines.length - 1);
    expect(read.value.schema.fields.map((f) => f.name)).toEqual(['date', 'visitors', 'temperature_c', 'promotion']);
    expect(Number(read.value.getChild('visitors')?.get(0))).toBe(500);
    await page.screenshot({ path: resolve(screenshots, 'downloads-table.png') });

    await page.locator('[data-port="train.model"] button').click();
    const onnx = await download(page, 'Download ONNX');
    expect(onnx.name).toBe('train.model.onnx');
    const session = await ort.InferenceSession.create(new Uint8Array(onnx.bytes));
    try {
      const rows: Record<string, Array<number | string>> = {
        tenure_months: [70, 1],
        monthly_charges: [61.57, 99.5],
        contract: ['two-year', 'month-to-month'],
        support_calls: [0, 6],
      };
      const feeds: Record<string, ort.Tensor> = {};
      for (const name of session.inputNames) {
        const values = rows[name];
        expect(values, `model input ${name}`).toBeDefined();
        feeds[name] =
          typeof values?.[0] === 'number'
            ? new ort.Tensor('float64', Float64Array.from(values as number[]), [2, 1])
            : new ort.Tensor('string', values as string[], [2, 1]);
      }
      const result = await session.run(feeds);
      const labels = Array.from(result.label?.data as ArrayLike<string>);
      expect(labels).toHaveLength(2);
      expect(labels.every((l) => l === 'yes' || l === 'no')).toBe(true);
      // The card rides inside the file, as in a server model's download.
      expect(new TextDecoder().decode(onnx.bytes)).toContain('causeway.card');
    } finally {
      await session.release();
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a save without changes says so; a rename reaches Open…, Runs and Schedules; one top bar; palette icons', async () => {
    const admin = { authorization: `Bearer ${served.adminToken}`, 'content-type': 'application/json' };
    const post = (path: string, body: unknown) =>
      fetch(`${served.server.url}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json();
      });
    const named = { ...graph, id: 'named', name: 'First name' };
    await post('api/graphs', { graph: named });
    await post('api/runs', { graphId: 'named' });
    await post('api/schedules', { name: 'nightly-named', graphId: 'named', cron: '0 3 * * *' });

    const context = await seededContext(served.browser, named);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page.locator('[data-node-id="train"]').waitFor();
    const notice = page.locator('.status .notice');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notice.textContent()).toBe('No changes since version 1: nothing to save.');
    await page.getByRole('textbox', { name: 'Graph name' }).fill('Renamed graph');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notice.textContent()).toBe('Saved version 2.');

    await page.getByRole('button', { name: 'Open…', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Renamed graph');
    await page.keyboard.press('Escape');

    // The palette: a category icon, the title, then the type id.
    const filter = page.locator('.palette-item[data-type="transform.filter"]');
    expect(await filter.locator('svg.category-icon').getAttribute('data-category')).toBe('transform');
    expect(await filter.locator('.palette-title').textContent()).toBe('Filter rows');
    expect(await filter.locator('small').textContent()).toBe('transform.filter');

    const bars: string[] = [];
    for (const hash of ['#/', '#/runs', '#/schedules', '#/endpoints', '#/plugins', '#/users']) {
      await page.goto(`${served.server.url}${hash}`);
      const bar = page.locator('.top-bar');
      await bar.getByRole('navigation', { name: 'Pages' }).waitFor();
      const box = await bar.boundingBox();
      const links = await bar.getByRole('link').allTextContents();
      bars.push(JSON.stringify({ box, links, who: await bar.locator('.whoami').textContent() }));
      if (hash === '#/runs') await expect.poll(() => page.getByRole('table', { name: 'Runs' }).textContent()).toContain('Renamed graph');
      if (hash === '#/schedules') {
        await expect.poll(() => page.locator('tr[data-schedule="nightly-named"]').textContent()).toContain('Renamed graph');
      }
    }
    expect(new Set(bars).size, bars.join('\n')).toBe(1);
    await page.screenshot({ path: resolve(screenshots, 'top-bar-users.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
