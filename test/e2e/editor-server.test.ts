import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunningServer } from '@causeway/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../web/src/api/api-client';
import { followRunEvents } from '../../web/src/api/run-events';
import { runsApi } from '../../web/src/api/runs-api';
import { dragFromPalette, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let served: ServedEditor;

beforeAll(async () => {
  // Builds web/dist (the server serves it), then starts the real server on PGlite in a fresh folder.
  served = await startServedEditor('causeway-e2e-');
  ({ server, browser, dataDir } = served);
}, 240_000);

afterAll(async () => {
  await served?.close();
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

    // Compare v1 and v2 on the canvas: the node v2 added is marked, the changes are listed, exit returns to the edit.
    await page.getByRole('button', { name: 'Open…' }).click();
    await dialog.getByRole('checkbox', { name: 'Compare v1' }).check();
    await dialog.getByRole('checkbox', { name: 'Compare v2' }).check();
    await dialog.getByRole('button', { name: 'Compare v1 and v2' }).click();
    const bar = page.getByRole('region', { name: 'Compare versions' });
    await bar.waitFor();
    await expect.poll(() => page.locator('[data-node-id="select"] .diff-mark').textContent()).toBe('added');
    expect(await page.locator('[data-node-id="inline"] .diff-mark').count()).toBe(0);
    expect(await bar.getByRole('list', { name: 'Differences' }).textContent()).toMatch(/1 added.*0 removed.*0 changed.*connections \+0 −0/);
    await page.locator('[data-node-id="select"] .node-title').click();
    await expect.poll(() => page.getByRole('complementary', { name: 'Changes' }).textContent()).toMatch(/Added in v2/);
    await page.screenshot({ path: resolve(screenshots, 'server-compare.png') });
    // Edit shortcuts do not reach the graph behind the compare view (redo would bring back the restored v1); Escape exits.
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Escape');
    await page.locator('.palette-item').first().waitFor();
    expect(await page.locator('[data-node-id="select"]').count()).toBe(1);
    expect(await page.locator('.diff-mark').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('follows a server run over SSE, and a dropped stream resumes after the last event seen', async () => {
    const token = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
    const api = new ApiClient(server.url, token);
    const run = await runsApi.start(api, 'churn-model');
    const whole: number[] = [];
    const done = await followRunEvents(api, run.id, (_event, seq) => whole.push(seq));
    expect(done).toMatchObject({ type: 'run:done', status: 'succeeded' });
    expect(whole).toEqual(whole.map((_, i) => i + 1));

    // The same run read again, the connection cut after three events, then resumed from there.
    const cut = new AbortController();
    const first: number[] = [];
    await followRunEvents(
      api,
      run.id,
      (_event, seq) => {
        first.push(seq);
        if (first.length === 3) cut.abort();
      },
      { signal: cut.signal },
    );
    expect(first).toEqual([1, 2, 3]);
    const rest: number[] = [];
    await followRunEvents(api, run.id, (_event, seq) => rest.push(seq), { after: 3 });
    expect([...first, ...rest]).toEqual(whole);

    // A run that does not exist is an error with the server's message, not an endless retry.
    await expect(followRunEvents(api, 999_999, () => {})).rejects.toMatchObject({ status: 404 });
  }, 120_000);

  it('starts from a template, runs it on the server with live badges, and previews an output from the server', async () => {
    const token = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
    const page = await browser.newPage({ viewport: { width: 2000, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?token=${token}`);
    await page.getByRole('button', { name: 'Browse templates…' }).click();
    const gallery = page.getByRole('dialog', { name: 'Start from a template' });
    await gallery.getByRole('heading', { name: 'Churn model' }).waitFor();
    expect(await gallery.getByRole('list', { name: 'Steps of Churn model' }).getByRole('listitem').count()).toBe(7);
    await page.screenshot({ path: resolve(screenshots, 'server-templates.png') });
    await gallery.getByRole('button', { name: 'Use Churn model' }).click();
    // A window wide enough for the template at the readable zoom Fit stops at, port labels and all.
    await page.locator('[data-node-id="gate"]').waitFor();

    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('server');
    await page.getByRole('button', { name: '▶ Run' }).click();
    // Live: the badges move while the run goes (queued or running before the end).
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000 }).toMatch(/^Run succeeded/);
    for (const id of ['load', 'split', 'train', 'score', 'evaluate', 'gate']) {
      expect(await page.locator(`[data-node-id="${id}"] .badge`).textContent()).toMatch(/^done/);
    }
    await page.locator('[data-port="score.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(/^250 rows × \d+ columns$/);
    await expect.poll(() => page.locator('.data-table .tbody [role="gridcell"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(screenshots, 'server-run-preview.png') });

    // The other kinds come from the server whole, in the views browser runs use.
    const results = page.locator('.results');
    // The template's nodes sit close enough to cover each other's output ports, and the results panel
    // shortens the canvas: each output is opened from the keyboard (Tab to the port, Enter).
    const openOutput = async (endpoint: string) => {
      const port = page.locator(`[data-port="${endpoint}"] button`);
      await port.focus();
      await port.press('Enter');
      await results
        .getByRole('heading', { name: endpoint })
        .waitFor()
        .catch(async (e: unknown) => {
          await page.screenshot({ path: resolve(screenshots, 'server-run-outputs-failure.png') });
          throw e;
        });
    };
    await openOutput('evaluate.chart');
    await expect.poll(() => results.locator('.chart canvas, .chart svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await results.locator('.field-issues').count()).toBe(0);
    await page.screenshot({ path: resolve(screenshots, 'server-run-chart.png') });

    await openOutput('evaluate.metrics');
    await expect.poll(() => results.locator('.metric-tiles dt').allTextContents()).toContain('auc');
    const auc = Number(await results.locator('.metric-tiles div', { hasText: 'auc' }).locator('dd').first().textContent());
    expect(auc).toBeGreaterThanOrEqual(0.7);
    expect(auc).toBeLessThanOrEqual(1);
    await page.screenshot({ path: resolve(screenshots, 'server-run-metrics.png') });

    await openOutput('gate.report');
    await expect.poll(() => results.locator('.report p').first().textContent()).toMatch(/^✔ Passed/);

    await openOutput('train.model');
    await expect.poll(() => results.locator('.model-card p').first().textContent()).toMatch(/^classification model of “churned”/);
    expect(await results.locator('.model-card th[scope="row"]').allTextContents()).toContain('tenure_months');
    const [download] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'Download ONNX' }).click()]);
    expect(download.suggestedFilename()).toBe('train.model.onnx');
    const onnx = await readFile((await download.path()) as string);
    // An ONNX model is a protobuf ModelProto: field 1 (ir_version, a varint) comes first.
    expect(onnx.byteLength).toBeGreaterThan(100);
    expect(onnx[0]).toBe(0x08);
    await page.screenshot({ path: resolve(screenshots, 'server-run-model.png') });

    const graphId = await page.evaluate(() => JSON.parse(localStorage.getItem('causeway.autosave') ?? '{}').id as string | undefined);
    // The run is the server's: it is in the run list for the new graph, which is not the template.
    const runs = (await (
      await fetch(`${server.url}api/runs?status=succeeded`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<{ graphId: string }> };
    expect(runs.items.map((r) => r.graphId)).toContain(graphId);
    expect(graphId).toMatch(/^churn-model-/);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
