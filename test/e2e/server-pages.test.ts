import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunningServer } from '@causeway/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let served: ServedEditor;
let admin: string;

beforeAll(async () => {
  served = await startServedEditor('causeway-pages-');
  ({ server, browser } = served);
  admin = served.adminToken;
}, 240_000);

afterAll(async () => {
  await served?.close();
});

/** Calls the real API as a token would. */
async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path.slice(1)}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function finishedRun(graphId: string): Promise<{ id: number; status: string }> {
  const run = await call<{ id: number }>(admin, 'POST', '/api/runs', { graphId });
  for (;;) {
    const now = await call<{ id: number; status: string }>(admin, 'GET', `/api/runs/${run.id}`);
    if (!['queued', 'running'].includes(now.status)) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function tokenFor(role: string): Promise<string> {
  return (await call<{ token: string }>(admin, 'POST', '/api/tokens', { name: `${role} e2e`, role })).token;
}

async function open(token: string, hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?token=${token}${hash}`);
  await page.getByRole('navigation', { name: 'Pages' }).first().waitFor();
  return { page, errors };
}

describe('the server pages', () => {
  let good: { id: number; status: string };
  let strict: { id: number; status: string };

  beforeAll(async () => {
    // The churn template as shipped passes its gate; a copy with an impossible gate fails.
    const template = JSON.parse(await readFile(join(repoRoot, 'templates/churn-model.json'), 'utf8')) as {
      id: string;
      name: string;
      nodes: Array<{ id: string; config: Record<string, unknown> }>;
    };
    const gate = template.nodes.find((n) => n.id === 'gate');
    if (gate) gate.config.expression = 'auc >= 0.99';
    await call(admin, 'POST', '/api/graphs', { graph: { ...template, id: 'churn-strict', name: 'Churn strict' } });
    good = await finishedRun('churn-model');
    strict = await finishedRun('churn-strict');
  }, 180_000);

  it('lists runs, filters by status and graph, and opens a run on the canvas with its node states and outputs', async () => {
    expect([good.status, strict.status]).toEqual(['succeeded', 'failed']);
    const { page, errors } = await open(admin, '#/runs');
    const table = page.getByRole('table', { name: 'Runs' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/churn-strict.*failed/);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await page.getByRole('combobox', { name: 'Graph' }).selectOption('churn-model');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: resolve(screenshots, 'pages-runs.png') });

    await page.getByRole('button', { name: `Open run ${good.id} on the canvas` }).click();
    await page.locator('[data-node-id="gate"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/^Run succeeded/);
    expect(await page.locator('[data-node-id="train"] .badge').textContent()).toMatch(/^done/);
    await page.locator('[data-port="score.table"] button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(/^250 rows/);
    await page.screenshot({ path: resolve(screenshots, 'pages-run-on-canvas.png') });

    // A failed run shows the failing node's message on its card.
    await page.goto(`${server.url}#/runs`);
    await page.getByRole('button', { name: `Open run ${strict.id} on the canvas` }).click();
    await expect.poll(() => page.locator('[data-node-id="gate"] .node-error').textContent()).toMatch(/auc/);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('pauses and resumes a schedule from its page', async () => {
    const created = await call<{ id: number }>(admin, 'POST', '/api/schedules', {
      name: 'nightly',
      graphId: 'churn-model',
      cron: '0 3 * * *',
      timezone: 'Europe/Oslo',
    });
    const { page } = await open(admin, '#/schedules');
    const row = page.locator('tr[data-schedule="nightly"]');
    await row.waitFor();
    await page.getByRole('button', { name: 'Details of nightly' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Schedule details' }).locator('li').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: 'Pause nightly' }).click();
    await expect.poll(() => row.locator('.status-pill').textContent()).toBe('paused');
    expect((await call<{ paused: boolean }>(admin, 'GET', `/api/schedules/${created.id}`)).paused).toBe(true);
    await page.getByText('Paused: nothing fires until it is resumed.').waitFor();
    await page.screenshot({ path: resolve(screenshots, 'pages-schedules.png') });
    await page.getByRole('button', { name: 'Resume nightly' }).click();
    await expect.poll(() => row.locator('.status-pill').textContent()).toBe('active');
    expect((await call<{ paused: boolean }>(admin, 'GET', `/api/schedules/${created.id}`)).paused).toBe(false);
    await page.close();
  }, 90_000);

  it('shows where a schedule alerts when its webhook is kept in a secret', async () => {
    await call(admin, 'PUT', '/api/secrets/ops-hook', { value: 'https://hooks.example/causeway' });
    await call(admin, 'POST', '/api/schedules', { name: 'hourly', graphId: 'churn-model', cron: '0 * * * *', alertSecret: 'ops-hook' });
    const { page, errors } = await open(admin, '#/schedules');
    await page.getByRole('button', { name: 'Details of hourly' }).click();
    const details = page.getByRole('region', { name: 'Schedule details' });
    await expect.poll(() => details.locator('p.muted').first().textContent()).toMatch(/alert: secret ops-hook$/);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('hides what the role cannot do', async () => {
    await call(admin, 'POST', '/api/schedules', { name: 'weekly', graphId: 'churn-model', cron: '0 4 * * 1' });
    const analyst = await tokenFor('analyst');
    const developer = await tokenFor('developer');

    const asAnalyst = await open(analyst, '#/schedules');
    await asAnalyst.page.locator('tr[data-schedule="weekly"]').waitFor();
    expect(await asAnalyst.page.getByRole('button', { name: /^(Pause|Resume) weekly$/ }).count()).toBe(0);
    expect(await asAnalyst.page.getByText('New schedule').count()).toBe(0);
    await asAnalyst.page.goto(`${server.url}#/runs`);
    await asAnalyst.page.getByRole('table', { name: 'Runs' }).waitFor();
    expect(await asAnalyst.page.getByRole('button', { name: /^Retry run/ }).count()).toBeGreaterThan(0);
    await asAnalyst.page.goto(`${server.url}#/plugins`);
    await asAnalyst.page.getByRole('heading', { name: 'Plugins' }).waitFor();
    expect(await asAnalyst.page.getByRole('button', { name: /Upload/ }).count()).toBe(0);
    await asAnalyst.page.close();

    const asDeveloper = await open(developer, '#/runs');
    await asDeveloper.page.getByRole('table', { name: 'Runs' }).waitFor();
    expect(await asDeveloper.page.getByRole('button', { name: /^Retry run/ }).count()).toBe(0);
    await asDeveloper.page.goto(`${server.url}#/plugins`);
    await asDeveloper.page.getByRole('button', { name: 'Upload a -dev version…' }).waitFor();
    await asDeveloper.page.goto(`${server.url}#/`);
    await asDeveloper.page.locator('.palette-item').first().waitFor();
    expect(await asDeveloper.page.getByRole('combobox', { name: 'Where to run' }).count()).toBe(0);
    expect(await asDeveloper.page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await asDeveloper.page.close();

    // Ops may run on the server but not save: a graph with unsaved changes is refused with the reason.
    const asOps = await open(await tokenFor('ops'), '#/');
    await asOps.page.getByRole('button', { name: 'Templates…', exact: true }).click();
    await asOps.page.getByRole('button', { name: 'Use Churn model' }).click();
    // The template opens at a readable zoom showing its start; Fit all brings every card on screen.
    await asOps.page.locator('[data-node-id="load"]').waitFor();
    await asOps.page.getByRole('button', { name: 'Fit all' }).click();
    await asOps.page.locator('[data-node-id="gate"]').waitFor();
    await asOps.page.getByRole('combobox', { name: 'Where to run' }).selectOption('server');
    await asOps.page.getByRole('button', { name: '▶ Run' }).click();
    await expect
      .poll(() => asOps.page.locator('.status .notice').textContent())
      .toMatch(/^The run could not start: this role runs saved versions only/);
    expect(await asOps.page.getByTestId('run-status').textContent()).toBe('Not run yet');
    await asOps.page.close();
  }, 120_000);

  it('promotes a model version on an endpoint and shows why a rollback is refused', async () => {
    // The housing template trains, gates and registers the model "housing-price" on the server.
    expect((await finishedRun('housing-regression-deploy')).status).toBe('succeeded');
    await call(admin, 'POST', '/api/endpoints', { name: 'housing', model: 'housing-price' });
    const { page, errors } = await open(admin, '#/endpoints');
    const row = page.locator('tr[data-endpoint="housing"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/nothing yet/);
    await page.getByRole('button', { name: 'Details of housing' }).click();
    const details = page.getByRole('region', { name: 'Endpoint housing' });
    await details.getByRole('spinbutton', { name: 'Model version' }).fill('1');
    await details.getByRole('button', { name: 'Promote' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('v1');
    await expect.poll(() => details.locator('.history').textContent()).toMatch(/promote/);
    await details.getByRole('spinbutton', { name: 'Model version' }).fill('');
    await details.getByRole('button', { name: 'Roll back' }).click();
    // Nothing was served before v1: the server's reason is shown, not a stack trace.
    await expect.poll(() => details.getByRole('alert').count()).toBe(1);
    expect(await details.getByRole('alert').textContent()).not.toMatch(/at .*\.ts:\d+/);
    await page.screenshot({ path: resolve(screenshots, 'pages-endpoints.png') });
    expect((await call<{ activeVersion: number }>(admin, 'GET', '/api/endpoints/housing')).activeVersion).toBe(1);

    await page.getByRole('link', { name: 'Plugins' }).click();
    await page.getByText('No plugins installed.').waitFor();
    await page.getByRole('button', { name: 'Upload plugin…' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
