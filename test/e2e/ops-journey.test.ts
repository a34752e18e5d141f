import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

// Ops on a fresh install, through the pages only: the drift monitor says it needs the churn model and
// offers the template that makes it; that trains and registers v1; the Models page promotes it; the
// Endpoints page creates "churn", serves v1 and answers the try-it panel; the Schedules page creates,
// edits, runs now and deletes a schedule of the drift monitor, which then runs as shipped; and the
// endpoint is deleted.

let served: ServedEditor;
beforeAll(async () => {
  served = await startServedEditor('causeway-ops-');
}, 240_000);
afterAll(async () => {
  await served?.close();
});

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${served.server.url}${path.slice(1)}`, {
    method,
    headers: { authorization: `Bearer ${served.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function finished(runId: number): Promise<{ status: string; graphId: string; error: { code?: string; message?: string } | null }> {
  for (;;) {
    const run = await call<{ status: string; graphId: string; error: { code?: string; message?: string } | null }>(
      'GET',
      `/api/runs/${runId}`,
    );
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(screenshots, `ops-${name}.png`), fullPage: true });

describe('the ops journey on a fresh install, in the browser', () => {
  it('trains from a template, promotes, serves, tries, and schedules the drift monitor', async () => {
    const { server, browser, adminToken } = served;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}?token=${adminToken}#/`);
    await page.locator('.palette-item').first().waitFor();

    // The drift monitor needs the churn model in production and a churn endpoint, and says how to make them.
    await page.getByRole('button', { name: 'Templates…', exact: true }).click();
    const gallery = page.getByRole('dialog', { name: 'Start from a template' });
    const needs = gallery.getByRole('list', { name: /^What Drift monitor/ });
    await expect.poll(() => needs.textContent()).toMatch(/the production version of the model “churn”.*an endpoint named “churn”/s);
    await shot(page, 'gallery-needs');
    await needs.getByRole('button', { name: 'Use Churn classifier: train, gate and register first' }).click();
    await page.locator('[data-node-id="load"]').waitFor();
    await page.getByRole('button', { name: 'Fit all' }).click();
    await page.locator('[data-node-id="register"]').waitFor();
    await page.getByRole('combobox', { name: 'Where to run' }).selectOption('server');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Run succeeded/);

    // Models: the version with its lineage; promoted through its passed gate.
    await page.getByRole('link', { name: 'Models' }).click();
    const row = page.locator('tr[data-model="churn"]');
    await expect.poll(() => row.locator('td').first().textContent()).toBe('1');
    await page.getByRole('button', { name: 'Details of churn' }).click();
    const details = page.getByRole('region', { name: 'Model churn' });
    const v1 = details.locator('tr[data-version="1"]');
    await expect.poll(() => v1.textContent()).toMatch(/v1none.*passed.*auc \d.*run #\d+/);
    expect(await details.getByRole('region', { name: 'Card of v1' }).textContent()).toMatch(/classification of churned.*tenure_months/);
    await details.getByRole('button', { name: 'Promote' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('v1');
    await expect.poll(() => v1.locator('.status-pill').textContent()).toBe('production');
    // A second training of the same graph: v2, compared with v1 (same data and seed) and archived.
    const graphId = String((await call<{ items: Array<{ graphId: string }> }>('GET', '/api/models/churn')).items[0]?.graphId);
    const second = await call<{ id: number }>('POST', '/api/runs', { graphId });
    expect((await finished(second.id)).status).toBe('succeeded');
    await page.getByRole('button', { name: 'Details of churn' }).click();
    await page.getByRole('button', { name: 'Details of churn' }).click();
    await details.locator('tr[data-version="2"]').waitFor();
    await details.getByRole('checkbox', { name: 'Compare v1' }).check();
    await details.getByRole('checkbox', { name: 'Compare v2' }).check();
    const compared = details.getByRole('region', { name: 'Compare v1 and v2' });
    await expect
      .poll(() => compared.locator('tr', { has: page.getByRole('rowheader', { name: 'auc', exact: true }) }).textContent())
      .toMatch(/^auc(0\.\d{4})\1(?:0)$/);
    expect(await compared.locator('li').textContent()).toBe('Same inputs, target and classes.');
    await shot(page, 'models');
    await details.getByRole('button', { name: 'Show v2' }).click();
    const stage = details.getByRole('form', { name: 'Stage of v2' });
    await stage.getByRole('combobox', { name: 'Move v2 to' }).selectOption('archived');
    await stage.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => details.locator('tr[data-version="2"] .status-pill').textContent()).toBe('archived');
    expect(await v1.locator('.status-pill').textContent()).toBe('production');

    // Endpoints: create "churn", serve v1, and score the input example from the try-it panel.
    await page.getByRole('link', { name: 'Endpoints' }).click();
    await page.getByText('New endpoint').click();
    const create = page.getByRole('form', { name: 'New endpoint' });
    await create.getByRole('textbox', { name: 'Name' }).fill('churn');
    await create.getByRole('combobox', { name: 'Model' }).selectOption('churn');
    await create.getByRole('spinbutton', { name: 'Requests stored (%)' }).fill('100');
    await create.getByRole('button', { name: 'Create endpoint' }).click();
    await page.getByRole('button', { name: 'Details of churn' }).click();
    const endpoint = page.getByRole('region', { name: 'Endpoint churn' });
    await endpoint.getByRole('spinbutton', { name: 'Model version' }).fill('1');
    await endpoint.getByRole('button', { name: 'Promote' }).click();
    const tryIt = endpoint.getByRole('region', { name: 'Try it' });
    await tryIt.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => tryIt.getByTestId('predict-answer').textContent()).toMatch(/"version": 1[\s\S]*"predictions": \[/);
    const curl = (await tryIt.getByTestId('curl').textContent()) ?? '';
    expect(curl).toContain(`${new URL(server.url).origin}/api/endpoints/churn/predict`);
    expect(curl).toContain('$CAUSEWAY_TOKEN');
    expect(curl).not.toContain(adminToken);
    // The curl as shown is the request the panel sent: its JSON scores the same row.
    const body = /-d '([\s\S]*)'$/.exec(curl)?.[1] ?? '';
    const again = await call<{ predictions: unknown[] }>('POST', '/api/endpoints/churn/predict', JSON.parse(body));
    expect(again.predictions).toHaveLength(1);
    await expect
      .poll(() => endpoint.getByRole('img', { name: /^Latency percentiles/ }).getAttribute('aria-label'), { timeout: 20_000 })
      .toMatch(/p50 [\d.]+ ms, p95 .* p99 .* max/);
    expect(await endpoint.getByRole('img', { name: /^Traffic split/ }).getAttribute('aria-label')).toMatch(/v1 \(active\) 2 \(100%\)/);
    await shot(page, 'endpoints');

    // Schedules: every option on create, changed on edit, run now, deleted.
    await page.getByRole('link', { name: 'Schedules' }).click();
    await page.getByText('New schedule').click();
    const form = page.getByRole('form', { name: 'New schedule' });
    await form.getByRole('textbox', { name: 'Name' }).fill('drift-watch');
    await form.getByRole('combobox', { name: 'Graph' }).selectOption('drift-monitor');
    await form.getByRole('textbox', { name: /^Cron/ }).fill('30 5 * * *');
    await form.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Oslo');
    await form.getByRole('combobox', { name: 'If the last run is still going' }).selectOption('queue');
    await form.getByRole('combobox', { name: 'Missed while no server ran' }).selectOption('all');
    await form.getByRole('spinbutton', { name: 'Catch-up limit' }).fill('3');
    await form.getByRole('spinbutton', { name: 'Retries' }).fill('2');
    await form.getByRole('spinbutton', { name: 'First retry after (s)' }).fill('30');
    await form.getByRole('spinbutton', { name: 'Longest wait (s)' }).fill('600');
    await form.getByRole('combobox', { name: 'Alert when it fails for good' }).selectOption('url');
    await form.getByRole('textbox', { name: 'Webhook URL' }).fill('https://hooks.example.com/services/T0/B0/x');
    await form.getByRole('button', { name: 'Create schedule' }).click();
    await page.locator('tr[data-schedule="drift-watch"]').waitFor();
    const [made] = (await call<{ items: Array<Record<string, unknown> & { id: number }> }>('GET', '/api/schedules')).items;
    expect(made).toMatchObject({
      name: 'drift-watch',
      graphId: 'drift-monitor',
      version: 'latest',
      cron: '30 5 * * *',
      timezone: 'Europe/Oslo',
      overlap: 'queue',
      catchUp: { policy: 'all', limit: 3 },
      retries: { max: 2, baseMs: 30_000, maxMs: 600_000 },
      alert: { origin: 'https://hooks.example.com' },
      paused: false,
    });
    const id = made?.id as number;

    await page.getByRole('button', { name: 'Edit drift-watch' }).click();
    const edit = page.getByRole('form', { name: 'Options of drift-watch' });
    expect(await edit.getByRole('combobox', { name: 'Alert when it fails for good' }).inputValue()).toBe('keep');
    await edit.getByRole('textbox', { name: /^Cron/ }).fill('15 6 * * 1-5');
    await edit.getByRole('spinbutton', { name: 'Retries' }).fill('1');
    await edit.getByRole('combobox', { name: 'Alert when it fails for good' }).selectOption('none');
    await edit.getByRole('checkbox', { name: 'Paused' }).check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('tr[data-schedule="drift-watch"] .status-pill').textContent()).toBe('paused');
    expect(await call('GET', `/api/schedules/${id}`)).toMatchObject({
      cron: '15 6 * * 1-5',
      overlap: 'queue',
      retries: { max: 1, baseMs: 30_000, maxMs: 600_000 },
      alert: null,
      paused: true,
    });
    await shot(page, 'schedules');

    await page.getByRole('button', { name: 'Run now drift-watch' }).click();
    const started = page.getByRole('status').filter({ hasText: /^Started run #/ });
    const runId = Number(/#(\d+)/.exec((await started.textContent()) ?? '')?.[1]);
    // The drift monitor runs as shipped: it reads the churn endpoint's stored requests and the production model.
    const run = await finished(runId);
    expect(run.graphId).toBe('drift-monitor');
    expect(run.status === 'succeeded' || run.error?.code === 'VALIDATION_FAILED', JSON.stringify(run.error)).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete drift-watch' }).click();
    await page.getByText('No schedules yet.').waitFor();
    expect((await call<{ items: unknown[] }>('GET', '/api/schedules')).items).toEqual([]);

    // The endpoint goes too: the page deletes it after asking.
    await page.getByRole('link', { name: 'Endpoints' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete churn', exact: true }).click();
    await page.getByText('No endpoints yet.').waitFor();
    expect((await call<{ items: unknown[] }>('GET', '/api/endpoints')).items).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
