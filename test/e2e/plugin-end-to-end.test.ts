import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Graph } from '@causeway/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots } from './editor-app';
import { installFixturePlugin } from './fixtures/install-fixture-plugin';
import { openSeededEditor } from './open-seeded-editor';
import { type ServedEditor, startServedEditor } from './served-editor';

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const pluginName = '@acme/causeway-capitals';
const upperType = `${pluginName}/upper-case`;
const spinName = '@causeway/plugin-spin';
/** The browser's plugin time limit in this test, set on the page's address as `?pluginTimeoutMs=`. */
const timeLimitMs = 3_000;

let served: ServedEditor;
let work: string;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, served.server.url), { ...init, headers: { authorization: `Bearer ${served.adminToken}`, ...init.headers } });
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.url} answered ${response.status}, not ${status}: ${text}`);
  return JSON.parse(text) as T;
}

/** What a plugin author does: `npm create causeway-plugin`, build with the generated script, `npm pack`. */
async function scaffoldBuildAndPack(): Promise<Uint8Array> {
  await exec(process.execPath, [join(repo, 'create-causeway-plugin/bin.mjs'), pluginName], { cwd: work });
  const dir = join(work, 'causeway-capitals');
  // Stands in for `npm install`: the repository's packages, including this @causeway/sdk.
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await exec('npm', ['run', 'build', '--silent'], { cwd: dir });
  const { stdout } = await exec('npm', ['pack', '--silent', '--pack-destination', work], { cwd: dir });
  const tarball = stdout.trim().split('\n').at(-1);
  if (!tarball) throw new Error('npm pack named no tarball');
  return readFile(join(work, tarball));
}

const inline = {
  id: 'cities',
  type: 'source.inline',
  version: 1,
  config: {
    columns: [
      { name: 'city', type: 'string' },
      { name: 'people', type: 'integer' },
    ],
    rows: [
      ['Oslo', 709000],
      ['Lima', 10000000],
      ['Åre', 3200],
    ],
  },
  position: [0, 0] as [number, number],
};

/** `cities → upper (the scaffolded plugin's node)`, pinning the plugin in requires. */
function capitalsGraph(): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'plugin_end_to_end',
    name: 'Plugin end to end',
    requires: { [pluginName]: '^0.1.0' },
    nodes: [inline, { id: 'upper', type: upperType, version: 1, config: { column: 'city' }, position: [320, 0] }],
    edges: [{ from: 'cities.table', to: 'upper.table' }],
  };
}

/** The same, with a second branch through the looping plugin's node. */
function spinGraph(): Graph {
  const graph = capitalsGraph();
  return {
    ...graph,
    id: 'plugin_spin',
    name: 'Plugin spin',
    requires: { ...graph.requires, [spinName]: '^1.0.0' },
    nodes: [...graph.nodes, { id: 'spin', type: `${spinName}/spin`, version: 1, config: {}, position: [320, 240] }],
    edges: [...graph.edges, { from: 'cities.table', to: 'spin.table' }],
  };
}

function openWith(graph: Graph, query = ''): Promise<{ page: Page; errors: string[] }> {
  return openSeededEditor(served.browser, `${served.server.url}?token=${served.adminToken}${query}`, graph, {
    selector: `.palette-item[data-type="${upperType}"]`,
    what: "The editor did not offer the plugin's node",
  });
}

async function previewCells(page: Page, port: string): Promise<string[]> {
  await page.locator(`[data-port="${port}"] button`).click();
  await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3 rows × 2 columns');
  return page.locator('.data-table .tbody [role="gridcell"]').allTextContents();
}

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-plugin-end-to-end-');
  work = await mkdtemp(join(tmpdir(), 'causeway-plugin-author-'));
}, 240_000);

afterAll(async () => {
  await served?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a plugin from scaffold to both runners', () => {
  it('is scaffolded, built, packed, installed, saved in a graph and gives the same rows on the server and in the browser', async () => {
    const tarball = await scaffoldBuildAndPack();
    const installed = await api('/api/plugins', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: tarball as Uint8Array<ArrayBuffer>,
    });
    expect(installed.status, await installed.clone().text()).toBe(201);

    const saved = await json<{ id: string; issues: unknown[] }>(
      await api('/api/graphs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ graph: capitalsGraph() }),
      }),
      201,
    );
    expect(saved.issues).toEqual([]);
    const queued = await json<{ id: number }>(
      await api('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ graphId: saved.id }),
      }),
      201,
    );
    await expect
      .poll(async () => (await json<{ status: string }>(await api(`/api/runs/${queued.id}`), 200)).status, {
        timeout: 60_000,
        interval: 250,
      })
      .toMatch(/^(succeeded|failed|cancelled)$/);
    const finished = await json<{ status: string; error?: unknown }>(await api(`/api/runs/${queued.id}`), 200);
    expect(finished, JSON.stringify(finished)).toMatchObject({ status: 'succeeded' });
    const output = await json<{ total: number; rows: Array<{ city: string; people: number }> }>(
      await api(`/api/runs/${queued.id}/outputs/upper/table`),
      200,
    );
    expect(output.total).toBe(3);
    expect(output.rows).toEqual([
      { city: 'OSLO', people: 709000 },
      { city: 'LIMA', people: 10000000 },
      { city: 'ÅRE', people: 3200 },
    ]);

    // The graph the server ran, opened from the server in Chromium and run in the browser.
    const stored = await json<{ graph: Graph }>(await api(`/api/graphs/${saved.id}`), 200);
    const { page, errors } = await openWith(stored.graph);
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run (succeeded|failed)/);
    expect(await page.locator('.node-error').allTextContents()).toEqual([]);
    const cells = await previewCells(page, 'upper.table');
    expect(cells).toEqual(output.rows.flatMap((row) => [row.city, String(row.people)]));
    await page.screenshot({ path: resolve(screenshots, 'plugin-end-to-end.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('stops a plugin node that never yields at the time limit, keeps the page responsive, and runs again in a new worker', async () => {
    await installFixturePlugin(served.server.url, served.adminToken, 'spin-plugin');

    const { page, errors } = await openWith(spinGraph(), `&pluginTimeoutMs=${timeLimitMs}`);
    await page.locator(`.palette-item[data-type="${spinName}/spin"]`).waitFor();
    const started = Date.now();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/^Running/);

    // While the worker loops, the page still answers clicks.
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await page.locator('[data-node-id="spin"] .node-title').click();
    await expect.poll(() => inspector.locator('h2').textContent(), { timeout: 1_000 }).toBe('Spin');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Running/);

    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run failed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeLimitMs);
    expect(await page.locator('[data-node-id="spin"] .node-error').textContent()).toBe(
      `Node "spin" (${spinName}/spin) ran for more than 3 s without answering, its time limit in the browser; it was stopped and the runner restarted.`,
    );
    // The other branch's node, started beside it, is not blamed.
    expect(await page.locator('[data-node-id="upper"] .node-error').textContent()).toBe(
      `Node "upper" was stopped when node "spin" held the browser's runner and it was restarted.`,
    );
    await page.screenshot({ path: resolve(screenshots, 'plugin-spin-stopped.png') });

    // The new worker has the plugins again: the other branch runs up to its node.
    await page.locator('[data-node-id="upper"] .node-title').click();
    await inspector.getByRole('button', { name: 'Run up to here' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run succeeded/);
    expect((await previewCells(page, 'upper.table')).filter((_, i) => i % 2 === 0)).toEqual(['OSLO', 'LIMA', 'ÅRE']);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
