import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditor } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

/** Screenshots of the focus at each step, to look at. */
const shots = '/tmp';

/**
 * How the focused element shows its focus: an outline of at least 2px (or a ring drawn with
 * box-shadow), and nothing covering its middle (a port under another card is focused but unseen).
 */
async function focusRing(page: Page): Promise<{ what: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', visible: true };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const uncovered = top !== null && (el.contains(top) || top.contains(el));
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"${uncovered ? '' : ' (covered)'}`;
    return { what, visible: (outline || style.boxShadow !== 'none') && uncovered };
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; every element passed on the way must show a focus ring. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const ring = await focusRing(page);
    if (!ring.visible) throw new Error(`no visible focus ring on ${ring.what}`);
    passed.push(ring.what);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached the target; it went through:\n${passed.join('\n')}`);
}

/** Presses F6 until the focus is inside `region` (the editor has five regions). */
async function f6To(page: Page, region: Locator): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('F6');
    if (await region.evaluate((el) => el.contains(document.activeElement))) return;
  }
  throw new Error(`F6 never reached ${await region.evaluate((el) => el.className)}`);
}

async function expectFocused(page: Page, target: Locator): Promise<void> {
  await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
  const ring = await focusRing(page);
  expect(ring.visible, `focus ring on ${ring.what}`).toBe(true);
}

describe('the editor by keyboard alone', () => {
  it('builds CSV → filter → select, connects, configures, runs in the browser and opens previews without the mouse', async () => {
    const { page, errors } = await openEditor(editor.browser, editor.url);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });

    // The CSV source: F6 to the toolbar, Tab to "Add data…", Enter opens the file chooser.
    // The wait starts first: the browser must intercept the chooser before the key goes down.
    const chooserOpened = page.waitForEvent('filechooser');
    await f6To(page, page.locator('.editor-tools'));
    await tabTo(page, page.getByRole('button', { name: 'Add data…' }));
    await page.screenshot({ path: `${shots}/keyboard-1-add-data.png` });
    const csv = 'city,age\nOslo,31\nLima,45\nRome,27\n';
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-node-id="csv"]').waitFor();

    // Nothing selected (Escape), then quick-add by key: "/" opens it, typing narrows it, Enter adds the filter.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
    await page.keyboard.press('/');
    const quickAdd = page.getByRole('dialog', { name: 'Add a node' });
    await expectFocused(page, quickAdd.getByRole('combobox', { name: 'Node to add' }));
    await page.keyboard.type('filter');
    await expect.poll(() => quickAdd.locator('[role="option"][aria-selected="true"]').textContent()).toMatch(/transform\.filter/);
    await page.screenshot({ path: `${shots}/keyboard-2-quick-add.png` });
    await page.keyboard.press('Enter');
    await page.locator('[data-node-id="filter"]').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(0);

    // Connect in the inspector: its Inputs list the outputs that fit.
    await f6To(page, inspector);
    await page.screenshot({ path: `${shots}/keyboard-3-inspector.png` });
    const input = inspector.getByRole('combobox', { name: /^table/ });
    await tabTo(page, input);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => input.inputValue()).toBe('csv.table');
    await tabTo(page, inspector.getByRole('button', { name: 'Connect to table' }));
    await page.screenshot({ path: `${shots}/keyboard-4-connect.png` });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    expect(await inspector.getByRole('list', { name: 'Connected to table' }).textContent()).toMatch(/csv\.table/);

    // The expression, typed into its field; the run with Ctrl+Enter.
    await tabTo(page, inspector.locator('#cfg-where'));
    await page.keyboard.type('age > 30');
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');
    await page.screenshot({ path: `${shots}/keyboard-5-expression.png` });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run succeeded/);

    // The output: from the inspector's Outputs, then from a port on the canvas.
    await tabTo(page, inspector.getByRole('button', { name: 'Show table' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 2 columns');
    await page.screenshot({ path: `${shots}/keyboard-6-preview.png` });
    await f6To(page, page.getByRole('main', { name: 'Canvas' }));
    await expect.poll(() => page.locator('.react-flow__node.selected').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${shots}/keyboard-7-node-focus.png` });
    await tabTo(page, page.locator('[data-port="csv.table"] button'), { back: true });
    await page.screenshot({ path: `${shots}/keyboard-8-port-focus.png` });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3 rows × 2 columns');

    // Enter on a focused node selects it; the palette by keyboard then adds a node after it.
    await tabTo(page, page.locator('.react-flow__node[data-id="csv"]'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node.selected').getAttribute('data-id')).toBe('csv');
    // Arrow keys move it, one undo step per press.
    const csvNode = page.locator('.react-flow__node[data-id="csv"]');
    const before = await csvNode.getAttribute('style');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => csvNode.getAttribute('style')).not.toBe(before);
    await page.keyboard.press('Control+z');
    await expect.poll(() => csvNode.getAttribute('style')).toBe(before);
    await f6To(page, page.getByRole('navigation', { name: 'Node palette' }));
    await expectFocused(page, page.getByRole('searchbox', { name: 'Search nodes' }));
    await page.keyboard.type('select columns');
    await tabTo(page, page.locator('.palette-item[data-type="transform.select"]'));
    await page.screenshot({ path: `${shots}/keyboard-9-palette.png` });
    await page.keyboard.press('Enter');
    await page.locator('[data-node-id="select"]').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // The help lists the keys and the inspector's ways to connect and show.
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expectFocused(page, help.getByRole('button', { name: 'Close' }));
    const keys = await help.locator('th kbd').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['F6 / Shift+F6', 'Tab / Shift+Tab', 'Inspector › Inputs', 'Inspector › Outputs']));
    await page.screenshot({ path: `${shots}/keyboard-10-help.png` });
    // Tab stays inside a dialog.
    await page.keyboard.press('Tab');
    await expectFocused(page, help.getByRole('button', { name: 'Close' }));
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});

describe('the server pages by keyboard alone', () => {
  let served: ServedEditor;
  beforeAll(async () => {
    served = await startServedEditor('causeway-keyboard-pages-');
  }, 240_000);
  afterAll(async () => {
    await served?.close();
  });

  it('reaches the pages from the editor, pauses a schedule and opens a run on the canvas, every stop with a ring', async () => {
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${served.server.url}${path.slice(1)}`, {
        method,
        headers: { authorization: `Bearer ${served.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: number };
    };
    await call('POST', '/api/schedules', { name: 'nightly', graphId: 'churn-model', cron: '0 3 * * *' });
    const run = await call('POST', '/api/runs', { graphId: 'churn-model' });
    const page = await served.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page.locator('.palette-item').first().waitFor();

    await f6To(page, page.locator('header.toolbar'));
    await tabTo(page, page.getByRole('link', { name: 'Schedules' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Pause nightly' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tr[data-schedule="nightly"] .status-pill').textContent()).toBe('paused');
    await page.screenshot({ path: `${shots}/keyboard-pages-schedules.png` });

    await tabTo(page, page.getByRole('link', { name: 'Runs' }), { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: `Open run ${run.id} on the canvas` }), { max: 120 });
    await page.screenshot({ path: `${shots}/keyboard-pages-runs.png` });
    await page.keyboard.press('Enter');
    await page.locator('[data-node-id="gate"]').waitFor();
    await page.context().close();
  }, 240_000);
});
