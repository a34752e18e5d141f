import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { RunningServer } from '@causeway/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** WCAG 2.0 and 2.1, levels A and AA (color-contrast is one of the AA rules). */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: RunningServer;
let browser: Browser;
let served: ServedEditor;
let admin: string;

beforeAll(async () => {
  served = await startServedEditor('causeway-a11y-');
  ({ server, browser } = served);
  admin = served.adminToken;
}, 240_000);

afterAll(async () => {
  await served?.close();
});

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe in the page (injected once) and returns its WCAG A/AA violations, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  // Animations and transitions finished, so contrast is measured on the colours at rest.
  await page.waitForTimeout(250);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
  }, wcagTags);
  return (found as AxeViolation[]).flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${whyOf(n) || v.help}`),
  );
}

/** axe's summary without its "Fix any of the following:" headings, on one line. */
function whyOf(node: AxeNode): string {
  return (node.failureSummary ?? '')
    .split('\n')
    .filter((line) => line.trim() && !/^Fix (any|all)/.test(line))
    .map((line) => line.trim())
    .join('; ');
}

/** Fails with every violation of every view checked, after taking a screenshot of each view. */
class Audit {
  private readonly found: string[] = [];
  constructor(private readonly page: Page) {}
  async check(view: string): Promise<void> {
    await this.page.screenshot({ path: resolve(screenshots, `a11y-${view.replace(/\W+/g, '-')}.png`) });
    for (const line of await violations(this.page)) this.found.push(`[${view}] ${line}`);
  }
  expectNone(): void {
    expect(this.found.join('\n\n')).toBe('');
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path.slice(1)}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function finishedRun(graphId: string): Promise<number> {
  const run = await call<{ id: number }>('POST', '/api/runs', { graphId });
  for (;;) {
    const now = await call<{ status: string }>('GET', `/api/runs/${run.id}`);
    if (!['queued', 'running'].includes(now.status)) return run.id;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function openPage(hash: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}?token=${admin}${hash}`);
  return page;
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  let runId: number;
  beforeAll(async () => {
    // The housing template registers the model "housing-price" an endpoint serves.
    const [churn] = await Promise.all([finishedRun('churn-model'), finishedRun('housing-regression-deploy')]);
    runId = churn;
    expect((await call<{ status: string }>('GET', `/api/runs/${runId}`)).status).toBe('succeeded');
    await call('POST', '/api/schedules', { name: 'nightly', graphId: 'churn-model', cron: '0 3 * * *', timezone: 'Europe/Oslo' });
    await call('POST', '/api/endpoints', { name: 'housing', model: 'housing-price' });
    // Served, so its details show the try-it panel and the charts.
    await call('POST', '/api/endpoints/housing/promote', { version: 1 });
    await call('POST', '/api/users', { name: 'ada', role: 'analyst', password: 'a long enough password' });
  }, 180_000);

  it('the editor: empty, with a template open and a node selected, each dialog, quick-add', async () => {
    const page = await openPage('#/');
    const audit = new Audit(page);
    await page.locator('.palette-item').first().waitFor();
    await audit.check('empty editor');

    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await audit.check('shortcuts help');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Templates…', exact: true }).click();
    const gallery = page.getByRole('dialog', { name: 'Start from a template' });
    await gallery.getByRole('heading', { name: 'Churn model' }).waitFor();
    await audit.check('templates dialog');
    await gallery.getByRole('button', { name: 'Use Churn model' }).click();
    // The template opens at a readable zoom showing its start; Fit all brings every card on screen.
    await page.locator('[data-node-id="load"]').waitFor();
    await page.getByRole('button', { name: 'Fit all' }).click();
    await page.locator('[data-node-id="gate"]').waitFor();
    await page.locator('[data-node-id="train"] .node-title').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading').first().waitFor();
    await audit.check('template with a node selected');
    await page.locator('[data-node-id="split"] .node-title').click();
    await page.locator('#cfg-test').fill('2');
    await page.locator('.inspector .field-issues').first().waitFor();
    await audit.check('a field issue in the inspector and on the node');
    await page.keyboard.press('Control+z');

    await page.getByRole('button', { name: 'Open…' }).click();
    await page
      .getByRole('dialog', { name: 'Graphs on the server' })
      .getByRole('button', { name: /^Restore v1/ })
      .waitFor();
    await audit.check('graphs dialog');
    await page.keyboard.press('Escape');

    // A second version, then the two compared on the canvas.
    await page.getByRole('textbox', { name: 'Graph name' }).fill('Churn, checked');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.status .notice').textContent()).toMatch(/^Saved version 2/);
    await page.getByRole('button', { name: 'Open…' }).click();
    const graphs = page.getByRole('dialog', { name: 'Graphs on the server' });
    await graphs.getByRole('checkbox', { name: 'Compare v1' }).check();
    await graphs.getByRole('checkbox', { name: 'Compare v2' }).check();
    await audit.check('graphs dialog, two versions picked');
    await graphs.getByRole('button', { name: 'Compare v1 and v2' }).click();
    await page.getByRole('region', { name: 'Compare versions' }).waitFor();
    await audit.check('compare view');
    await page.keyboard.press('Escape');
    await page.locator('.palette-item').first().waitFor();

    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Shift+N');
    await page.locator('.note-card').waitFor();
    await audit.check('sticky note');
    await page.keyboard.press('f');
    await page.getByRole('dialog', { name: 'Add a node' }).waitFor();
    await audit.check('quick-add');
    await page.keyboard.press('Escape');
    audit.expectNone();
    await page.context().close();
  }, 180_000);

  it('a server run on the canvas with its previews: table, profile, metrics, model card', async () => {
    const page = await openPage('#/runs');
    const audit = new Audit(page);
    await page.getByRole('button', { name: `Open run ${runId} on the canvas` }).click();
    await page.locator('[data-node-id="gate"]').waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/^Run succeeded/);
    const results = page.locator('.results');
    const show = async (endpoint: string) => {
      await page.locator(`[data-port="${endpoint}"] button`).focus();
      await page.keyboard.press('Enter');
      await results.getByRole('heading', { name: endpoint }).waitFor();
    };
    await show('score.table');
    await expect.poll(() => page.locator('.data-table .tbody [role="gridcell"]').count()).toBeGreaterThan(0);
    await audit.check('table preview');
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.locator('.profile h3').first().waitFor();
    await audit.check('column profile');
    await show('evaluate.metrics');
    await results.locator('.metric-tiles dt').first().waitFor();
    await audit.check('metrics');
    await show('evaluate.chart');
    await expect.poll(() => results.locator('.chart canvas, .chart svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await audit.check('chart');
    await show('gate.report');
    await results.locator('.report p').first().waitFor();
    await audit.check('validation report');
    await show('train.model');
    await results.locator('.model-card').waitFor();
    await audit.check('model card');
    await page
      .getByRole('button', { name: /timeline/i })
      .first()
      .click();
    await page.getByRole('region', { name: 'Run timeline' }).waitFor();
    await audit.check('run timeline');
    audit.expectNone();
    await page.context().close();
  }, 180_000);

  it('the server pages, with details open', async () => {
    const page = await openPage('#/runs');
    const audit = new Audit(page);
    // A loaded machine (the server still busy with the previews above) may take a while to answer.
    await page.getByRole('table', { name: 'Runs' }).locator('tbody tr').first().waitFor({ timeout: 90_000 });
    await audit.check('runs page');

    await page.getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('button', { name: 'Details of nightly' }).click();
    await page.getByRole('region', { name: 'Schedule details' }).locator('li').first().waitFor();
    await audit.check('schedules page');
    await page.getByText('New schedule').click();
    await page.getByRole('button', { name: 'Edit nightly' }).click();
    await page.getByRole('form', { name: 'Options of nightly' }).waitFor();
    await audit.check('schedule forms, new and edit');

    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('button', { name: 'Details of housing-price' }).click();
    await page.getByRole('region', { name: 'Card of v1' }).waitFor();
    await page.getByRole('checkbox', { name: 'Compare v1' }).check();
    await audit.check('models page');

    await page.getByRole('link', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'Details of housing' }).click();
    await page.getByRole('region', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('predict-answer').waitFor();
    await page.getByText('New endpoint').click();
    await audit.check('endpoints page');

    await page.getByRole('link', { name: 'Plugins' }).click();
    await page.getByText('No plugins installed.').waitFor();
    await audit.check('plugins page');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.locator('tr[data-user="ada"]').waitFor();
    await audit.check('users page');

    // Without a token: the sign-in page.
    const signIn = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    const signInPage = await signIn.newPage();
    await signInPage.goto(server.url);
    await signInPage.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 90_000 });
    const signInAudit = new Audit(signInPage);
    await signInAudit.check('sign-in page');
    signInAudit.expectNone();
    await signIn.close();
    audit.expectNone();
    await page.context().close();
  }, 300_000);
});
