import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dragConnection, dragFromPalette, openEditor, screenshots } from './editor-app';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

/** Builds `inline (age, city; 3 rows) → select`, configured through the inspector like a user would. */
async function buildPipeline(page: Page, next: 'select' | 'filter' = 'select'): Promise<void> {
  await dragFromPalette(page, 'source.inline', 160, 220);
  await page.locator('[data-node-id="inline"]').waitFor();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Add columns' }).click();
  await inspector.locator('#cfg-columns-0-name').fill('age');
  await inspector.locator('#cfg-columns-0-type').selectOption('integer');
  await inspector.getByRole('button', { name: 'Add columns' }).click();
  await inspector.locator('#cfg-columns-1-name').fill('city');
  await inspector.locator('#cfg-columns-1-type').selectOption('string');
  await inspector.locator('#cfg-rows').fill('[[31, "Oslo"], [45, "Lima"], [27, "Oslo"]]');
  if (next === 'filter') return;

  await dragFromPalette(page, 'transform.select', 560, 260);
  await page.locator('[data-node-id="select"]').waitFor();
  await dragConnection(page, 'inline.table', 'select.table');
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
  await page.locator('[data-node-id="select"] .node-title').click();
  await inspector.getByRole('button', { name: 'Add columns' }).click();
  await inspector
    .locator('#cfg-columns-0-name')
    .getByRole('radio', { name: /^city\b/ })
    .check();
}

describe('the editor in Chromium', () => {
  it('builds a graph from the palette, runs it in the browser and shows the preview row count', async () => {
    const { page, errors } = await openEditor(editor.browser, editor.url);
    await buildPipeline(page);
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/^Run succeeded/);
    await expect.poll(() => page.locator('[data-node-id="select"] .badge').textContent()).toMatch(/^done/);
    await page.locator('[data-port="select.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3 rows × 1 column');
    const cells = await page.locator('.data-table .tbody [role="gridcell"]').allTextContents();
    expect(cells).toEqual(['Oslo', 'Lima', 'Oslo']);
    await page.screenshot({ path: resolve(screenshots, 'run-and-preview.png') });
    await page.getByRole('tab', { name: 'Profile' }).click();
    await expect.poll(() => page.locator('.profile h3').first().textContent()).toMatch(/^city/);
    await page.screenshot({ path: resolve(screenshots, 'profile.png') });
    expect(errors).toEqual([]);
  }, 90_000);

  it('refuses an invalid connection while dragging and says why', async () => {
    const { page } = await openEditor(editor.browser, editor.url);
    await buildPipeline(page);
    await page.locator('[data-node-id="select"] .node-title').click();
    await page.keyboard.type('sel');
    await page.keyboard.press('Enter');
    await page.locator('[data-node-id="select_2"]').waitFor();
    await page.waitForTimeout(300);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // select_2 → select would close a cycle.
    await dragConnection(page, 'select_2.table', 'select.table');
    await expect.poll(() => page.locator('.status .notice').textContent()).toMatch(/cycle/);
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    await page.screenshot({ path: resolve(screenshots, 'refused-connection.png') });
  }, 90_000);

  it('deletes a node with the keyboard and undo brings it back with its edge', async () => {
    const { page } = await openEditor(editor.browser, editor.url);
    await buildPipeline(page);
    await page.locator('[data-node-id="inline"] .node-title').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('[data-node-id="inline"]').count()).toBe(0);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-node-id="inline"]').count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.screenshot({ path: resolve(screenshots, 'shortcuts.png') });
  }, 90_000);

  it('an edit to one node changes only that node on the canvas', async () => {
    const { page } = await openEditor(editor.browser, editor.url);
    await buildPipeline(page);
    await dragFromPalette(page, 'transform.select', 560, 420);
    await page.locator('[data-node-id="select_2"]').waitFor();
    await dragConnection(page, 'inline.table', 'select_2.table');
    await page.locator('[data-node-id="select"] .node-title').click();
    await page.evaluate(
      "window.__touched = new Set(); new MutationObserver((records) => { for (const r of records) { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement; const node = el && el.closest('.react-flow__node'); if (node) window.__touched.add(node.getAttribute('data-id')); } }).observe(document.querySelector('.react-flow__nodes'), { subtree: true, childList: true, attributes: true, characterData: true });",
    );
    await page.locator('#node-label').fill('Cities only');
    await expect.poll(() => page.locator('[data-node-id="select"] .node-title').textContent()).toBe('Cities only');
    expect(await page.evaluate('[...window.__touched]')).toEqual(['select']);
  }, 90_000);

  it('drags a source and a filter, shows an expression error under its column, then runs the fixed filter', async () => {
    const { page, errors } = await openEditor(editor.browser, editor.url);
    await buildPipeline(page, 'filter');
    await dragFromPalette(page, 'transform.filter', 560, 260);
    await page.locator('[data-node-id="filter"]').waitFor();
    await dragConnection(page, 'inline.table', 'filter.table');
    await page.locator('[data-node-id="filter"] .node-title').click();
    const where = page.locator('#cfg-where');
    await where.fill('agee > 30');
    await expect.poll(() => page.locator('#cfg-where-issues').textContent()).toMatch(/agee/);
    expect(await page.locator('.expression-caret .caret').textContent()).toBe('^');
    expect(await page.locator('[data-node-id="filter"] .node-issues').textContent()).toMatch(/agee/);
    await page.screenshot({ path: resolve(screenshots, 'expression-error.png') });
    await where.fill('age > 30');
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/^Run succeeded/);
    await page.locator('[data-port="filter.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 2 columns');
    expect(errors).toEqual([]);
  }, 90_000);
});
