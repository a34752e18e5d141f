import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots } from './editor-app';
import { openSeededEditor } from './open-seeded-editor';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

const weather: Graph = {
  format: 'causeway.graph/1',
  id: 'forms_e2e',
  name: 'Forms e2e',
  nodes: [
    {
      id: 'data',
      type: 'source.inline',
      version: 1,
      config: {
        columns: [
          { name: 'day', type: 'date' },
          { name: 'temp_max', type: 'number' },
          { name: 'temp_min', type: 'number' },
          { name: 'weather', type: 'string' },
        ],
        rows: [
          ['2012-01-01', 12.8, 5, 'rain'],
          ['2012-01-02', 10.6, 2.8, 'sun'],
        ],
      },
      position: [0, 0],
    },
    { id: 'forest', type: 'model.random-forest', version: 1, config: { target: 'weather' }, position: [320, 0] },
    { id: 'file', type: 'source.csv', version: 1, config: { file: 'weather.csv' }, position: [0, 260] },
  ],
  edges: [{ from: 'data.table', to: 'forest.table' }],
};

const open = () =>
  openSeededEditor(editor.browser, editor.url, weather, { selector: '[data-node-id="forest"]', what: 'The editor did not open' });

/** The config of a node as the editor autosaved it. */
function configOf(page: Page, nodeId: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate((id) => {
    const graph = JSON.parse(localStorage.getItem('causeway.autosave') ?? '{"nodes":[]}') as Graph;
    return graph.nodes.find((n) => n.id === id)?.config;
  }, nodeId);
}

describe('inspector forms in Chromium', () => {
  it('picks features from a searchable checklist of the input’s columns with their types', async () => {
    const { page, errors } = await open();
    await page.locator('[data-node-id="forest"] .node-title').click();
    const features = page.getByRole('group', { name: 'Features' });
    await expect
      .poll(() => features.locator('.checklist-items li').allTextContents())
      .toEqual(['day date', 'temp_max number', 'temp_min number', 'weather string']);
    await features.getByRole('checkbox', { name: /temp_min/ }).check();
    await features.getByRole('checkbox', { name: /day/ }).check();
    await expect.poll(() => configOf(page, 'forest').then((c) => c?.features)).toEqual(['temp_min', 'day']);
    await expect.poll(() => features.locator('.checklist-count').textContent()).toBe('2 columns of 4 ticked');
    await features.getByRole('button', { name: 'None' }).click();
    await expect.poll(() => configOf(page, 'forest').then((c) => c?.features)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'features-checklist.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('picks a single column from the input’s columns with their types, and takes a typed name while they are unknown', async () => {
    const loose = { id: 'loose', type: 'model.random-forest', version: 1, config: {}, position: [320, 260] as [number, number] };
    const { page, errors } = await openSeededEditor(
      editor.browser,
      editor.url,
      { ...weather, nodes: [...weather.nodes, loose] },
      {
        selector: '[data-node-id="loose"]',
        what: 'The editor did not open',
      },
    );
    await page.locator('[data-node-id="forest"] .node-title').click();
    const target = page.getByRole('group', { name: 'Target' });
    await expect
      .poll(() => target.locator('.checklist-items li').allTextContents())
      .toEqual(['day date', 'temp_max number', 'temp_min number', 'weather string']);
    expect(await target.getByRole('textbox').count()).toBe(0);
    expect(await target.getByRole('radio', { name: 'weather string' }).isChecked()).toBe(true);
    await target.getByRole('radio', { name: 'temp_max number' }).check();
    await expect.poll(() => configOf(page, 'forest').then((c) => c?.target)).toBe('temp_max');
    await page.screenshot({ path: resolve(screenshots, 'target-picker.png') });

    // A forest with no input knows no columns: its target is typed.
    await page.locator('[data-node-id="loose"] .node-title').click();
    const typed = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: /^Target\b/ });
    await typed.fill('rain_mm');
    await expect.poll(() => configOf(page, 'loose').then((c) => c?.target)).toBe('rain_mm');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('sets a CSV column’s type with a picker and its header as auto, yes or no', async () => {
    const { page, errors } = await open();
    await page.locator('[data-node-id="file"] .node-title').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const header = inspector.locator('#cfg-header');
    expect(await header.inputValue()).toBe('');
    expect(await header.locator('option:checked').textContent()).toBe('auto');
    await header.selectOption({ label: 'yes' });
    await expect.poll(() => configOf(page, 'file').then((c) => c?.header)).toBe(true);
    await header.selectOption({ label: 'no' });
    await expect.poll(() => configOf(page, 'file').then((c) => c?.header)).toBe(false);
    await header.selectOption({ label: 'auto' });
    await expect.poll(() => configOf(page, 'file').then((c) => (c ? 'header' in c : undefined))).toBe(false);

    const types = page.getByRole('group', { name: 'Types' });
    expect(await types.textContent()).not.toContain('null');
    await types.getByRole('textbox', { name: 'Column to add to types' }).fill('day');
    await types.getByRole('button', { name: 'Add column' }).click();
    await types.getByRole('combobox', { name: 'day' }).selectOption('date');
    await expect.poll(() => configOf(page, 'file').then((c) => c?.types)).toEqual({ day: 'date' });
    await types.getByRole('combobox', { name: 'day' }).selectOption({ index: 0 });
    await expect.poll(() => configOf(page, 'file').then((c) => (c ? 'types' in c : undefined))).toBe(false);
    await page.screenshot({ path: resolve(screenshots, 'csv-types-and-header.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows a date column as ISO dates in the data grid', async () => {
    const { page, errors } = await open();
    await page.locator('[data-node-id="data"] .node-title').click();
    await page.getByRole('button', { name: 'Run up to here' }).click();
    await expect.poll(() => page.locator('[data-node-id="data"] .badge').textContent(), { timeout: 60_000 }).toMatch(/^done/);
    await page.locator('[data-port="data.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 4 columns');
    const days = page.locator('.data-table .tbody [role="gridcell"].type-date');
    await expect.poll(() => days.allTextContents()).toEqual(['2012-01-01', '2012-01-02']);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
