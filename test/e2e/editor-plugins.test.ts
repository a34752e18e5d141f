import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import type { RunningServer } from '@causeway/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots } from './editor-app';
import { installFixturePlugin } from './fixtures/install-fixture-plugin';
import { openSeededEditor } from './open-seeded-editor';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let token: string;
let served: ServedEditor;

const plugin = '@causeway/plugin-e2e';
const shoutType = `${plugin}/shout`;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, server.url), { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
}

/** `inline (city) → shout → select`, requiring the plugin; `extra` is a config field only the plugin knows about. */
function shoutGraph(column = 'city'): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'plugin_e2e',
    name: 'Plugin e2e',
    requires: { [plugin]: '^1.0.0' },
    nodes: [
      {
        id: 'inline',
        type: 'source.inline',
        version: 1,
        config: { columns: [{ name: 'city', type: 'string' }], rows: [['Oslo'], ['Lima']] },
        position: [0, 0],
      },
      { id: 'shout', type: shoutType, version: 1, config: { column }, position: [320, 0] },
      { id: 'select', type: 'transform.select', version: 1, config: { columns: [{ name: 'city' }] }, position: [640, 0] },
    ],
    edges: [
      { from: 'inline.table', to: 'shout.table' },
      { from: 'shout.table', to: 'select.table' },
    ],
  };
}

function openWith(graph: Graph): Promise<{ page: Page; errors: string[] }> {
  return openSeededEditor(browser, `${server.url}?token=${token}`, graph, { selector: '.palette-item', what: 'The editor did not open' });
}

const autosaved = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('causeway.autosave') ?? 'null')) as Promise<Graph>;

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-plugins-');
  ({ server, browser } = served);
  token = served.adminToken;
  await installFixturePlugin(server.url, token, 'shout-plugin');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

describe('plugins in the editor', () => {
  it('loads an enabled plugin in the runner worker, offers its node, checks it and runs it in the browser', async () => {
    const { page, errors } = await openWith(shoutGraph('town'));
    await expect.poll(() => page.locator(`.palette-item[data-type="${shoutType}"]`).count()).toBe(1);

    // The inspector form comes from the manifest's descriptor; the column list from the plugin's own inference in the worker.
    await page.locator('[data-node-id="shout"] .node-title').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('h2').textContent()).toBe('Shout');
    await expect.poll(() => page.locator('[data-node-id="shout"] .node-issues').textContent()).toContain('Unknown column "town".');
    const column = inspector.locator('#cfg-column');
    expect(await column.getByRole('radio', { name: /^town not in the input$/ }).isChecked()).toBe(true);
    await column.getByRole('radio', { name: /^city string$/ }).check();
    await expect.poll(() => page.locator('[data-node-id="shout"] .node-issues').count()).toBe(0);
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');

    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run (succeeded|failed)/);
    expect(await page.locator('.node-error').allTextContents()).toEqual([]);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Run succeeded/);
    await page.locator('[data-port="select.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 1 column');
    expect(await page.locator('.data-table .tbody [role="gridcell"]').allTextContents()).toEqual(['OSLO', 'LIMA']);
    await page.screenshot({ path: resolve(screenshots, 'plugin-run.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('pins the plugin in requires when its node is added from the palette', async () => {
    const graph: Graph = { format: 'causeway.graph/1', id: 'empty', name: 'Empty', nodes: [], edges: [] };
    const { page } = await openWith(graph);
    await page
      .locator(`.palette-item[data-type="${shoutType}"]`)
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
    await page.locator('[data-node-id="shout"]').waitFor();
    await expect.poll(async () => (await autosaved(page))?.requires).toEqual({ [plugin]: '^1.0.0' });
    await page.context().close();
  }, 60_000);

  it('opens a graph whose plugin is not enabled with a placeholder, keeps its config and refuses to run, naming the plugin', async () => {
    const disabled = await api(`/api/plugins/${encodeURIComponent(plugin)}/1.0.0/disable`, { method: 'POST' });
    expect(disabled.status).toBe(200);
    try {
      const graph = shoutGraph();
      const shout = graph.nodes[1];
      if (!shout) throw new Error('no shout node');
      shout.config = { column: 'city', loud: { level: 11, marks: ['!', '!!'] } };
      const { page } = await openWith(graph);
      const card = page.locator('[data-node-id="shout"]');
      await expect.poll(() => card.getByTestId('placeholder-reason').textContent()).toContain(`Needs plugin ${plugin} ^1.0.0`);
      expect(await page.locator(`.palette-item[data-type="${shoutType}"]`).count()).toBe(0);
      // Its edges stay drawn, on ports named by the edges.
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
      await card.locator('.node-title').click();
      await expect
        .poll(() => page.getByRole('complementary', { name: 'Inspector' }).getByRole('note').textContent())
        .toContain(`Needs plugin ${plugin}`);
      await page.screenshot({ path: resolve(screenshots, 'plugin-placeholder.png') });

      await page.getByRole('button', { name: '▶ Run' }).click();
      await expect.poll(() => page.locator('.status .notice').textContent()).toMatch(new RegExp(`needs plugin ${plugin} \\^1\\.0\\.0`));

      // An edit elsewhere is saved; the placeholder goes back exactly as it came.
      await page.locator('[data-node-id="select"] .node-title').click();
      await page.getByRole('complementary', { name: 'Inspector' }).locator('#node-label').fill('Keep');
      await expect.poll(async () => (await autosaved(page))?.nodes.find((n) => n.id === 'select')?.label).toBe('Keep');
      const saved = await autosaved(page);
      expect(saved.nodes.find((n) => n.id === 'shout')).toEqual(shout);
      expect(saved.requires).toEqual(graph.requires);
      expect(saved.edges).toEqual(graph.edges);
      await page.context().close();
    } finally {
      await api(`/api/plugins/${encodeURIComponent(plugin)}/1.0.0/enable`, { method: 'POST' });
    }
  }, 60_000);
});
