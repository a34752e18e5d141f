import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dragFromPalette, repoRoot } from './editor-app';
import { openSeededEditor } from './open-seeded-editor';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();
const names = 'abcdefghijklm'.split('');

/** An inline table of 13 columns feeding a column selection; `connected: false` leaves the selection's input open. */
function wideGraph(connected = true): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'wide',
    name: 'Wide',
    nodes: [
      {
        id: 'inline',
        type: 'source.inline',
        version: 1,
        config: { columns: names.map((name) => ({ name, type: 'number' })), rows: [names.map((_, i) => i), names.map((_, i) => i * 10)] },
        position: [0, 0],
      },
      { id: 'select', type: 'transform.select', version: 1, config: { columns: [{ name: 'a' }] }, position: [400, 0] },
    ],
    edges: connected ? [{ from: 'inline.table', to: 'select.table' }] : [],
  };
}

const open = (graph: Graph) =>
  openSeededEditor(editor.browser, editor.url, graph, { selector: '[data-node-id="inline"]', what: 'the canvas' });
const status = (page: Page) => page.getByTestId('run-status').textContent();

async function run(page: Page, expected: RegExp): Promise<void> {
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(expected);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('a canvas that stays readable', () => {
  it('puts a node dropped on a card in a free spot, not over the card', async () => {
    const { page, errors } = await open(wideGraph());
    const card = await page.locator('[data-node-id="select"]').boundingBox();
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!card || !pane) throw new Error('no card');
    await dragFromPalette(page, 'transform.filter', card.x - pane.x + card.width / 2, card.y - pane.y + card.height / 2);
    await page.locator('[data-node-id="filter"]').waitFor();
    const dropped = await page.locator('[data-node-id="filter"]').boundingBox();
    if (!dropped) throw new Error('no dropped card');
    for (const id of ['inline', 'select']) {
      const other = await page.locator(`[data-node-id="${id}"]`).boundingBox();
      expect(other && overlaps(dropped, other), `filter over ${id}`).toBe(false);
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it('opens an imported template laid out, with no card over another', async () => {
    const { page, errors } = await open(wideGraph());
    await page.getByLabel('Graph file').setInputFiles(resolve(repoRoot, 'templates/churn-model.json'));
    // The layout library loads on first use.
    await expect
      .poll(
        () =>
          page
            .locator('.status .notice')
            .textContent()
            .then((t) => t || errors.join('; ')),
        { timeout: 30_000 },
      )
      .toBe('Imported churn-model.json.');
    // Fit stops at a readable zoom, where this graph is wider than the canvas; Fit all shows every card.
    await page.getByRole('button', { name: 'Fit all' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return { id: n.getAttribute('data-id'), x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    expect(boxes).toHaveLength(7);
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlaps(a, b), `${a.id} over ${b.id}`).toBe(false);
  }, 90_000);

  it('scrolls a 13-column table inside the results panel at 1440 px, and resizes the panel by keys and drag', async () => {
    const { page } = await open(wideGraph());
    await page.setViewportSize({ width: 1440, height: 900 });
    await run(page, /^Run succeeded/);
    await page.locator('[data-port="inline.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 13 columns');
    // The page keeps the window's width, the inspector stays on screen, the table scrolls inside the panel.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    const inspector = await page.getByRole('complementary', { name: 'Inspector' }).boundingBox();
    expect((inspector?.x ?? 0) + (inspector?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(1440);
    const body = page.locator('.data-table .tbody');
    const [scrollWidth, clientWidth] = await body.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await body.evaluate((e) => e.scrollTo({ left: 150 }));
    await expect.poll(() => page.locator('.data-table .thead').evaluate((e) => e.scrollLeft)).toBe(150);

    const panel = page.locator('.results-dock');
    const height = async () => (await panel.boundingBox())?.height ?? 0;
    const before = await height();
    const handle = page.getByRole('separator', { name: 'Resize results' });
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(height).toBe(before + 48);
    const box = await handle.boundingBox();
    if (!box) throw new Error('no handle');
    await page.mouse.move(box.x + 200, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + box.height / 2 - 100, { steps: 4 });
    await page.mouse.up();
    await expect.poll(height).toBe(before + 148);
    // Remembered: the panel opens at that height after a reload.
    await page.reload();
    await page.locator('[data-port="inline.table"] button').click();
    await expect.poll(height).toBe(before + 148);
  }, 120_000);

  it('hides the minimap, and keeps it hidden after a reload', async () => {
    const { page } = await open(wideGraph());
    const map = page.locator('.react-flow__minimap');
    await map.waitFor();
    const toggle = page.getByRole('button', { name: 'Mini map' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => map.count()).toBe(0);
    await page.reload();
    await page.locator('[data-node-id="inline"]').waitFor();
    expect(await map.count()).toBe(0);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  }, 90_000);
});

describe('truthful state', () => {
  it('marks an edited node and everything downstream stale, with the old counts greyed', async () => {
    const { page } = await open(wideGraph());
    await run(page, /^Run succeeded/);
    await expect.poll(() => page.locator('[data-node-id="select"] .badge').textContent()).toMatch(/^done/);
    await page.locator('[data-node-id="inline"] .node-title').click();
    await page.getByRole('complementary', { name: 'Inspector' }).locator('#cfg-rows').fill('[[1,2,3,4,5,6,7,8,9,10,11,12,13]]');
    for (const id of ['inline', 'select']) {
      await expect.poll(() => page.locator(`[data-node-id="${id}"] .badge`).textContent()).toBe('stale');
      expect(await page.locator(`[data-node-id="${id}"]`).getAttribute('class')).toContain('stale');
      expect(await page.locator(`[data-node-id="${id}"] .node-summary.stale`).textContent()).toMatch(/2 rows/);
    }
    await expect.poll(() => status(page)).toMatch(/2 nodes edited since$/);
  }, 90_000);

  it('says why a browser run was refused, on the node and in the status bar', async () => {
    const { page } = await open(wideGraph(false));
    await run(page, /^Run refused: select: /);
    expect(await page.locator('[data-node-id="select"] .badge').textContent()).toBe('not run');
    expect(await page.locator('[data-node-id="select"] .node-error').textContent()).toMatch(/table/);
    expect(await page.getByTestId('issue-count').textContent()).not.toBe('No issues');
  }, 90_000);
});
