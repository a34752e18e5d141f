import type { Graph } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from './journey-ui';
import { openSeededEditor } from './open-seeded-editor';
import { type ServedEditor, startServedEditor } from './served-editor';

let served: ServedEditor;

beforeAll(async () => {
  served = await startServedEditor('causeway-e2e-reader-schemas-');
}, 240_000);

afterAll(async () => {
  await served?.close();
});

async function call(token: string, method: string, path: string, body?: string, type = 'application/json'): Promise<unknown> {
  const response = await fetch(new URL(path, served.server.url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A CSV source reading the uploaded file, and an aggregate whose key picker lists the file's columns. */
const graph: Graph = {
  format: 'causeway.graph/1',
  id: 'reader-schemas',
  name: 'Reader schemas',
  nodes: [
    { id: 'shops', type: 'source.csv', version: 1, position: [0, 0], config: { file: 'shop-visits.csv' } },
    { id: 'totals', type: 'transform.aggregate', version: 1, position: [360, 0], config: { keys: [], aggregates: [] } },
  ],
  edges: [{ from: 'shops.table', to: 'totals.table' }],
} as unknown as Graph;

describe('a reader (no right to upload or save) opening a graph that reads an uploaded file', () => {
  it('sees the file’s columns at design time, as an editor does', async () => {
    const { server, browser, adminToken } = served;
    await call(
      adminToken,
      'POST',
      '/api/files?name=shop-visits.csv',
      'shop,visitors,opened\nNorth,12,2024-01-02\nSouth,7,2024-03-04\n',
      'text/csv',
    );
    const { token } = (await call(adminToken, 'POST', '/api/tokens', JSON.stringify({ name: 'reader', role: 'developer' }))) as {
      token: string;
    };
    const { page, errors } = await openSeededEditor(browser, `${server.url}?token=${token}`, graph, {
      selector: '[data-node-id="totals"]',
      what: 'the seeded graph',
    });
    // A reader cannot save (the role really is read-only here).
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    const inspector = await inspect(page, 'totals');
    for (const column of ['shop', 'visitors', 'opened'])
      await expect.poll(() => inspector.getByRole('checkbox', { name: new RegExp(`^${column}\\b`) }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
