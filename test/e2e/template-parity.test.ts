import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

// The built editor as `npm start` serves it: every template the gallery says runs in the browser runs
// there, model scoring included (onnxruntime-web in the runner worker), and each of its outputs reads
// the same as after a run of the same graph on the server.

let served: ServedEditor;
beforeAll(async () => {
  served = await startServedEditor('causeway-parity-');
}, 240_000);
afterAll(async () => {
  await served?.close();
});

async function openGallery(page: Page) {
  await page
    .getByRole('button', { name: /^(Browse templates…|Templates…)$/ })
    .first()
    .click();
  const gallery = page.getByRole('dialog', { name: 'Start from a template' });
  await gallery.getByRole('listitem').first().waitFor();
  return gallery;
}

/** What the results panel shows for one output: its text without buttons, and for a table its profile too. */
async function readOutput(page: Page, endpoint: string): Promise<string> {
  const port = page.locator(`[data-port="${endpoint}"] button`);
  await port.focus();
  await port.press('Enter');
  const results = page.locator('.results');
  await results.getByRole('heading', { name: endpoint }).waitFor();
  await expect.poll(() => results.locator('.results-body').textContent(), { timeout: 30_000 }).not.toMatch(/^Loading/);
  const text = () =>
    results.locator('.results-body').evaluate((body) => {
      const copy = body.cloneNode(true) as HTMLElement;
      for (const button of copy.querySelectorAll('button')) button.remove();
      return copy.textContent ?? '';
    });
  if ((await results.getByTestId('row-count').count()) === 0) {
    if ((await results.locator('.chart').count()) > 0) {
      await expect.poll(() => results.locator('.chart canvas, .chart svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      return 'chart';
    }
    return text();
  }
  await expect.poll(() => results.locator('.data-table .tbody [role="gridcell"]').count()).toBeGreaterThan(0);
  const rows = `${await results.getByTestId('row-count').textContent()}\n${await text()}`;
  await results.getByRole('tab', { name: 'Profile' }).click();
  await expect.poll(() => results.locator('.profile h3').count()).toBeGreaterThan(0);
  const profile = await text();
  await results.getByRole('tab', { name: 'Data' }).click();
  return `${rows}\n${profile}`;
}

async function runAndRead(page: Page, where: 'browser' | 'server', outputs: string[]): Promise<Record<string, string>> {
  await page.getByRole('combobox', { name: 'Where to run' }).selectOption(where);
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect
    .poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 })
    .toMatch(/^Run (succeeded|failed|cancelled)/)
    .catch(async (e: unknown) => {
      await page.screenshot({ path: resolve(screenshots, `parity-${where}-failure.png`) });
      throw e;
    });
  const status = await page.getByTestId('run-status').textContent();
  if (!status?.startsWith('Run succeeded')) {
    const issues = await page.locator('.node-issues, .node-error').allTextContents();
    throw new Error(`The ${where} run did not succeed: ${status} ${issues.join('; ')}`);
  }
  const read: Record<string, string> = {};
  for (const endpoint of outputs) read[endpoint] = await readOutput(page, endpoint);
  return read;
}

describe('templates in the built editor', () => {
  it('every template the gallery says runs in the browser scores there and equals its server run', async () => {
    // Wide enough for a template at the readable zoom it opens at: every card and port label is drawn.
    const page = await served.browser.newPage({ viewport: { width: 2000, height: 1000 } });
    const errors = collectPageErrors(page);
    // Requests of the page, the runner's frame and its worker.
    const requested: string[] = [];
    page.context().on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    const gallery = await openGallery(page);
    const cards = gallery.getByRole('listitem').filter({ has: page.locator('h3') });
    const names: string[] = [];
    for (const card of await cards.all()) {
      if ((await card.getByTestId('runs-in').textContent())?.includes('browser'))
        names.push((await card.locator('h3').textContent()) ?? '');
    }
    // The gallery leads with a template that runs on a fresh install, in the browser too.
    expect((await cards.first().getByTestId('runs-in').textContent()) ?? '').toMatch(/browser/);
    expect(names.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // onnxruntime-web is fetched when a model is first scored, not with the editor.
    expect(requested.filter((path) => /onnx-web|\.wasm$/.test(path))).toEqual([]);
    expect(requested.filter((path) => path.startsWith('/assets/worker-'))).toHaveLength(1);

    let scored = 0;
    for (const name of names) {
      const gallery = await openGallery(page);
      await gallery.getByRole('button', { name: `Use ${name}` }).click();
      await gallery.waitFor({ state: 'detached' });
      await page.locator('.react-flow__node').first().waitFor();
      const outputs = await page
        .locator('[data-side="output"]')
        .evaluateAll((ports) => ports.filter((p) => p.querySelector('button')).map((p) => p.getAttribute('data-port') ?? ''));
      const browser = await runAndRead(page, 'browser', outputs);
      await page.screenshot({ path: resolve(screenshots, `parity-${name.replaceAll(/\W+/g, '-')}-browser.png`) });
      // A model.predict output: a table with a prediction column (its header reads "prediction category"), scored in the browser.
      const predictions = Object.entries(browser).filter(([, text]) => /prediction (category|number|integer)/.test(text));
      scored += predictions.length;
      const server = await runAndRead(page, 'server', outputs);
      for (const endpoint of outputs)
        expect(`${name} ${endpoint}:\n${server[endpoint]}`).toBe(`${name} ${endpoint}:\n${browser[endpoint]}`);
    }
    expect(scored).toBeGreaterThan(0);
    expect(requested.filter((path) => /\/assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(path))).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
