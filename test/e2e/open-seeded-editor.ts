import type { Graph } from '@causeway/sdk';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, seededContext } from './editor-app';

/**
 * Opens the editor at `url` with `graph` as its autosave (see seededContext) and waits for `ready`
 * to show; page errors are collected and named if it never does.
 */
export async function openSeededEditor(
  browser: Browser,
  url: string,
  graph: Graph,
  ready: { selector: string; what: string },
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await seededContext(browser, graph)).newPage();
  const errors = collectPageErrors(page);
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
