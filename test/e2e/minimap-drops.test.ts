import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { openSeededEditor } from './open-seeded-editor';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

type Box = { x: number; y: number; width: number; height: number };

const graph: Graph = {
  format: 'causeway.graph/1',
  id: 'minimap_drops',
  name: 'Minimap drops',
  nodes: [
    {
      id: 'inline',
      type: 'source.inline',
      version: 1,
      config: { columns: [{ name: 'a', type: 'number' }], rows: [[1], [2]] },
      position: [0, 0],
    },
  ],
  edges: [],
};

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

async function boxOf(locator: { boundingBox(): Promise<Box | null> }, what: string): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what} is not on screen`);
  return box;
}

describe('the minimap and drops on the canvas', () => {
  it('puts a node dropped on the minimap beside it, on screen, never under it', async () => {
    const { page, errors } = await openSeededEditor(editor.browser, editor.url, graph, {
      selector: '[data-node-id="inline"]',
      what: 'the canvas',
    });
    const map = page.locator('.react-flow__minimap');
    await map.waitFor();
    await page.locator('.palette-item[data-type="transform.filter"]').dragTo(map);
    const card = page.locator('[data-node-id="filter"]');
    await card.waitFor();
    const dropped = await boxOf(card, 'the dropped card');
    expect(overlaps(dropped, await boxOf(map, 'the minimap')), 'the card is under the minimap').toBe(false);
    expect(inside(dropped, await boxOf(page.locator('.react-flow__pane'), 'the canvas')), 'the card is off screen').toBe(true);
    // Its ports answer the pointer: nothing covers the card.
    const port = await boxOf(card.locator('[data-side="input"] .react-flow__handle'), 'the input port');
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-node-id]')?.getAttribute('data-node-id'),
      { x: port.x + port.width / 2, y: port.y + port.height / 2 },
    );
    expect(hit).toBe('filter');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('never covers the results panel, and once hidden a drop lands where the minimap was', async () => {
    const { page, errors } = await openSeededEditor(editor.browser, editor.url, graph, {
      selector: '[data-node-id="inline"]',
      what: 'the canvas',
    });
    const map = page.locator('.react-flow__minimap');
    await map.waitFor();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Run succeeded/);
    await page.locator('[data-port="inline.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('2 rows × 1 column');
    const dock = await boxOf(page.locator('.results-dock'), 'the results panel');
    const where = await boxOf(map, 'the minimap');
    expect(overlaps(where, dock), 'the minimap covers the results panel').toBe(false);

    await page.getByRole('button', { name: 'Mini map' }).click();
    await expect.poll(() => map.count()).toBe(0);
    const pane = await boxOf(page.locator('.react-flow__pane'), 'the canvas');
    const at = { x: where.x + where.width / 2 - pane.x, y: where.y + where.height / 2 - pane.y };
    await page.locator('.palette-item[data-type="transform.filter"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
    const dropped = await boxOf(page.locator('[data-node-id="filter"]'), 'the dropped card');
    const point = { x: at.x + pane.x, y: at.y + pane.y, width: 1, height: 1 };
    expect(overlaps(dropped, point), 'the card is not where it was dropped').toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
