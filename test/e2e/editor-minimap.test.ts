import { describe, expect, it } from 'vitest';
import { bigGraph } from './big-graph';
import { seededContext, viewportOf } from './editor-app';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

describe('the minimap of a 1,000-node graph', () => {
  it('draws the nodes as one path, pans the canvas by dragging and zooms it by wheel', async () => {
    const context = await seededContext(editor.browser, bigGraph(1000));
    const page = await context.newPage();
    await page.goto(editor.url);
    const map = page.locator('.react-flow__minimap');
    await map.waitFor();
    // One subpath per node on the canvas, all in the first path.
    const d = (await map.locator('path').first().getAttribute('d')) ?? '';
    expect(d.match(/M/g)).toHaveLength(1000);

    const box = await map.boundingBox();
    if (!box) throw new Error('no minimap');
    const [x0, y0, zoom0] = await viewportOf(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    await page.mouse.up();
    // Dragging the viewport box right and down moves the view right and down: the flow shifts left and up.
    await expect.poll(async () => (await viewportOf(page))[0]).toBeLessThan(x0);
    const [, y1, zoom1] = await viewportOf(page);
    expect(y1).toBeLessThan(y0);
    expect(zoom1).toBe(zoom0);

    await page.mouse.wheel(0, 200);
    await expect.poll(async () => (await viewportOf(page))[2]).toBeLessThan(zoom0);
    await context.close();
  }, 120_000);
});
