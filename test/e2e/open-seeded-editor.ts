import type { Graph } from '@causeway/sdk';
import type { Browser, Page } from 'playwright-core';

/**
 * Opens the editor at `url` with `graph` as its autosave (seeded once per tab, so a reload keeps the
 * user's edits) and waits for `ready` to show; page errors are collected and named if it never does.
 */
export async function openSeededEditor(
  browser: Browser,
  url: string,
  graph: Graph,
  ready: { selector: string; what: string },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((text) => {
    // Init scripts run in every frame; the runner's sandboxed frame has no storage.
    if (window !== window.top) return;
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('causeway.autosave', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(graph));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page
    .locator(ready.selector)
    .first()
    .waitFor({ timeout: 60_000 })
    .catch((e: unknown) => {
      throw new Error(`${ready.what}: ${errors.join('; ') || String(e)}`);
    });
  return { page, errors };
}
