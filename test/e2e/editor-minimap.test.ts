import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bigGraph } from './big-graph';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

/** React Flow's viewport as [x, y, zoom], read from the transform it draws with. */
async function viewport(page: Page): Promise<[number, number, number]> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const m = style.match(/translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/);
  if (!m) throw new Error(`no transform in "${style}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

describe('the minimap of a 1,000-node graph', () => {
  it('draws the nodes as one path, pans the canvas by dragging and zooms it by wheel', async () => {
    const context = await editor.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(
      (graph) => {
        if (window.top === window) localStorage.setItem('causeway.autosave', graph);
      },
      JSON.stringify(bigGraph(1000)),
    );
    const page = await context.newPage();
    await page.goto(editor.url);
    const map = page.locator('.react-flow__minimap');
    await map.waitFor();
    // One subpath per node on the canvas, all in the first path.
    const d = (await map.locator('path').first().getAttribute('d')) ?? '';
    expect(d.match(/M/g)).toHaveLength(1000);

    const box = await map.boundingBox();
    if (!box) throw new Error('no minimap');
    const [x0, y0, zoom0] = await viewport(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    await page.mouse.up();
    // Dragging the viewport box right and down moves the view right and down: the flow shifts left and up.
    await expect.poll(async () => (await viewport(page))[0]).toBeLessThan(x0);
    const [, y1, zoom1] = await viewport(page);
    expect(y1).toBeLessThan(y0);
    expect(zoom1).toBe(zoom0);

    await page.mouse.wheel(0, 200);
    await expect.poll(async () => (await viewport(page))[2]).toBeLessThan(zoom0);
    await context.close();
  }, 120_000);
});
