import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningServer, serve } from '@causeway/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { dragFromPalette, screenshots, startEditor } from './editor-app';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let stopEditor: () => Promise<void>;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  // Builds web/dist (the server serves it), then starts the real server on PGlite in a fresh folder.
  const built = await startEditor();
  stopEditor = built.stop;
  dataDir = await mkdtemp(join(tmpdir(), 'causeway-e2e-'));
  server = await serve({ port: 0, host: '127.0.0.1', dataDir, env: {}, handleSignals: false, logger: quiet });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stopEditor?.();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the editor with the server', () => {
  it('takes the token from the URL, saves versions, and a version is still there after a reload and can be restored', async () => {
    const token = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}?token=${token}`);
    await page.locator('.palette-item').first().waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    await page.getByRole('textbox', { name: 'Graph name' }).fill('Server e2e');
    await dragFromPalette(page, 'source.inline', 200, 200);
    await page.locator('[data-node-id="inline"]').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.status .notice').textContent()).toMatch(/^Saved version 1/);
    await dragFromPalette(page, 'transform.select', 520, 260);
    await page
      .locator('[data-node-id="select"]')
      .waitFor()
      .catch(async (e: unknown) => {
        await page.screenshot({ path: resolve(screenshots, 'server-failure.png') });
        throw e;
      });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.status .notice').textContent()).toMatch(/^Saved version 2/);

    await page.reload();
    await page
      .locator('[data-node-id="select"]')
      .waitFor()
      .catch(async (e: unknown) => {
        await page.screenshot({ path: resolve(screenshots, 'server-failure.png') });
        throw e;
      });
    await page.getByRole('button', { name: 'Open…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Graphs on the server' });
    await dialog.getByRole('button', { name: /^Restore v1/ }).waitFor();
    await page.screenshot({ path: resolve(screenshots, 'server-versions.png') });
    await dialog.getByRole('button', { name: /^Restore v1/ }).click();
    await expect.poll(() => page.locator('[data-node-id="select"]').count()).toBe(0);
    expect(await page.locator('[data-node-id="inline"]').count()).toBe(1);
    // Restoring is an edit: undo brings the newer graph back.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-node-id="select"]').count()).toBe(1);
    await page.close();
  }, 120_000);
});
