import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, screenshots, viewportOf } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-gallery-layout-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

type Box = { id: string | null; x: number; y: number; width: number; height: number };
/** Whether two boxes overlap, or come closer than `gap` px: cards edge to edge read as one. */
const crowd = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
/** The clear space kept between two cards, in flow units (the layout keeps 40 or more). */
const minGap = 16;

async function shippedTemplates(): Promise<Graph[]> {
  const folder = resolve(repoRoot, 'templates');
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json')).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(resolve(folder, f), 'utf8')) as Graph));
}

describe('templates opened from the gallery', () => {
  it('shows every shipped template laid out, with no card over or against another', async () => {
    const { server, browser, adminToken } = served;
    const templates = await shippedTemplates();
    expect(templates.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?token=${adminToken}`);
    await page.locator('.palette-item').first().waitFor();
    for (const template of templates) {
      await page.getByRole('button', { name: 'Templates…', exact: true }).click();
      const gallery = page.getByRole('dialog', { name: 'Start from a template' });
      await gallery.getByRole('button', { name: `Use ${template.name}`, exact: true }).click();
      await expect.poll(() => gallery.count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => page.getByRole('textbox', { name: 'Graph name' }).inputValue()).toContain(template.name);
      // Every card on screen (Fit stops at a readable zoom; Fit all shows the whole graph).
      await page.getByRole('button', { name: 'Fit all' }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(template.nodes.length);
      const boxes: Box[] = await page.locator('.react-flow__node').evaluateAll((nodes) =>
        nodes.map((n) => {
          const r = n.getBoundingClientRect();
          return { id: n.getAttribute('data-id'), x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      const [, , zoom] = await viewportOf(page);
      for (const a of boxes)
        for (const b of boxes) if (a !== b) expect(crowd(a, b, minGap * zoom), `${template.id}: ${a.id} on or against ${b.id}`).toBe(false);
      await page.screenshot({ path: resolve(screenshots, `gallery-${template.id}.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
