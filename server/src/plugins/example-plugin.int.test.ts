import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { buildPlugin } from './build-plugin';
import { installThroughApi, runToEnd } from './test-support/plugin-runs';

const textPlugin = fileURLToPath(new URL('../../../plugins/text-features/src/index.ts', import.meta.url));
const textPackage = fileURLToPath(new URL('../../../plugins/text-features/package.json', import.meta.url));

describe('the example text plugin, installed on the server', () => {
  let t: RunsTestApp;
  beforeAll(async () => {
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    const response = await installThroughApi(t, await buildPlugin({ file: textPlugin }, JSON.parse(await readFile(textPackage, 'utf8'))));
    expect(response.status, await response.clone().text()).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  test('tokenizes a string column inside the sandbox', async () => {
    const graph = {
      format: 'causeway.graph/1',
      id: 'reviews',
      name: 'Reviews',
      requires: { '@causeway/plugin-text': '^1.0.0' },
      nodes: [
        {
          id: 'load',
          type: 'source.inline',
          version: 1,
          config: { columns: [{ name: 'review', type: 'string' }], rows: [['The food was GREAT!'], ['Slow service, cold food.']] },
          position: [0, 0],
        },
        { id: 'tokens', type: '@causeway/plugin-text/tokenize', version: 1, config: { column: 'review' }, position: [200, 0] },
      ],
      edges: [{ from: 'load.table', to: 'tokens.table' }],
    };
    const run = await runToEnd(t, graph);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${run.id}/outputs/tokens/table`)).json()) as { rows: unknown[] };
    expect(page.rows).toEqual([
      { review: 'The food was GREAT!', review_tokens: 'food great' },
      { review: 'Slow service, cold food.', review_tokens: 'slow service cold food' },
    ]);
  });
});
