import { describe, expect, it } from 'vitest';
import { bigGraph } from './big-graph';
import { seededContext } from './editor-app';
import { renderCounterScript } from './render-counter';
import { staticEditorForSuite } from './static-editor-suite';

const editor = staticEditorForSuite();

describe('rendering a large graph', () => {
  it('a config edit to one node of 1,000 re-renders that card and no other', async () => {
    const context = await seededContext(editor.browser, bigGraph(1000));
    await context.addInitScript(renderCounterScript);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(editor.url);
    await page.locator('.react-flow__node').first().waitFor();
    // The graph opens centred; a click on the minimap near the nodes' top left corner brings the chains' sources on screen.
    const drawn = await page.locator('.react-flow__minimap path').first().boundingBox();
    if (!drawn) throw new Error('no nodes on the minimap');
    await page.mouse.click(drawn.x + 8, drawn.y + 8);
    // An inline source: editing its rows changes no schema downstream, so no other card has a reason to change.
    const source = page.locator('.react-flow__node[data-id$="0"]').filter({ hasText: 'Inline table' }).first();
    await source.waitFor();
    const id = await source.getAttribute('data-id');
    // Let the worker's full check of the graph land before counting.
    await page.waitForTimeout(1500);
    await source.locator('.node-title').click();
    const onScreen = await page.locator('.react-flow__node').count();
    const renders = (await page.evaluate('window.__cardRenders')) as Record<string, number>;
    // The counter sees the cards: every card on screen has rendered at least once.
    expect(Object.keys(renders).length).toBeGreaterThanOrEqual(onScreen);
    expect(onScreen).toBeGreaterThan(10);

    await page.evaluate('window.__cardRenders = {}');
    await page.locator('#cfg-rows').fill('[[1, "x"], [2, "y"]]');
    // The edit is checked again by the worker after a pause; wait for that answer to be merged too.
    await page.waitForTimeout(1500);
    expect(await page.evaluate('window.__cardRenders')).toEqual({ [id as string]: expect.any(Number) });

    // The counter sees updates, not only mounts: selecting another card re-renders both.
    const other = page.locator(`.react-flow__node:not([data-id="${id}"])`).first();
    const otherId = await other.getAttribute('data-id');
    await page.evaluate('window.__cardRenders = {}');
    await other.locator('.node-title').click();
    await expect.poll(() => page.evaluate('Object.keys(window.__cardRenders).sort()')).toEqual([id, otherId].sort());
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
