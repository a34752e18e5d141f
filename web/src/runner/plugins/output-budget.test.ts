import { defineNode, port } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outputTableBytes, withOutputBudget } from './output-budget';

const widen = defineNode({
  type: '@acme/p/widen',
  version: 1,
  category: 'plugin',
  title: 'Widen',
  description: 'Returns a table of `rows` float64 values.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({ rows: z.number().int() }),
  infer: () => ({}),
  run: ({ config }) => ({ table: tableFromArrays({ x: new Float64Array(config.rows) }) }),
});

describe('the output budget of a plugin node in the browser', () => {
  it('weighs the buffers of the tables a node returns', () => {
    expect(outputTableBytes({ table: tableFromArrays({ x: new Float64Array(1000), y: new Int32Array(1000) }) })).toBe(12_000);
    expect(outputTableBytes({ value: 3 })).toBe(0);
    expect(outputTableBytes(undefined)).toBe(0);
  });

  it('passes a node within the budget and fails one past it with PLUGIN_LIMIT, naming the node and both sizes', async () => {
    const budgeted = withOutputBudget(widen, 2 * 1024 ** 2);
    const { outputs } = await runNode(budgeted, { inputs: {}, config: { rows: 1_000 } });
    expect((outputs.table as { numRows: number }).numRows).toBe(1_000);
    const failed = runNode(budgeted, { inputs: {}, config: { rows: 300_000 } });
    await expect(failed).rejects.toMatchObject({ code: 'PLUGIN_LIMIT' });
    await expect(failed).rejects.toThrow(/\(@acme\/p\/widen\) returned 2.3 MB of tables, more than the 2.0 MB/);
  });
});
