import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../web/src/api/api-client';
import { dragFromPalette, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-conflict-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

/** A tab of its own (own storage) on the editor, signed in with the admin token. */
async function openTab(): Promise<Page> {
  const page = await served.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${served.server.url}?token=${served.adminToken}`);
  await page.locator('.palette-item').first().waitFor();
  return page;
}

const notice = (page: Page) => page.locator('.status .notice').textContent();

async function save(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

describe('two editors save the same graph', () => {
  it('the second save meets a conflict, compares, and can overwrite', async () => {
    const mine = await openTab();
    await mine.getByRole('textbox', { name: 'Graph name' }).fill('Conflict e2e');
    await dragFromPalette(mine, 'source.inline', 200, 200);
    await mine.locator('[data-node-id="inline"]').waitFor();
    await save(mine);
    await expect.poll(() => notice(mine)).toMatch(/^Saved version 1/);

    // Another tab opens version 1, adds a node and saves version 2.
    const theirs = await openTab();
    await theirs.getByRole('button', { name: 'Open…' }).click();
    await theirs
      .getByRole('dialog', { name: 'Graphs on the server' })
      .getByRole('button', { name: /^Conflict e2e/ })
      .click();
    await theirs.locator('[data-node-id="inline"]').waitFor();
    await dragFromPalette(theirs, 'transform.select', 520, 260);
    await theirs.locator('[data-node-id="select"]').waitFor();
    await save(theirs);
    await expect.poll(() => notice(theirs)).toMatch(/^Saved version 2/);

    // The first tab, still on version 1, edits and saves: refused, with the choices.
    await dragFromPalette(mine, 'transform.filter', 520, 400);
    await mine.locator('[data-node-id="filter"]').waitFor();
    await save(mine);
    const dialog = mine.getByRole('dialog', { name: 'Save conflict' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/saved version 2 after version 1, which your edit started from/);

    // Compare: their version beside mine — their select added, my filter not in theirs.
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const bar = mine.getByRole('region', { name: 'Compare versions' });
    await bar.waitFor();
    expect(await bar.getByRole('heading').textContent()).toBe('Comparing your edit of v1 → v2');
    await expect.poll(() => mine.locator('[data-node-id="select"] .diff-mark').textContent()).toBe('added');
    expect(await mine.locator('[data-node-id="filter"] .diff-mark').textContent()).toBe('removed');
    await mine.screenshot({ path: resolve(screenshots, 'save-conflict-compare.png') });
    await bar.getByRole('button', { name: 'Exit compare' }).click();

    // Back to the choices; overwrite saves mine as version 3.
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await expect.poll(() => notice(mine)).toMatch(/^Saved version 3/);
    expect(await dialog.count()).toBe(0);
    const api = new ApiClient(served.server.url, served.adminToken);
    const id = (await api.listGraphs({ q: 'Conflict e2e' })).items[0]?.id as string;
    const stored = await api.getVersion(id, 3);
    expect((stored.graph as Graph).nodes.map((n) => n.id).sort()).toEqual(['filter', 'inline']);

    // The other tab, still on version 2, now meets version 3 and takes it.
    await dragFromPalette(theirs, 'transform.sort', 520, 520);
    await theirs.locator('[data-node-id="sort"]').waitFor();
    await save(theirs);
    const theirDialog = theirs.getByRole('dialog', { name: 'Save conflict' });
    await theirDialog.getByRole('button', { name: 'Reload theirs (v3)' }).click();
    await expect.poll(() => theirs.locator('[data-node-id="filter"]').count()).toBe(1);
    expect(await theirs.locator('[data-node-id="select"]').count()).toBe(0);
    expect((await api.listVersions(id)).items).toHaveLength(3);
    await mine.close();
    await theirs.close();
  }, 180_000);

  it('merges a disjoint edit into the newer version, a conflict on the side chosen', async () => {
    const api = new ApiClient(served.server.url, served.adminToken);
    const config = { columns: [{ name: 'a', type: 'number' }], rows: [[1]] };
    const inline = { id: 'inline', type: 'source.inline', version: 1, config, position: [200, 200] as [number, number] };
    const graph: Graph = { format: 'causeway.graph/1', id: 'merge-e2e', name: 'Merge e2e', nodes: [inline], edges: [] };
    expect((await api.save(graph, '')).version).toBe(1);
    const openVersion1 = async () => {
      const page = await openTab();
      await page.getByRole('button', { name: 'Open…' }).click();
      await page
        .getByRole('dialog', { name: 'Graphs on the server' })
        .getByRole('button', { name: /^Merge e2e/ })
        .click();
      await expect.poll(() => page.getByRole('textbox', { name: 'Graph name' }).inputValue()).toBe('Merge e2e');
      return page;
    };
    const first = await openVersion1();
    const second = await openVersion1();

    // The first tab adds a node and renames; saved as version 2.
    await dragFromPalette(first, 'transform.select', 520, 260);
    await first.locator('[data-node-id="select"]').waitFor();
    await first.getByRole('textbox', { name: 'Graph name' }).fill('Merge e2e first');
    await save(first);
    await expect.poll(() => notice(first)).toMatch(/^Saved version 2/);

    // The second tab, still on version 1, adds another node and renames too.
    await dragFromPalette(second, 'transform.filter', 520, 400);
    await second.locator('[data-node-id="filter"]').waitFor();
    await second.getByRole('textbox', { name: 'Graph name' }).fill('Merge e2e second');
    await save(second);
    const dialog = second.getByRole('dialog', { name: 'Save conflict' });
    await dialog.getByRole('button', { name: 'Merge' }).waitFor();
    const conflicts = dialog.getByRole('listitem');
    expect(await conflicts.allTextContents()).toEqual([
      expect.stringContaining('Graph name: you set "Merge e2e second", they set "Merge e2e first".'),
    ]);
    await conflicts.first().getByRole('radio', { name: 'keep mine' }).check();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => notice(second)).toMatch(/^Saved version 3/);
    expect(await dialog.count()).toBe(0);
    expect(await second.locator('[data-node-id="select"]').count()).toBe(1);

    const stored = (await api.getVersion('merge-e2e', 3)).graph as Graph;
    expect(stored.nodes.map((n) => n.id).sort()).toEqual(['filter', 'inline', 'select']);
    expect(stored.name).toBe('Merge e2e second');
    await first.close();
    await second.close();
  }, 180_000);
});
