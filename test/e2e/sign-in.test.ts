import { resolve } from 'node:path';
import type { RunningServer } from '@causeway/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots } from './editor-app';
import { type ServedEditor, startServedEditor } from './served-editor';

let server: RunningServer;
let browser: Browser;
let served: ServedEditor;
let admin: string;

const password = 'correct horse battery';

beforeAll(async () => {
  served = await startServedEditor('causeway-sign-in-');
  ({ server, browser } = served);
  admin = served.adminToken;
}, 240_000);

afterAll(async () => {
  await served?.close();
});

/** Calls the real API as a token would; answers the status and the body. */
async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path.slice(1)}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A new browser tab with nothing kept (no token, no autosave); page errors are collected. */
async function freshPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function signIn(page: Page, name: string, secret: string): Promise<void> {
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(secret);
  await page.getByLabel('Password').press('Enter');
}

describe('signing in to the editor', () => {
  it('an admin creates a user on the Users page and changes their role', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${server.url}?token=${admin}#/users`);
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByText('New user').click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('ada');
    await form.getByLabel('Role').selectOption('developer');
    // The browser refuses a short password before the server is asked.
    await form.getByLabel(/^Password/).fill('short');
    await form.getByRole('button', { name: 'Create user' }).click();
    expect(await page.locator('tr[data-user="ada"]').count()).toBe(0);
    await form.getByLabel(/^Password/).fill('first password of ada');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = page.locator('tr[data-user="ada"]');
    await expect.poll(() => row.getByRole('combobox', { name: 'Role of ada' }).inputValue()).toBe('developer');
    await row.getByRole('combobox', { name: 'Role of ada' }).selectOption('analyst');
    await expect
      .poll(async () => ((await call(admin, 'GET', '/api/users')).body as { items: Array<{ name: string; role: string }> }).items)
      .toContainEqual(expect.objectContaining({ name: 'ada', role: 'analyst' }));
    // Resetting the password from the page: the next test signs in with the new one.
    await row.getByRole('button', { name: 'Reset password of ada' }).click();
    const reset = page.getByRole('region', { name: 'New password for ada' });
    await reset.getByLabel(/^Password/).fill(password);
    await reset.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('status').getByText('ada has a new password').waitFor();
    // Disabling and enabling again.
    await row.getByRole('button', { name: 'Disable ada' }).click();
    await expect.poll(() => row.locator('.status-pill').textContent()).toBe('disabled');
    await row.getByRole('button', { name: 'Enable ada' }).click();
    await expect.poll(() => row.locator('.status-pill').textContent()).toBe('active');
    // A second user with the same name is refused, and the page says so.
    await form.getByLabel('Name').fill('ada');
    await form.getByLabel(/^Password/).fill(password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/ada/);
    await page.screenshot({ path: resolve(screenshots, 'sign-in-users-page.png') });

    // An API token from the URL is forgotten, not signed out; the tab then asks to sign in.
    await nav.getByRole('button', { name: 'Forget token' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await call(admin, 'GET', '/api/auth/me')).status).toBe(200);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('without a token asks to sign in, says when the password is wrong, and shows the app with the user’s role', async () => {
    const { page, errors } = await freshPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('.palette-item').count()).toBe(0);
    // A first-time user learns about the link `npm start` prints and where its admin token is kept.
    const firstStart = page.getByRole('region', { name: 'First time here?' });
    expect(await firstStart.textContent()).toMatch(/npm start.*\?token=cw_.*\.causeway\/admin\.token/s);
    await signIn(page, 'ada', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong user name or password (or the user is disabled).');
    await page.screenshot({ path: resolve(screenshots, 'sign-in-wrong-password.png') });

    await signIn(page, 'ada', password);
    const nav = page.getByRole('navigation', { name: 'Pages' }).first();
    await expect.poll(() => nav.locator('.whoami').textContent(), { timeout: 30_000 }).toBe('ada · analyst');
    await page.locator('.palette-item').first().waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);

    // Unsaved work survives the session ending: the admin resets the password, which ends ada's sessions.
    await page.getByLabel('Graph name').fill('Unsaved work of ada');
    const users = (await call(admin, 'GET', '/api/users')).body as { items: Array<{ id: string; name: string }> };
    const ada = users.items.find((u) => u.name === 'ada');
    expect((await call(admin, 'PATCH', `/api/users/${ada?.id}`, { password: `${password}!` })).status).toBe(200);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your session has ended.').waitFor();
    await signIn(page, 'ada', `${password}!`);
    await expect.poll(() => page.getByLabel('Graph name').inputValue(), { timeout: 30_000 }).toBe('Unsaved work of ada');

    // Signing out ends the session on the server and returns to the sign-in screen.
    const session = await page.evaluate(() => sessionStorage.getItem('causeway.token'));
    expect(session).toBeTruthy();
    expect((await call(session ?? '', 'GET', '/api/auth/me')).status).toBe(200);
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await call(session ?? '', 'GET', '/api/auth/me')).status).toBe(401);

    // A token the server does not know is refused and forgotten: the tab asks to sign in instead.
    await page.goto(`${server.url}?token=cw_not_a_token`);
    await page.getByText('The server refused the token this tab had.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('causeway.token'))).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
