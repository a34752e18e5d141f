import { readFile } from 'node:fs/promises';
import { type Graph, graphFormat } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, seededContext } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-sink-file-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

const graph: Graph = {
  format: graphFormat,
  id: 'sink-file',
  name: 'Write a file',
  nodes: [
    { id: 'days', type: 'source.sample', version: 1, config: { dataset: 'visitors' }, position: [0, 0] },
    { id: 'save', type: 'sink.file', version: 1, config: { path: 'daily/visitors.jsonl', format: 'jsonl' }, position: [260, 0] },
  ],
  edges: [{ from: 'days.table', to: 'save.table' }],
};

describe('sink.file in the editor', () => {
  it('a browser run offers the file the node wrote as a download', async () => {
    const context = await seededContext(served.browser, graph);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page.locator('[data-node-id="save"]').waitFor();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Run succeeded/);

    await page.locator('[data-port="save.written"] button').click();
    const button = page.getByRole('button', { name: 'Download visitors.jsonl' });
    await button.waitFor();
    const [saved] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(saved.suggestedFilename()).toBe('visitors.jsonl');
    const lines = (await readFile(await saved.path(), 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ date: '2023-01-01T00:00:00.000Z', visitors: 500, promotion: false });
    await expect.poll(() => page.locator('.results pre').textContent()).toContain(`"rows": ${lines.length}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
