import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

// Continuous training on a fresh install: the churn model in production behind a "churn" endpoint with
// feedback on, outcomes that changed since it was trained, the shipped churn-retrain template run as it
// is, and the challenger it registers approved on the Models page.

let served: ServedEditor;
beforeAll(async () => {
  served = await startServedEditor('causeway-retrain-');
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

type Run = { id: number; status: string; error: { code?: string; message?: string } | null };
async function run(graphId: string): Promise<Run> {
  const { id } = await call<{ id: number }>('POST', '/api/runs', { graphId });
  for (;;) {
    const found = await call<Run>('GET', `/api/runs/${id}`);
    if (!['queued', 'running'].includes(found.status)) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('continuous training, approved in the browser', () => {
  it('runs the shipped retraining template on labelled predictions and approves its challenger', async () => {
    const { server, browser, adminToken } = served;
    expect((await run('churn-deploy')).status).toBe('succeeded');
    await call('POST', '/api/models/churn/versions/1/stage', { stage: 'production' });
    await call('POST', '/api/endpoints', { name: 'churn', model: 'churn', sampleRate: 0 });
    await call('POST', '/api/endpoints/churn/sampling', { feedback: true });

    // The bundled sample, scored by the endpoint; the outcomes sent back are the opposite of its labels.
    const [header, ...lines] = (await readFile(new URL('../../samples/churn.csv', import.meta.url), 'utf8')).trim().split('\n');
    const names = (header ?? '').split(',');
    const records = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
    const rows = records.map((r) => ({
      tenure_months: Number(r.tenure_months),
      monthly_charges: Number(r.monthly_charges),
      contract: r.contract,
      internet: r.internet,
      support_calls: Number(r.support_calls),
    }));
    const answer = await call<{ requestId: string }>('POST', '/api/endpoints/churn/predict', { rows });
    const outcomes = records.map((r, row) => ({ requestId: answer.requestId, row, outcome: r.churned === 'yes' ? 'no' : 'yes' }));
    await call('POST', '/api/endpoints/churn/feedback', { outcomes });
    // Predictions are logged in the background: wait until the newest carries its outcome.
    await expect
      .poll(
        async () => (await call<{ items: Array<{ outcome?: unknown }> }>('GET', '/api/endpoints/churn/requests?limit=1')).items[0]?.outcome,
        {
          timeout: 30_000,
        },
      )
      .toBeDefined();

    const retrained = await run('churn-retrain');
    expect(retrained.status, JSON.stringify(retrained.error)).toBe('succeeded');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}?token=${adminToken}#/`);
    await page.getByRole('link', { name: 'Models' }).click();
    const waiting = page.getByRole('table', { name: 'Promotions waiting for approval' });
    await expect.poll(() => waiting.locator('tr[data-promotion="churn:2"]').textContent()).toMatch(/churn v2run:\d+/);
    await page.getByRole('textbox', { name: 'Reason for v2' }).fill('better on last month');
    await page.screenshot({ path: resolve(screenshots, 'retrain-approval.png'), fullPage: true });
    await page.getByRole('button', { name: 'Approve churn v2' }).click();
    await expect.poll(() => page.locator('tr[data-model="churn"] td').nth(1).textContent()).toBe('v2');
    await expect.poll(() => waiting.count()).toBe(0);

    const audit = await call<{ items: Array<{ action: string; target: string; details: Record<string, unknown> }> }>(
      'GET',
      '/api/audit?action=model.promotion.approve',
    );
    expect(audit.items).toEqual([
      expect.objectContaining({ target: 'model:churn:2', details: expect.objectContaining({ reason: 'better on last month' }) }),
    ]);
    expect((await call<{ activeVersion: number }>('GET', '/api/endpoints/churn')).activeVersion).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
