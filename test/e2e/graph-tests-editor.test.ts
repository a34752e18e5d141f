import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshots } from './editor-app';
import { fill, inspect } from './journey-ui';
import { type ServedEditor, startServedEditor } from './served-editor';

// Graph tests in the built editor: a preview pinned as expected becomes a test case, saved beside
// the graph on the server; the Tests panel runs it in the browser (pass), and after a config change
// runs it again, in the browser and on the server (fail, with the diff shown).

let served: ServedEditor;
beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-graph-tests-');
}, 240_000);
afterAll(async () => {
  await served?.close();
});

describe('graph tests in the editor', () => {
  it('pins a preview, runs the tests (pass), changes a config and runs them again (fail with the diff)', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1800, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(`${served.server.url}?token=${served.adminToken}`);
    await page
      .getByRole('button', { name: /^(Browse templates…|Templates…)$/ })
      .first()
      .click();
    const gallery = page.getByRole('dialog', { name: 'Start from a template' });
    await gallery.getByRole('button', { name: 'Use Churn model' }).click();
    await gallery.waitFor({ state: 'detached' });
    await page.locator('[data-node-id="split"]').waitFor();

    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('browser');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Run succeeded/);

    const port = page.locator('[data-port="split.test"] button');
    await port.focus();
    await port.press('Enter');
    const results = page.locator('.results');
    await results.getByRole('heading', { name: 'split.test' }).waitFor();
    await results.getByTestId('row-count').waitFor();
    await results.getByRole('button', { name: 'Pin as expected' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 30_000 }).toMatch(/Pinned split\.test as expected/);

    // Saved beside the graph's version on the server.
    const auth = { headers: { authorization: `Bearer ${served.adminToken}` } };
    const listed = (await (await fetch(`${served.server.url}api/graphs`, auth)).json()) as {
      items: { id: string; latestVersion: number }[];
    };
    const saved = [];
    for (const g of listed.items) {
      const answer = await fetch(`${served.server.url}api/graphs/${g.id}/versions/${g.latestVersion}/tests`, auth);
      if (answer.status === 200) saved.push(await answer.json());
    }
    expect(saved).toMatchObject([{ tests: { cases: [{ name: 'split.test as pinned', expect: [{ output: 'split.test', rows: 250 }] }] } }]);

    await page.getByRole('button', { name: 'Close results' }).click();
    await page.getByRole('button', { name: 'Tests', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Tests' });
    await panel.locator('[data-case="split.test as pinned"]').waitFor();
    await panel.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => panel.getByTestId('tests-summary').textContent(), { timeout: 120_000 }).toBe('1 of 1 passed (browser)');
    expect(await panel.locator('[data-case="split.test as pinned"]').getAttribute('data-status')).toBe('passed');

    // Another split seed puts other rows in the test set: the pinned values no longer hold.
    const inspector = await inspect(page, 'split');
    await fill(inspector, 'Seed', '8');
    await page.keyboard.press('Tab');
    if ((await panel.count()) === 0) await page.getByRole('button', { name: 'Tests', exact: true }).click();
    await panel.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => panel.getByTestId('tests-summary').textContent(), { timeout: 120_000 }).toBe('0 of 1 passed (browser)');
    const failed = panel.locator('[data-case="split.test as pinned"]');
    expect(await failed.getAttribute('data-status')).toBe('failed');
    expect(await failed.locator('.test-diff').count()).toBeGreaterThan(0);
    expect((await failed.locator('.test-diff').first().textContent()) ?? '').not.toBe('');
    await page.screenshot({ path: resolve(screenshots, 'graph-tests-failed.png') });

    // On the server (a run thread of its worker pool), beside the version the change is saved as: the same verdict.
    await panel.getByRole('combobox', { name: 'Where to run the tests' }).selectOption('server');
    await panel.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => panel.getByTestId('tests-summary').textContent(), { timeout: 120_000 }).toBe('0 of 1 passed (server)');
    expect(await failed.locator('.test-diff').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
