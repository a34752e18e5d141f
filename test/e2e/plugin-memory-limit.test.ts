import type { Graph } from '@causeway/sdk';
import type { RunningServer } from '@causeway/server';
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededContext } from './editor-app';
import { installFixturePlugin } from './fixtures/install-fixture-plugin';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let served: ServedEditor;

const hoardType = '@causeway/plugin-bomb/hoard';

/** `inline → hoard` (allocates without bound) beside `inline → select`, the normal branch run afterwards. */
function bombGraph(): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'plugin_bomb',
    name: 'Plugin bomb',
    requires: { '@causeway/plugin-bomb': '^1.0.0' },
    nodes: [
      {
        id: 'inline',
        type: 'source.inline',
        version: 1,
        config: { columns: [{ name: 'city', type: 'string' }], rows: [['Oslo'], ['Lima']] },
        position: [0, 0],
      },
      { id: 'hoard', type: hoardType, version: 1, config: {}, position: [320, -120] },
      { id: 'select', type: 'transform.select', version: 1, config: { columns: [{ name: 'city' }] }, position: [320, 160] },
    ],
    edges: [
      { from: 'inline.table', to: 'hoard.table' },
      { from: 'inline.table', to: 'select.table' },
    ],
  };
}

/**
 * The editor's tab driven through a DevTools session of its own. Playwright reports the end of any
 * renderer process of a page (here: the runner frame's) as the page's crash and refuses to drive it
 * afterwards, although the page itself is alive; this session talks to the page's own target.
 */
class RawTab {
  #next = 1;
  readonly #waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) this.#waiting.get(message.id)?.(message);
    });
  }

  static async attach(browser: Browser, url: string): Promise<RawTab> {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(url));
    if (!target) throw new Error(`no tab at ${url}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new RawTab(cdp, sessionId);
  }

  async send<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const id = this.#next++;
    const answered = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => this.#waiting.set(id, resolve));
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    const answer = await Promise.race([
      answered,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the tab did not answer ${method} within 5 s`)), 5_000)),
    ]);
    this.#waiting.delete(id);
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as T;
  }

  /** The value of an expression in the page. */
  async value<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true },
    );
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value as T;
  }

  text(selector: string): Promise<string | null> {
    return this.value(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
  }

  /** A real mouse click (press and release) at the middle of the element. */
  async click(selector: string): Promise<void> {
    const box = await this.value<{ x: number; y: number } | null>(
      `(() => { const r = document.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect(); return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null; })()`,
    );
    if (!box) throw new Error(`${selector} is not on the page`);
    for (const type of ['mousePressed', 'mouseReleased'])
      await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  }
}

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-plugin-memory-');
  ({ server, browser } = served);
  await installFixturePlugin(server.url, served.adminToken, 'bomb-plugin');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

describe('a plugin node that allocates without bound in the browser', () => {
  it('fails with PLUGIN_LIMIT while the page keeps answering, and the next run works in a new runner frame', async () => {
    const context = await seededContext(browser, bombGraph());
    const page = await context.newPage();
    await page.goto(`${server.url}?token=${served.adminToken}`);
    await page.locator(`.palette-item[data-type="${hoardType}"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.status .ok').textContent()).toBe('No issues');
    const tab = await RawTab.attach(browser, server.url);

    await page.getByRole('button', { name: '▶ Run' }).click();
    const poll = { timeout: 120_000, interval: 250 };
    await expect
      .poll(() => tab.value<string | null>(`document.querySelector('[data-node-id="hoard"] .node-error')?.dataset.code ?? null`), poll)
      .toBe('PLUGIN_LIMIT');
    expect(await tab.text('[data-node-id="hoard"] .node-error')).toMatch(
      new RegExp(`^Node "hoard" \\(${hoardType}\\) stopped the browser's runner \\(the runner's process ended \\(out of memory\\)`),
    );
    expect(await tab.text('[data-testid="run-status"]')).toMatch(/^Run failed/);

    // The page answers: a click selects a node and the inspector shows it.
    await tab.click('[data-node-id="select"] .node-title');
    await expect.poll(() => tab.text('aside[aria-label="Inspector"] h2')).toBe('Select columns');

    // A normal run works after, in a new runner frame with the plugins loaded again.
    await tab.click('button[title^="Run up to the selected nodes"]');
    await expect.poll(() => tab.text('[data-testid="run-status"]'), poll).toMatch(/^Run succeeded/);
    await expect.poll(() => tab.value<number>(`document.querySelectorAll('iframe[data-causeway-runner]').length`)).toBe(1);
    await tab.click('[data-port="select.table"] button');
    await expect.poll(() => tab.text('[data-testid="row-count"]')).toBe('2 rows × 1 column');
    expect(
      await tab.value<string[]>(`[...document.querySelectorAll('.data-table .tbody [role="gridcell"]')].map((c) => c.textContent)`),
    ).toEqual(['Oslo', 'Lima']);
    await context.close().catch(() => undefined);
  }, 240_000);
});
