import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph } from '@causeway/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { serveStatic } from './static-server';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const screenshots = resolve(repoRoot, 'test-results/e2e');

export interface StartedEditor {
  url: string;
  browser: Browser;
  stop: () => Promise<void>;
}

/** The built editor served locally, and a browser to open it in. Builds web/ first unless told not to. */
export async function startEditor(): Promise<StartedEditor> {
  const dist = resolve(repoRoot, 'web/dist');
  if (process.env.CAUSEWAY_E2E_SKIP_BUILD !== '1' || !existsSync(resolve(dist, 'index.html'))) buildOnce(dist);
  mkdirSync(screenshots, { recursive: true });
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    stop: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The page's uncaught errors and console errors, as they come. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/**
 * A browser context (1400 × 900) whose pages open the editor on `graph`: it is the autosave, seeded
 * once per tab, so a reload keeps the user's edits.
 */
export async function seededContext(browser: Browser, graph: Graph): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((text) => {
    // Init scripts run in every frame; the runner's sandboxed frame has no storage.
    if (window !== window.top) return;
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('causeway.autosave', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(graph));
  return context;
}

/** React Flow's viewport as [x, y, zoom], read from the transform it draws with. */
export async function viewportOf(page: Page): Promise<[number, number, number]> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const m = style.match(/translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/);
  if (!m) throw new Error(`no transform in "${style}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Opens a fresh editor page (no autosave left from another test); page errors fail loudly. */
export async function openEditor(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(url);
  await page.locator('.palette-item').first().waitFor();
  return { page, errors };
}

/** Drags a node type from the palette onto the canvas at a point of the pane. */
export async function dragFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.locator(`.palette-item[data-type="${type}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Drags a connection from an output port to an input port with the mouse, as a user does. */
export async function dragConnection(page: Page, from: string, to: string): Promise<void> {
  const source = await page.locator(`[data-port="${from}"][data-side="output"] .react-flow__handle`).boundingBox();
  const target = await page.locator(`[data-port="${to}"][data-side="input"] .react-flow__handle`).boundingBox();
  if (!source || !target) throw new Error(`port ${source ? to : from} is not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2 + 20, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Newest modification time under a folder (sources the editor is built from). */
function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = resolve(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds web/ unless dist is newer than its sources; test files in parallel workers take turns by a lock folder. */
function buildOnce(dist: string): void {
  const lock = resolve(repoRoot, 'test-results/web-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after five minutes.
      if (Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      else Atomics.wait(pause, 0, 0, 500);
    }
  }
  try {
    const built = existsSync(resolve(dist, 'index.html')) ? statSync(resolve(dist, 'index.html')).mtimeMs : 0;
    const sources = Math.max(
      ...['web/src', 'web/index.html', 'web/public', 'web/scripts', 'web/vite.config.ts', 'sdk/src', 'nodes/src'].map((p) => {
        const path = resolve(repoRoot, p);
        return statSync(path).isDirectory() ? newest(path) : statSync(path).mtimeMs;
      }),
    );
    // Vitest sets NODE_ENV=test, which would make Vite build the development bundle (and misplace the worker's URL).
    if (built < sources)
      execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: repoRoot, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmdirSync(lock);
  }
}
