import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunningServer } from '@causeway/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragFromPalette, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-upload-');
  ({ server, browser, dataDir } = served);
}, 240_000);

afterAll(async () => {
  await served?.close();
});

describe('uploading a file through the editor', () => {
  it('stores it where server runs read files, fills the field, and a browser run reads it from the server', async () => {
    const token = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}?token=${token}`);
    await page.locator('.palette-item').first().waitFor();
    await dragFromPalette(page, 'source.csv', 260, 220);
    await page.locator('[data-node-id="csv"] .node-title').click();

    const csv = 'city,people\nOslo,709000\nLima,10000000\n';
    await page
      .locator('.upload-field input[type="file"]')
      .setInputFiles({ name: 'cities.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.locator('.upload-status').textContent()).toMatch(/^Uploaded cities\.csv/);
    expect(await page.locator('.upload-field input[type="text"]').inputValue()).toBe('cities.csv');
    expect(await readFile(join(dataDir, 'files', 'cities.csv'), 'utf8')).toBe(csv);
    await page.screenshot({ path: resolve(screenshots, 'upload-field.png') });

    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run succeeded/);
    await page.locator('[data-port="csv.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 2 columns');
    await page.close();
  }, 120_000);
});
