import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bigGraph } from './big-graph';
import { seededContext, viewportOf } from './editor-app';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

const zoom = async (page: Page) => (await viewportOf(page))[2];

/** Wheels over the middle of the canvas until the zoom passes `target` (down: out, up: in). */
async function wheelUntil(page: Page, direction: 'out' | 'in', target: number): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 40; i++) {
    const z = await zoom(page);
    if (direction === 'out' ? z < target : z > target) return;
    await page.mouse.wheel(0, direction === 'out' ? 300 : -300);
    await page.waitForTimeout(50);
  }
  throw new Error(`the zoom never went ${direction} past ${target} (now ${await zoom(page)})`);
}

const subpaths = async (page: Page) =>
  (await page.locator('svg.far-edges path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '').join(' '))).match(/M/g)
    ?.length ?? 0;

describe('the canvas zoomed far out', () => {
  it('draws every edge in one path per colour instead of an element each, and gives them back to React Flow near', async () => {
    const graph = bigGraph(100);
    const context = await seededContext(editor.browser, graph);
    const page = await context.newPage();
    await page.goto(editor.url);
    await page.locator('.react-flow__node').first().waitFor();
    await wheelUntil(page, 'in', 0.5);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.far-edges').count()).toBe(0);

    await wheelUntil(page, 'out', 0.4);
    await expect.poll(() => page.locator('[data-far]').count()).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    // Every edge, once all cards have been measured on screen: one subpath each.
    await expect.poll(() => subpaths(page), { timeout: 10_000 }).toBe(graph.edges.length);
    await page.screenshot({ path: '/tmp/far-zoom-out.png' });

    await wheelUntil(page, 'in', 0.5);
    await expect.poll(() => page.locator('svg.far-edges').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/far-zoom-near.png' });
    await context.close();
  }, 120_000);
});
